using System.Security.Cryptography;
using System.Text.Json;

namespace ClosedLoop.Reporting;

/// <summary>What to do with inputs that no longer match the SHA-256 their manifest recorded.</summary>
public enum EditedInputs
{
    /// <summary>Refuse: an edited input is bad input (exit 2) and nothing is written.</summary>
    Refuse,
    /// <summary>Go on (<c>--trust-edits</c>); the manifest keeps the original hashes, so the edit stays visible.</summary>
    Trust,
}

/// <summary>
/// Compares the files of a run directory with the SHA-256 recorded in its <c>manifest.json</c>: a file edited (or
/// deleted) after the run was written is found before anything reads it.
/// </summary>
public static class ManifestCheck
{
    /// <summary>
    /// The files listed in the manifest of <paramref name="runDirectory"/> that are missing or whose content no longer
    /// has the recorded hash, in the manifest's order; <paramref name="skip"/> excludes paths (relative, with <c>/</c>)
    /// that are outputs rather than inputs. Empty when the manifest lists no files.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(string runDirectory, Func<string, bool>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var bad = new List<string>();
        foreach (var (relative, hash) in RecordedHashes(runDirectory))
        {
            if (skip?.Invoke(relative) == true) continue;
            string path = Path.Combine(runDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path) || !string.Equals(Hash(path), hash, StringComparison.OrdinalIgnoreCase)) bad.Add(relative);
        }
        return bad;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> ("metrics.csv does not match the manifest …") when an input of
    /// <paramref name="runDirectory"/> was edited, unless <paramref name="policy"/> trusts edits; returns the
    /// mismatching files (empty when all match).
    /// </summary>
    public static IReadOnlyList<string> Verify(string runDirectory, EditedInputs policy, Func<string, bool>? skip = null, string trustOption = "--trust-edits")
    {
        var bad = Mismatches(runDirectory, skip);
        if (bad.Count > 0 && policy == EditedInputs.Refuse)
        {
            string which = bad.Count == 1 ? bad[0] : $"{bad[0]} (and {bad.Count - 1} more file{(bad.Count > 2 ? "s" : "")})";
            string verb = bad.Count == 1 ? "does" : "do";
            bool missing = !File.Exists(Path.Combine(runDirectory, bad[0]));
            throw new ArgumentException($"{which} {verb} not match the manifest of '{runDirectory}' ({(missing ? "missing" : "changed")} since the run was written): "
                + $"restore the original, or pass {trustOption} to analyse the files as they are");
        }
        return bad;
    }

    /// <summary>Lowercase hex SHA-256 of a file.</summary>
    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static IEnumerable<KeyValuePair<string, string>> RecordedHashes(string runDirectory)
    {
        string manifest = Path.Combine(runDirectory, RunManifest.FileName);
        if (!File.Exists(manifest)) return [];
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            if (!doc.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object) return [];
            return files.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")).ToList();
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new ArgumentException($"'{manifest}' is not valid JSON{where}: {JsonFiles.Reason(e)}");
        }
    }
}
