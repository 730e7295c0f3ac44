using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>
/// A plan on disk: <c>&lt;dir&gt;/sweep.json</c>, the file a cluster task reads (it is given only the directory and its
/// index). Every run entry holds its <c>index</c>, its <c>directory</c> (relative to the plan's directory, '/'
/// separators), its <c>teacher</c> index or null, and its full <c>settings</c> (the <c>train --config</c> form); the
/// top-level <c>analyze</c> is the <see cref="FollowUp"/>. A sweep writes more fields (its spec, the varied values of
/// each run); readers of a plan ignore them. All runs of a plan live in one runs folder.
/// </summary>
public static class RunPlanFile
{
    /// <summary>The plan's file name inside its directory.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The value of the top-level <c>format</c> field.</summary>
    public const string Format = "closedloop-sweep/1";

    /// <summary>Options for writing plans: the project's JSON conventions.</summary>
    public static JsonSerializerOptions WriteOptions => JsonFiles.Options;

    /// <summary>Writes the plan alone (no sweep fields) to <c>&lt;directory&gt;/sweep.json</c>.</summary>
    public static void Write(string directory, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(directory);
        var root = Header(plan);
        root["runs"] = new JsonArray(plan.Runs.Select(r => (JsonNode)Entry(directory, plan, r)).ToArray());
        WriteNode(Path.Combine(directory, FileName), root);
    }

    /// <summary>The top-level fields every plan file has.</summary>
    public static JsonObject Header(RunPlan plan) => new()
    {
        ["format"] = Format,
        ["analyze"] = plan.FollowUp == FollowUp.Analyze,
    };

    /// <summary>The entry of <paramref name="run"/> for a plan file in <paramref name="planDirectory"/>.</summary>
    public static JsonObject Entry(string planDirectory, RunPlan plan, PlannedRun run) => new()
    {
        ["index"] = run.Index,
        ["directory"] = Relative(planDirectory, plan.Store.DirectoryOf(run.Name)),
        ["teacher"] = run.Teacher,
        ["settings"] = RunConfig.ToNode(run.Settings),
    };

    /// <summary>Writes a JSON document atomically in the project's form (indented, '\n', final newline).</summary>
    public static void WriteNode(string path, JsonNode node) => AtomicFile.WriteAllText(path, node.ToJsonString(WriteOptions) + "\n");

    /// <summary>True when <paramref name="directory"/> holds a plan file.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Reads the plan in <paramref name="directory"/>; every settings record is validated.</summary>
    public static RunPlan Read(string directory)
    {
        var root = ReadNode(directory);
        try
        {
            return Parse(directory, root);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Bad(directory, e.Message);
        }
    }

    private static RunPlan Parse(string directory, JsonObject root)
    {
        if (root["runs"] is not JsonArray runs || runs.Count == 0) throw Bad(directory, "it has no runs");
        string? storeRoot = null;
        var planned = new List<PlannedRun>();
        foreach (var (node, i) in runs.Select((n, i) => (n, i)))
        {
            if (node is not JsonObject o || o["directory"]?.GetValue<string>() is not { } rel || o["settings"] is not JsonObject s)
                throw Bad(directory, $"run {i} lacks its directory or settings");
            string full = Path.GetFullPath(Path.Combine(directory, rel));
            string parent = Path.GetDirectoryName(full)!;
            if (storeRoot is not null && parent != storeRoot) throw Bad(directory, $"run {i} is not in the runs folder of run 0 ({storeRoot})");
            storeRoot = parent;
            var settings = s.Deserialize<RunSettings>(SettingsJson.Options) ?? throw Bad(directory, $"run {i} has empty settings");
            int? teacher = o["teacher"] is JsonValue t ? t.GetValue<int>() : null;
            planned.Add(new PlannedRun(o["index"]?.GetValue<int>() ?? -1, Path.GetFileName(full), settings.Validated(), teacher));
        }
        var followUp = root["analyze"] is JsonValue a && a.GetValue<bool>() ? FollowUp.Analyze : FollowUp.None;
        return new RunPlan(new RunStore(storeRoot!), planned, followUp);
    }

    /// <summary>The JSON object of the plan file in <paramref name="directory"/>.</summary>
    public static JsonObject ReadNode(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"'{directory}' holds no sweep ({FileName} is missing)");
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject o && o["format"]?.GetValue<string>() == Format) return o;
        }
        catch (JsonException e)
        {
            throw Bad(directory, e.Message);
        }
        throw Bad(directory, $"its format is not {Format}");
    }

    /// <summary><paramref name="path"/> relative to <paramref name="from"/>, with '/' separators.</summary>
    public static string Relative(string from, string path) =>
        Path.GetRelativePath(Path.GetFullPath(from), Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');

    private static ArgumentException Bad(string directory, string why) =>
        new($"{Path.Combine(directory, FileName)} is not a readable sweep plan: {why}");
}
