using ClosedLoop.Reporting;

namespace ClosedLoop.Experiments;

/// <summary>
/// The <c>manifest.json</c> of an experiment folder (<c>&lt;out&gt;/&lt;name&gt;/</c>), like a run directory's: what produced
/// it (tool, version, runtime, commit), when, at which size and with which seeds, every run it read (its key in the
/// experiment's grid and its directory under <c>runs/</c>), and the SHA-256 of every file of the folder. Written last,
/// after claims.json, report.md, the figures and tables.
/// </summary>
public sealed record ExperimentManifest
{
    /// <summary>File name inside the experiment folder.</summary>
    public const string FileName = RunManifest.FileName;

    public required string Tool { get; init; }
    public required string ToolVersion { get; init; }
    public required string Runtime { get; init; }
    public required string Os { get; init; }
    public required string Architecture { get; init; }
    public string? GitCommit { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required DateTime FinishedUtc { get; init; }
    /// <summary>The experiment's registry name.</summary>
    public required string Experiment { get; init; }
    public required string Description { get; init; }
    /// <summary>smoke, quick or full.</summary>
    public required ExperimentSize Size { get; init; }
    /// <summary>The user's <c>--seeds</c>, or null for the experiment's defaults.</summary>
    public int? SeedCount { get; init; }
    /// <summary>The root seeds of the runs read, ascending.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }
    /// <summary>Every run read, with its key.</summary>
    public required IReadOnlyList<GridEntry> Runs { get; init; }
    /// <summary>Relative path → SHA-256 of every file of the folder (this manifest aside), sorted by path.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }

    /// <summary>Hashes the folder of <paramref name="report"/> and writes its manifest; returns the path.</summary>
    public static string Write(string directory, ExperimentReport report, ExperimentSize size, int? seedCount, DateTime startedUtc)
    {
        var env = RunManifest.Start("closedloop reproduce", null, new Dictionary<string, long>(), startedUtc);
        var seeds = report.Output.Runs.Select(r => r.Seed).Distinct().Order().ToList();
        var manifest = new ExperimentManifest
        {
            Tool = env.Tool, ToolVersion = env.ToolVersion, Runtime = env.Runtime, Os = env.Os, Architecture = env.Architecture,
            GitCommit = env.GitCommit, StartedUtc = env.StartedUtc, FinishedUtc = DateTime.UtcNow,
            Experiment = report.Name, Description = report.Description, Size = size, SeedCount = seedCount, Seeds = seeds,
            Runs = report.Output.Runs, Files = RunManifest.HashFiles(directory),
        };
        string path = Path.Combine(directory, FileName);
        JsonFiles.Write(path, manifest);
        return path;
    }

    /// <summary>Reads an experiment manifest.</summary>
    public static ExperimentManifest Read(string path) => JsonFiles.Read<ExperimentManifest>(path);
}
