using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ClosedLoop.Numerics;

namespace ClosedLoop.Reporting;

/// <summary>
/// The <c>manifest.json</c> of a run directory: what produced the outputs (tool and version, .NET runtime, OS, git
/// commit), when (UTC start and finish), with which seeds and settings (the settings record serialised as-is by
/// <see cref="JsonFiles"/>), and a SHA-256 of every output file. Create with <see cref="Start"/> when the run begins,
/// then <c>Finish</c> and <see cref="Write"/> after every other output is complete.
/// </summary>
public sealed record RunManifest
{
    /// <summary>File name of the manifest inside a run directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Name of the producing tool (e.g. <c>closedloop</c>).</summary>
    public required string Tool { get; init; }

    /// <summary>Informational version of the ClosedLoop library assembly.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>.NET runtime description, e.g. <c>.NET 10.0.0</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>Operating-system description.</summary>
    public required string Os { get; init; }

    /// <summary>Process architecture, e.g. <c>X64</c>.</summary>
    public required string Architecture { get; init; }

    /// <summary>Commit of the git repository around the working directory, or null if none was found.</summary>
    public string? GitCommit { get; init; }

    /// <summary>UTC time the run started.</summary>
    public required DateTime StartedUtc { get; init; }

    /// <summary>UTC time the run finished, or null while running.</summary>
    public DateTime? FinishedUtc { get; init; }

    /// <summary>Named seeds of the run (e.g. <c>seed</c>, <c>eval_seed</c>), sorted by name.</summary>
    public IReadOnlyDictionary<string, long> Seeds { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The settings record actually used, serialised by its runtime type (a JsonElement after <see cref="Read"/>).</summary>
    public object? Settings { get; init; }

    /// <summary>Relative path (with <c>/</c>) → lowercase SHA-256 hex of every output file, sorted by path.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A manifest for a run starting now (or at <paramref name="startedUtc"/>), with environment fields
    /// filled in and the git commit looked up from <paramref name="gitSearchDirectory"/> (default: current directory).</summary>
    public static RunManifest Start(string tool, object? settings, IReadOnlyDictionary<string, long> seeds,
        DateTime? startedUtc = null, string? gitSearchDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(tool)) throw new ArgumentException($"tool = '{tool}' must be a non-empty name", nameof(tool));
        ArgumentNullException.ThrowIfNull(seeds);
        return new RunManifest
        {
            Tool = tool,
            ToolVersion = LibraryVersion(),
            Runtime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
            GitCommit = Reporting.GitCommit.Find(gitSearchDirectory ?? Directory.GetCurrentDirectory()),
            StartedUtc = (startedUtc ?? DateTime.UtcNow).ToUniversalTime(),
            Seeds = new SortedDictionary<string, long>(seeds.ToDictionary(), StringComparer.Ordinal),
            Settings = settings,
        };
    }

    /// <summary>The seeds of <paramref name="streams"/> as manifest entries <c>seed</c> and <c>eval_seed</c>.</summary>
    public static IReadOnlyDictionary<string, long> SeedsOf(RandomStreams streams) =>
        new SortedDictionary<string, long>(StringComparer.Ordinal) { ["seed"] = streams.Seed, ["eval_seed"] = streams.EvalSeed };

    /// <summary>This manifest with the finish time set and <see cref="Files"/> hashed from <paramref name="runDirectory"/>.</summary>
    public RunManifest Finish(string runDirectory, DateTime? finishedUtc = null) =>
        this with { FinishedUtc = (finishedUtc ?? DateTime.UtcNow).ToUniversalTime(), Files = HashFiles(runDirectory) };

    /// <summary>This manifest finished now, hashing only the files whose relative path <paramref name="include"/> accepts.</summary>
    public RunManifest Finish(string runDirectory, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        return this with { FinishedUtc = DateTime.UtcNow, Files = HashFiles(runDirectory, [FileName], include) };
    }

    /// <summary>Writes this manifest to <c>&lt;runDirectory&gt;/manifest.json</c> atomically and returns the path.</summary>
    public string Write(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        JsonFiles.Write(path, this);
        return path;
    }

    /// <summary>Reads a manifest file.</summary>
    public static RunManifest Read(string path) => JsonFiles.Read<RunManifest>(path);

    /// <summary>
    /// SHA-256 (lowercase hex) of every file under <paramref name="runDirectory"/>, keyed by path relative to it with
    /// <c>/</c> separators, sorted ordinally. Skips <paramref name="excluding"/> (relative paths; default
    /// <c>manifest.json</c>), in-flight temporary files of <see cref="AtomicFile"/> and <see cref="DirectoryLock"/> files.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HashFiles(string runDirectory, params string[] excluding) =>
        HashFiles(runDirectory, excluding, _ => true);

    private static SortedDictionary<string, string> HashFiles(string runDirectory, string[] excluding, Func<string, bool> include)
    {
        if (!Directory.Exists(runDirectory))
            throw new ArgumentException($"runDirectory = '{runDirectory}' does not exist", nameof(runDirectory));
        var skip = new HashSet<string>(excluding.Length == 0 ? [FileName] : excluding, StringComparer.Ordinal);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(runDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(runDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            string name = Path.GetFileName(file);
            if (skip.Contains(relative) || AtomicFile.IsTemporaryName(name) || name == DirectoryLock.FileName || !include(relative)) continue;
            using var stream = File.OpenRead(file);
            result[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        return result;
    }

    private static string LibraryVersion()
    {
        var assembly = typeof(RunManifest).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
