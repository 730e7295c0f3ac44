using System.Text;

namespace ClosedLoop.Reporting;

/// <summary>
/// Writes output files atomically: the content goes to a temporary file in the same directory
/// (named <c>.&lt;name&gt;.&lt;pid&gt;-&lt;n&gt;.tmp</c>), which is flushed to disk and renamed over the target only when
/// it is complete. An exception while writing deletes the temporary file and leaves any existing target
/// untouched, so an interrupted run never leaves a half-written file that looks whole. Parent directories
/// are created as needed. Text is written as UTF-8 without a byte-order mark.
/// </summary>
public static class AtomicFile
{
    private static long _counter;

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Opens a temporary file beside <paramref name="path"/>, lets <paramref name="write"/> fill it, then renames it
    /// to <paramref name="path"/>. If <paramref name="write"/> throws, the temporary file is deleted, the target is
    /// untouched and the exception propagates.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var pending = Begin(path);
        write(pending.Stream);
        pending.Commit();
    }

    /// <summary>
    /// Starts an atomic write that stays open across calls (for streaming writers): write to
    /// <see cref="PendingFile.Stream"/>, then call <see cref="PendingFile.Commit"/>. Disposing a pending file that
    /// was not committed deletes the temporary file and leaves no target.
    /// </summary>
    public static PendingFile Begin(string path)
    {
        string full = CheckPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        long n = Interlocked.Increment(ref _counter);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{n}.tmp");
        return new PendingFile(full, temp);
    }

    /// <summary>
    /// Continues an atomic write that an earlier process left pending (a checkpointed run, see
    /// <see cref="PendingFile.Detach"/>): reopens the temporary file <paramref name="tempFileName"/> beside
    /// <paramref name="path"/>, cuts it to its first <paramref name="length"/> bytes (what was written when the
    /// checkpoint was taken) and positions the stream at the end.
    /// </summary>
    public static PendingFile Reopen(string path, string tempFileName, long length)
    {
        string full = CheckPath(path);
        if (!IsTemporaryName(tempFileName) || tempFileName != Path.GetFileName(tempFileName))
            throw new InvalidDataException($"'{tempFileName}' is not the name of a temporary file of '{Path.GetFileName(full)}'");
        string temp = Path.Combine(Path.GetDirectoryName(full)!, tempFileName);
        if (!File.Exists(temp)) throw new InvalidDataException($"the partial file '{tempFileName}' is missing");
        long found = new FileInfo(temp).Length;
        if (found < length) throw new InvalidDataException($"the partial file '{tempFileName}' has {found} bytes, fewer than the {length} saved");
        return new PendingFile(full, temp, length);
    }

    /// <summary>True if <paramref name="fileName"/> has the shape of this class's temporary files.</summary>
    public static bool IsTemporaryName(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    private static string CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"path = '{path}' must be a non-empty file path", nameof(path));
        string full = Path.GetFullPath(path);
        if (string.IsNullOrEmpty(Path.GetFileName(full)))
            throw new ArgumentException($"path = '{path}' names a directory; a file name is required", nameof(path));
        if (Directory.Exists(full))
            throw new ArgumentException($"path = '{path}' is an existing directory; a file path is required", nameof(path));
        return full;
    }
}

/// <summary>
/// An atomic write in progress (see <see cref="AtomicFile.Begin"/>): a temporary file that becomes
/// <see cref="TargetPath"/> on <see cref="Commit"/>, or disappears on <see cref="Dispose"/> without commit.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;
    private bool _disposed;

    internal PendingFile(string targetPath, string tempPath, long? reopenAt = null)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        _stream = new FileStream(tempPath, reopenAt is null ? FileMode.CreateNew : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        if (reopenAt is { } length)
        {
            _stream.SetLength(length);
            _stream.Position = length;
        }
    }

    /// <summary>The final path, which exists only after <see cref="Commit"/>.</summary>
    public string TargetPath { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>The writable, seekable stream of the temporary file.</summary>
    public Stream Stream
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed || _committed, this);
            return _stream;
        }
    }

    /// <summary>Whether <see cref="Commit"/> has completed.</summary>
    public bool IsCommitted => _committed;

    /// <summary>
    /// Flushes the temporary file and renames it over <see cref="TargetPath"/>. The rename makes the file appear
    /// whole or not at all to other processes; there is no fsync (a run writes thousands of small files, and the
    /// guarantee sought is against interrupted runs, not power loss).
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) throw new InvalidOperationException($"the write of '{TargetPath}' is already committed");
        _stream.Flush();
        _stream.Dispose();
        File.Move(TempPath, TargetPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Bytes written to the temporary file so far, all handed to the operating system (flushes first).</summary>
    public long FlushedLength()
    {
        ObjectDisposedException.ThrowIf(_disposed || _committed, this);
        _stream.Flush();
        return _stream.Length;
    }

    /// <summary>
    /// Closes the stream and keeps the temporary file, to be continued by <see cref="AtomicFile.Reopen"/> (a
    /// checkpoint refers to it). A later <see cref="Dispose"/> does nothing.
    /// </summary>
    public void Detach()
    {
        if (_disposed || _committed) return;
        _disposed = true;
        _stream.Dispose();
    }

    /// <summary>Closes the stream; deletes the temporary file if the write was not committed.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_committed) return;
        _stream.Dispose();
        try { File.Delete(TempPath); }
        catch (IOException) { /* best effort: a leftover temp file is never mistaken for the target */ }
    }
}
