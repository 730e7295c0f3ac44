using System.Text.Json.Nodes;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>One point of a sweep: a value for every varied key.</summary>
/// <param name="Index">0-based, grid product order (first key slowest), then zip order.</param>
/// <param name="Values">One value per varied key, in the order of <see cref="SweepPlan.Varied"/>.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<JsonNode?> Values);

/// <summary>What a run of the sweep stands for.</summary>
/// <param name="Index">Its plan index (the Slurm task index).</param>
/// <param name="Point">Its point.</param>
/// <param name="Seed">Its root seed.</param>
/// <param name="Mode">Closed or open loop.</param>
public sealed record SweepRun(int Index, int Point, long Seed, LoopMode Mode);

/// <summary>
/// A resolved sweep: the spec, its points, and one planned run per point × seed × mode (closed-loop runs first, then
/// the open-loop runs, each imitating the closed run of its point and seed). Written to <c>DIR/sweep.json</c> by
/// <see cref="SweepFile"/>.
/// </summary>
/// <param name="Source">The spec as written.</param>
/// <param name="Varied">The varied keys (grid, then zip).</param>
/// <param name="Points">Every point.</param>
/// <param name="Runs">Every run, by plan index.</param>
/// <param name="Plan">The runs as a plan of the store <c>DIR/runs</c>.</param>
/// <param name="Metric">The result of the per-key figures.</param>
public sealed record SweepPlan(JsonObject Source, IReadOnlyList<string> Varied, IReadOnlyList<SweepPoint> Points,
    IReadOnlyList<SweepRun> Runs, RunPlan Plan, string Metric)
{
    /// <summary>The folder of the runs inside a sweep directory.</summary>
    public const string RunsFolder = "runs";

    /// <summary>The work folder of the Slurm backend inside a sweep directory (scripts, logs, submissions.json).</summary>
    public const string SlurmFolder = "slurm";

    /// <summary>The value of varied key <paramref name="key"/> at run <paramref name="run"/>'s point.</summary>
    public JsonNode? ValueOf(SweepRun run, int key) => Points[run.Point].Values[key];
}
