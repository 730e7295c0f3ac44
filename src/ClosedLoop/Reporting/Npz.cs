using System.IO.Compression;

namespace ClosedLoop.Reporting;

/// <summary>
/// Several named arrays in one NumPy <c>.npz</c> file: an uncompressed (stored) zip whose entries are
/// <c>&lt;name&gt;.npy</c>, as written by <c>numpy.savez</c>. Load in Python with <c>numpy.load(path)[name]</c>.
/// Entries are written in ordinal order of their names with fixed zip metadata (timestamps 1980-01-01), so the same
/// arrays always give the same bytes; the file is written atomically.
/// </summary>
public static class Npz
{
    /// <summary>Writes <paramref name="arrays"/> (name → array) to <paramref name="path"/> atomically.</summary>
    /// <remarks>Names must be non-empty, unique and free of <c>/</c>, <c>\</c> and control characters.</remarks>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var entries = new List<(string Name, byte[] Data)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, array) in arrays.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            CheckName(name);
            if (!seen.Add(name)) throw new ArgumentException($"array name '{name}' appears twice; names must be unique", nameof(arrays));
            ArgumentNullException.ThrowIfNull(array, $"arrays['{name}']");
            entries.Add((name + ".npy", Npy.ToBytes(array)));
        }
        AtomicFile.Write(path, stream => StoredZip.Write(stream, entries));
    }

    /// <summary>
    /// Writes the <c>.npy</c> files <paramref name="npyFiles"/> (name → path) into one archive at <paramref name="path"/>
    /// atomically, streaming each file into one stored entry (nothing is held in memory), with the same ordering and
    /// fixed metadata as <see cref="Write"/>.
    /// </summary>
    public static void WriteFiles(string path, IEnumerable<KeyValuePair<string, string>> npyFiles)
    {
        ArgumentNullException.ThrowIfNull(npyFiles);
        var entries = new List<StoredZip.Source>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, file) in npyFiles.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            CheckName(name);
            if (!seen.Add(name)) throw new ArgumentException($"array name '{name}' appears twice; names must be unique", nameof(npyFiles));
            entries.Add(StoredZip.Source.FromFile(name + ".npy", file));
        }
        AtomicFile.Write(path, stream => StoredZip.Write(stream, entries));
    }

    /// <summary>Reads every <c>.npy</c> entry of the archive at <paramref name="path"/>, keyed by name without the
    /// extension and sorted ordinally. Compressed archives (<c>numpy.savez_compressed</c>) are read too.</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var result = new SortedDictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            using Stream stream = entry.Open();
            result[entry.FullName[..^4]] = Npy.Read(stream);
        }
        return result;
    }

    internal static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/') || name.Contains('\\') || name.Any(char.IsControl))
            throw new ArgumentException($"array name '{name}' is not allowed: use a non-empty name without '/', '\\' or control characters", nameof(name));
    }
}
