using ClosedLoop.Reporting;

namespace ClosedLoop.Sweeps;

/// <summary>What a collect wrote.</summary>
/// <param name="States">The state of every run.</param>
/// <param name="Results">The results.csv table.</param>
/// <param name="Summary">The summary.csv table.</param>
/// <param name="Figures">The PNG files written.</param>
public sealed record CollectOutcome(IReadOnlyList<SweepRunState> States, SweepTable Results, SweepTable Summary, IReadOnlyList<string> Figures);

/// <summary>
/// <c>closedloop sweep collect</c>: rebuilds <c>results.csv</c>, <c>summary.csv</c> and <c>figures/</c> of a sweep
/// from whatever is done, marking the other runs with their status. Deterministic: the same finished runs give the
/// same bytes, whichever backend trained them. The caller holds the sweep directory's lock.
/// </summary>
public static class SweepCollector
{
    /// <summary>Collects <paramref name="sweep"/> in <paramref name="directory"/>; <paramref name="metric"/> overrides the sweep's.</summary>
    public static CollectOutcome Collect(string directory, SweepPlan sweep, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        metric ??= sweep.Metric;
        var states = SweepStatus.Of(directory, sweep);
        var results = SweepResults.Build(directory, sweep, states);
        var summary = SweepSummary.Build(sweep, results);
        CheckMetric(results, summary, metric);
        CsvWriter.WriteTable(Path.Combine(directory, SweepResults.FileName), results.Header, results.Rows);
        CsvWriter.WriteTable(Path.Combine(directory, SweepSummary.FileName), summary.Header, summary.Rows);
        var figures = SweepFigures.Draw(directory, sweep, states, results, metric);
        return new CollectOutcome(states, results, summary, figures);
    }

    /// <summary>A metric must be a numeric result once any run is done (before that, nothing can be checked).</summary>
    private static void CheckMetric(SweepTable results, SweepTable summary, string metric)
    {
        int result = summary.IndexOf("result"), kind = summary.IndexOf("kind");
        var numeric = summary.Rows.Where(r => (string?)r[kind] == "number").Select(r => (string)r[result]!).Distinct().ToList();
        bool anyDone = results.Rows.Any(r => (string?)r[results.IndexOf("status")] == "done");
        if (anyDone && !numeric.Contains(metric))
            throw new ArgumentException($"metric = '{metric}' is not a numeric result of this sweep: choose one of {string.Join(", ", numeric)}");
    }
}
