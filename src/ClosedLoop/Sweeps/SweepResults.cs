using System.Text.Json.Nodes;
using ClosedLoop.Runs;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>A table with a header and one row per item; cells as <see cref="Reporting.CsvFormat"/> writes them.</summary>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Rows, one cell per column.</param>
public sealed record SweepTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The position of column <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => Header.ToList().IndexOf(name);
}

/// <summary>
/// <c>results.csv</c>: one tidy row per planned run — <c>index</c>, <c>point</c>, one column per varied key (the dotted
/// key as its name), <c>seed</c>, <c>mode</c>, <c>run_dir</c> (relative to the sweep directory), <c>status</c>
/// (done, running, queued, failed, missing), <c>error</c> and <c>log</c> (failed runs), then every scalar field of
/// the run's summary.json (<see cref="SummaryFields"/>; absent for runs that are not done) and, for analysed sweeps,
/// the open-loop peak of the deployed loss (<c>open_loop_peak_epoch</c>, <c>open_loop_peak_ratio</c> = max D / D(0),
/// <c>open_loop_post_initial_peak</c>; the rules of docs/science/analysis-maths.md §10). Column order is fixed by the plan and the summaries.
/// </summary>
public static class SweepResults
{
    /// <summary>File name inside the sweep directory.</summary>
    public const string FileName = "results.csv";

    /// <summary>The peak columns of analysed sweeps.</summary>
    public static readonly IReadOnlyList<string> PeakColumns = ["open_loop_peak_epoch", "open_loop_peak_ratio", "open_loop_post_initial_peak"];

    /// <summary>The columns before the results.</summary>
    public static IReadOnlyList<string> FixedColumns(SweepPlan sweep) =>
        ["index", "point", .. sweep.Varied, "seed", "mode", "run_dir", "status", "error", "log"];

    /// <summary>The table of <paramref name="sweep"/> in <paramref name="directory"/> with the given run states.</summary>
    public static SweepTable Build(string directory, SweepPlan sweep, IReadOnlyList<SweepRunState> states)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(states);
        var fixedColumns = FixedColumns(sweep);
        var results = sweep.Runs.Select(r => states[r.Index].Status == SweepRunStatus.Done ? Results(sweep, r) : null).ToList();
        var resultColumns = results.Where(f => f is not null).SelectMany(f => f!.Select(x => x.Name))
            .Where(n => !fixedColumns.Contains(n)).Distinct().ToList();
        var header = fixedColumns.Concat(resultColumns).ToList();
        var rows = sweep.Runs.Select(r =>
        {
            var state = states[r.Index];
            var cells = new List<object?> { r.Index, r.Point };
            cells.AddRange(sweep.Points[r.Point].Values.Select(Cell));
            cells.AddRange([r.Seed, r.Mode == LoopMode.Open ? "open" : "closed",
                RunPlanFile.Relative(directory, sweep.Plan.DirectoryOf(r.Index)), SweepStatus.Name(state.Status), state.Error, state.Log]);
            var byName = (results[r.Index] ?? []).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().Value);
            cells.AddRange(resultColumns.Select(c => byName.GetValueOrDefault(c)));
            return (IReadOnlyList<object?>)cells;
        }).ToList();
        return new SweepTable(header, rows);
    }

    /// <summary>A varied value as a cell: scalars as numbers, booleans or text; lists and objects as compact JSON.</summary>
    public static object? Cell(JsonNode? value)
    {
        if (value is null) return null;
        if (value is not JsonValue) return value.ToJsonString();
        using var doc = System.Text.Json.JsonDocument.Parse(value.ToJsonString());
        return SummaryFields.Scalar(doc.RootElement);
    }

    private static IReadOnlyList<(string Name, object? Value)> Results(SweepPlan sweep, SweepRun run)
    {
        string dir = sweep.Plan.DirectoryOf(run.Index);
        var fields = SummaryFields.Read(Path.Combine(dir, RunSummary.FileName)).ToList();
        if (sweep.Plan.FollowUp == FollowUp.Analyze) fields.AddRange(Peak(dir, run.Mode));
        return fields;
    }

    /// <summary>The open-loop peak cells of a run (empty for a closed-loop run or a non-finite deployed loss).</summary>
    private static IEnumerable<(string, object?)> Peak(string directory, LoopMode mode)
    {
        PeakResult? peak = null;
        var epochs = new List<int>();
        if (mode == LoopMode.Open && RunRecord.Open(directory).TryColumn("test_loss") is { } d)
        {
            var values = new List<double>();
            for (int e = 0; e < d.Length; e++)
                if (d[e] is { } v) { epochs.Add(e); values.Add(v); }
            if (values.Count > 0) peak = PeakMetrics.Analyze(values);
        }
        bool ok = peak is { InputFinite: true };
        yield return (PeakColumns[0], ok ? epochs[peak!.PeakEpoch!.Value] : null);
        yield return (PeakColumns[1], ok ? peak!.PeakOverInitial : null);
        yield return (PeakColumns[2], ok ? peak!.PostInitialPeak : null);
    }
}
