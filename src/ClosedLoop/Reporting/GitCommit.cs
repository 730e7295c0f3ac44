namespace ClosedLoop.Reporting;

/// <summary>
/// Finds the commit checked out in the git repository containing a directory by reading <c>.git</c> files directly
/// (no <c>git</c> process): <c>HEAD</c>, loose refs and <c>packed-refs</c>; linked worktrees (a <c>.git</c> file with
/// <c>gitdir:</c> and a <c>commondir</c>) are followed. Returns null when there is no repository or it cannot be read.
/// </summary>
public static class GitCommit
{
    private const int MaxSymbolicDepth = 5;

    /// <summary>The commit hash of HEAD for the repository containing <paramref name="directory"/>, or null.</summary>
    public static string? Find(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
            {
                string? gitDir = GitDirOf(dir.FullName);
                if (gitDir is not null) return ResolveHead(gitDir);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        return null;
    }

    private static string? GitDirOf(string directory)
    {
        string dotGit = Path.Combine(directory, ".git");
        if (Directory.Exists(dotGit)) return dotGit;
        if (!File.Exists(dotGit)) return null;
        string text = File.ReadAllText(dotGit).Trim();
        const string prefix = "gitdir:";
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return Path.GetFullPath(Path.Combine(directory, text[prefix.Length..].Trim()));
    }

    private static string? ResolveHead(string gitDir)
    {
        string commonDir = gitDir;
        string commonFile = Path.Combine(gitDir, "commondir");
        if (File.Exists(commonFile)) commonDir = Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim()));
        string? content = ReadTrimmed(Path.Combine(gitDir, "HEAD"));
        for (int depth = 0; content is not null && depth < MaxSymbolicDepth; depth++)
        {
            if (IsHash(content)) return content.ToLowerInvariant();
            if (!content.StartsWith("ref:", StringComparison.Ordinal)) return null;
            string name = content[4..].Trim();
            content = ReadTrimmed(Path.Combine(gitDir, name)) ?? ReadTrimmed(Path.Combine(commonDir, name)) ?? FindPacked(commonDir, name);
        }
        return null;
    }

    private static string? FindPacked(string commonDir, string refName)
    {
        string path = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(path)) return null;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith('^')) continue;
            int space = line.IndexOf(' ');
            if (space > 0 && line[(space + 1)..].Trim() == refName) return line[..space];
        }
        return null;
    }

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static bool IsHash(string s) => s.Length is 40 or 64 && s.All(Uri.IsHexDigit);
}
