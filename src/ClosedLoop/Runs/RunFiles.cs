using ClosedLoop.Reporting;

namespace ClosedLoop.Runs;

/// <summary>
/// The entries of a run directory that the program owns: what <c>train</c> and <c>analyze</c> write there
/// (<c>manifest.json</c>, <c>metrics.csv</c>, <c>summary.json</c>, <c>arrays/</c>, <c>teacher/</c>, <c>analysis/</c>, the
/// checkpoint of an interrupted run), the
/// lock file and unfinished temporary files. <c>--force</c> deletes these and nothing else, and the manifest hashes
/// only these: a user's own files beside a run (notes, plots) are never deleted, hashed or checked
/// (docs/errors-and-limits.md).
/// </summary>
public static class RunFiles
{
    /// <summary>Top-level names a run writes; the folders among them are the program's as a whole.</summary>
    public static readonly IReadOnlyList<string> OwnedNames =
        [RunManifest.FileName, "metrics.csv", RunSummary.FileName, "arrays", "teacher", "analysis", CheckpointFile.FileName];

    /// <summary>True for a top-level entry of a run directory that the program owns.</summary>
    public static bool IsOwned(string name) =>
        OwnedNames.Contains(name) || name == DirectoryLock.FileName || AtomicFile.IsTemporaryName(name);

    /// <summary>True for a path relative to the run directory (with <c>/</c>) that lies in an owned entry.</summary>
    public static bool IsOwnedPath(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        int slash = relative.IndexOf('/');
        return IsOwned(slash < 0 ? relative : relative[..slash]);
    }
}
