namespace ClosedLoop.Reporting;

/// <summary>
/// Checks a directory a command will write, before anything is written, so that a bad path is bad input (exit 2,
/// one line naming the option) rather than an I/O failure halfway: not empty, not a file, not inside a file, and
/// writable (probed with a temporary file that deletes itself). Nothing is created.
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="option"/> (e.g. <c>--out</c>) when
    /// <paramref name="path"/> cannot be the output directory; returns its full path.</summary>
    public static string CheckDirectory(string option, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty: give a directory path");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{option} = '{path}' is not a valid path: {e.Message}");
        }
        if (File.Exists(full)) throw new ArgumentException($"{option} = '{path}' is a file, not a directory: choose a directory");
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new ArgumentException($"{option} = '{path}' is inside '{existing}', which is a file, not a directory");
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) throw new ArgumentException($"{option} = '{path}' has no existing parent directory");
        if (!CanWrite(existing, out string reason))
            throw new ArgumentException(existing == full
                ? $"{option} = '{path}' is not writable ({reason})"
                : $"{option} = '{path}' cannot be created: '{existing}' is not writable ({reason})");
        return full;
    }

    /// <summary>Throws naming <paramref name="option"/> unless <paramref name="path"/> is an existing, writable directory.</summary>
    public static string CheckExistingDirectory(string option, string? path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty: give {what}");
        if (File.Exists(path)) throw new ArgumentException($"{option} = '{path}' is a file, not a directory: give {what}");
        if (!Directory.Exists(path)) throw new ArgumentException($"{option} = '{path}' does not exist");
        if (!CanWrite(path, out string reason)) throw new ArgumentException($"{option} = '{path}' is not writable ({reason})");
        return Path.GetFullPath(path);
    }

    private static bool CanWrite(string directory, out string reason)
    {
        string probe = Path.Combine(directory, $".closedloop-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            reason = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = e is UnauthorizedAccessException ? "permission denied" : "a file cannot be created there";
            return false;
        }
    }
}
