using ClosedLoop.Theory;

namespace ClosedLoop.Sweeps;

/// <summary>
/// <c>summary.csv</c>: per point and mode, one row per result of results.csv — numeric results with their count,
/// median, quartiles and IQR, mean and a percentile-bootstrap 95 % interval of the mean (2000 resamples, fixed seed 0:
/// the same results give the same bytes); yes/no results with their support counts. Columns: <c>point</c>, the varied
/// keys, <c>mode</c>, <c>result</c>, <c>kind</c> (number or yes_no), <c>runs</c> (planned runs of the point and mode),
/// <c>count</c> (finite values, or yes + no), <c>non_finite</c> (NaN or ±∞: diverged runs), <c>median</c>, <c>q1</c>,
/// <c>q3</c>, <c>iqr</c>, <c>mean</c>, <c>mean_ci95_low</c>, <c>mean_ci95_high</c>, <c>yes</c>, <c>no</c>. Results of
/// runs that are not done are simply absent (count them with <c>runs − count − non_finite</c>).
/// </summary>
public static class SweepSummary
{
    /// <summary>File name inside the sweep directory.</summary>
    public const string FileName = "summary.csv";

    /// <summary>Bootstrap resamples of the interval of the mean.</summary>
    public const int Resamples = 2000;

    /// <summary>Resampling seed of the interval (fixed: output bytes depend on the results only).</summary>
    public const ulong Seed = 0;

    /// <summary>The summary table of <paramref name="results"/> (a results.csv table of <paramref name="sweep"/>).</summary>
    public static SweepTable Build(SweepPlan sweep, SweepTable results)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(results);
        int first = SweepResults.FixedColumns(sweep).Count;
        int point = results.IndexOf("point"), mode = results.IndexOf("mode");
        var columns = Enumerable.Range(first, results.Header.Count - first).Select(c => (Index: c, Kind: KindOf(results, c)))
            .Where(c => c.Kind is not null).ToList();
        var header = new List<string> { "point" };
        header.AddRange(sweep.Varied);
        header.AddRange(["mode", "result", "kind", "runs", "count", "non_finite", "median", "q1", "q3", "iqr", "mean", "mean_ci95_low", "mean_ci95_high", "yes", "no"]);
        var rows = new List<IReadOnlyList<object?>>();
        var groups = results.Rows.GroupBy(r => (Convert.ToInt64(r[point], System.Globalization.CultureInfo.InvariantCulture), (string)r[mode]!)).OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var key = new List<object?> { g.Key.Item1 };
            key.AddRange(sweep.Points[(int)g.Key.Item1].Values.Select(SweepResults.Cell));
            key.Add(g.Key.Item2);
            foreach (var (c, kind) in columns)
                rows.Add([.. key, results.Header[c], kind, g.Count(), .. kind == "yes_no" ? YesNo(g.Select(r => r[c])) : Numbers(g.Select(r => r[c]))]);
        }
        return new SweepTable(header, rows);
    }

    /// <summary>number, yes_no, or null for a column of text or without any value.</summary>
    private static string? KindOf(SweepTable t, int column)
    {
        var values = t.Rows.Select(r => r[column]).Where(v => v is not null).ToList();
        if (values.Count == 0) return null;
        if (values.All(v => v is bool)) return "yes_no";
        return values.All(v => SummaryFields.Number(v) is not null) ? "number" : null;
    }

    /// <summary>count, non_finite, median, q1, q3, iqr, mean, CI low, CI high, yes, no.</summary>
    private static object?[] Numbers(IEnumerable<object?> cells)
    {
        var values = cells.Select(SummaryFields.Number).Where(v => v is not null).Select(v => v!.Value).ToList();
        var finite = values.Where(double.IsFinite).ToList();
        int nonFinite = values.Count - finite.Count;
        if (finite.Count == 0) return [0, nonFinite, null, null, null, null, null, null, null, null, null];
        var s = Descriptive.Summarize(finite);
        var ci = Bootstrap.MeanInterval(finite, Resamples, Seed);
        return [s.Count, nonFinite, s.Median, s.LowerQuartile, s.UpperQuartile, s.InterquartileRange, s.Mean, ci.Lower, ci.Upper, null, null];
    }

    private static object?[] YesNo(IEnumerable<object?> cells)
    {
        var votes = cells.OfType<bool>().ToList();
        int yes = votes.Count(v => v);
        return [votes.Count, 0, null, null, null, null, null, null, null, yes, votes.Count - yes];
    }
}
