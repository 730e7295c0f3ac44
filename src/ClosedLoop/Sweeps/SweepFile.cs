using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>
/// <c>DIR/sweep.json</c>, the resolved plan of a sweep: the plan-file fields every task reads
/// (<see cref="RunPlanFile"/>: <c>format</c>, <c>analyze</c>, and per run <c>index</c>, <c>directory</c>,
/// <c>teacher</c>, <c>settings</c>) and the sweep's own: <c>metric</c>, <c>varied</c>, the <c>spec</c> as written,
/// <c>points</c> (index and values) and per run its <c>point</c>, <c>seed</c> and <c>mode</c>.
/// </summary>
public static class SweepFile
{
    /// <summary>Writes <paramref name="sweep"/> to <c><paramref name="directory"/>/sweep.json</c> atomically.</summary>
    public static void Write(string directory, SweepPlan sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var root = RunPlanFile.Header(sweep.Plan);
        root["metric"] = sweep.Metric;
        root["varied"] = new JsonArray(sweep.Varied.Select(k => (JsonNode)JsonValue.Create(k)).ToArray());
        root["spec"] = sweep.Source.DeepClone();
        root["points"] = new JsonArray(sweep.Points.Select(p => (JsonNode)new JsonObject
        {
            ["point"] = p.Index,
            ["values"] = Values(sweep.Varied, p.Values),
        }).ToArray());
        root["runs"] = new JsonArray(sweep.Runs.Select(r => (JsonNode)Entry(directory, sweep, r)).ToArray());
        RunPlanFile.WriteNode(Path.Combine(directory, RunPlanFile.FileName), root);
    }

    /// <summary>Reads the sweep in <paramref name="directory"/> (a clear error when it holds none).</summary>
    public static SweepPlan Read(string directory)
    {
        var plan = RunPlanFile.Read(directory);
        var root = RunPlanFile.ReadNode(directory);
        try
        {
            var varied = (root["varied"] as JsonArray ?? throw Missing(directory, "varied")).Select(v => v!.GetValue<string>()).ToList();
            var points = (root["points"] as JsonArray ?? throw Missing(directory, "points")).Select((p, i) =>
            {
                var values = p!["values"] as JsonObject ?? throw Missing(directory, $"points[{i}].values");
                return new SweepPoint(i, varied.Select(k => values[k]?.DeepClone()).ToList());
            }).ToList();
            var runs = ((JsonArray)root["runs"]!).Select((r, i) => new SweepRun(i, r!["point"]!.GetValue<int>(), r["seed"]!.GetValue<long>(),
                r["mode"]!.GetValue<string>() == "open" ? LoopMode.Open : LoopMode.Closed)).ToList();
            string metric = root["metric"]?.GetValue<string>() ?? "final_loss";
            var source = root["spec"] as JsonObject ?? throw Missing(directory, "spec");
            return new SweepPlan((JsonObject)source.DeepClone(), varied, points, runs, plan, metric);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or NullReferenceException)
        {
            throw new ArgumentException($"{Path.Combine(directory, RunPlanFile.FileName)} is not a sweep written by closedloop sweep: {e.Message}");
        }
    }

    /// <summary>True when two sweeps plan the same runs (same directories, teachers and settings, in the same order).</summary>
    public static bool SameRuns(SweepPlan a, SweepPlan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Plan.Runs.Count == b.Plan.Runs.Count && a.Plan.Runs.Zip(b.Plan.Runs).All(p =>
            p.First.Name == p.Second.Name && p.First.Teacher == p.Second.Teacher
            && JsonNode.DeepEquals(RunConfig.ToNode(p.First.Settings), RunConfig.ToNode(p.Second.Settings)))
            && a.Plan.FollowUp == b.Plan.FollowUp;
    }

    private static JsonObject Entry(string directory, SweepPlan sweep, SweepRun run)
    {
        var plain = RunPlanFile.Entry(directory, sweep.Plan, sweep.Plan.Runs[run.Index]);
        var entry = new JsonObject
        {
            ["index"] = run.Index,
            ["point"] = run.Point,
            ["seed"] = run.Seed,
            ["mode"] = run.Mode == LoopMode.Open ? "open" : "closed",
        };
        foreach (var (key, value) in plain.ToList())
        {
            if (entry.ContainsKey(key)) continue;
            plain.Remove(key);
            entry[key] = value;
        }
        return entry;
    }

    private static JsonObject Values(IReadOnlyList<string> varied, IReadOnlyList<JsonNode?> values)
    {
        var o = new JsonObject();
        for (int i = 0; i < varied.Count; i++) o[varied[i]] = values[i]?.DeepClone();
        return o;
    }

    private static ArgumentException Missing(string directory, string field) =>
        new($"{Path.Combine(directory, RunPlanFile.FileName)} is not a sweep written by closedloop sweep: it has no '{field}'");
}
