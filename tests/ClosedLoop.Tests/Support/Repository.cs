namespace ClosedLoop.Tests.Support;

/// <summary>Files of the repository the tests run from (docs, tools, examples).</summary>
public static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ClosedLoop.slnx"))) return d.FullName;
        throw new InvalidOperationException($"no ClosedLoop.slnx above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root: the nearest folder above the test binaries that holds ClosedLoop.slnx.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path below the root, one segment per argument.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
