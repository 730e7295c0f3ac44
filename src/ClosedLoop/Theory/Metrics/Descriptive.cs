namespace ClosedLoop.Theory;

/// <summary>
/// Summary of a sample over seeds (docs/science/analysis-maths.md §10): non-finite values are failures, counted separately and
/// excluded from the statistics.
/// </summary>
/// <param name="Count">Number of finite values used.</param>
/// <param name="Failures">Number of non-finite values excluded.</param>
/// <param name="Mean">Mean (NaN when Count = 0).</param>
/// <param name="StandardDeviation">Standard deviation with denominator n − 1 (NaN when Count &lt; 2).</param>
/// <param name="Median">Median.</param>
/// <param name="LowerQuartile">25th percentile (linear interpolation).</param>
/// <param name="UpperQuartile">75th percentile (linear interpolation).</param>
public sealed record SampleSummary(int Count, int Failures, double Mean, double StandardDeviation, double Median, double LowerQuartile, double UpperQuartile)
{
    /// <summary>Interquartile range Q3 − Q1.</summary>
    public double InterquartileRange => UpperQuartile - LowerQuartile;
}

/// <summary>How many runs support a claim; failed runs (null verdicts) are counted separately.</summary>
/// <param name="Supported">Runs whose verdict is true.</param>
/// <param name="Evaluated">Runs with a verdict (true or false).</param>
/// <param name="Failures">Runs without a verdict (non-finite, failed).</param>
public sealed record SupportSummary(int Supported, int Evaluated, int Failures)
{
    /// <summary>Supported / Evaluated (NaN when nothing was evaluated).</summary>
    public double Fraction => Evaluated == 0 ? double.NaN : Supported / (double)Evaluated;

    /// <summary>Supported / (Evaluated + Failures): failures count against the claim.</summary>
    public double FractionOfAll => Evaluated + Failures == 0 ? double.NaN : Supported / (double)(Evaluated + Failures);
}

/// <summary>Median, quantiles, summaries, support fractions and correlation for multi-seed reports.</summary>
public static class Descriptive
{
    /// <summary>Median of finite values (throws on an empty or non-finite input).</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>
    /// Quantile p ∈ [0, 1] with linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7).
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("statistics.values is empty: at least one value is needed");
        ZigZagMetrics.RequireFinite(values, "statistics.values");
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"statistics.p = {p} is not allowed: it must be in [0, 1]");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return SortedQuantile(sorted, p);
    }

    /// <summary>Mean, SD (n − 1), median, quartiles and IQR of the finite values; non-finite ones are counted as failures.</summary>
    public static SampleSummary Summarize(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToArray();
        int failures = values.Count - finite.Length, n = finite.Length;
        if (n == 0) return new SampleSummary(0, failures, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(finite);
        double mean = finite.Average();
        double sd = n < 2 ? double.NaN : Math.Sqrt(finite.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        return new SampleSummary(n, failures, mean, sd, SortedQuantile(finite, 0.5), SortedQuantile(finite, 0.25), SortedQuantile(finite, 0.75));
    }

    /// <summary>Counts per-run verdicts: true = supports, false = does not, null = failed run.</summary>
    public static SupportSummary Support(IEnumerable<bool?> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        int yes = 0, evaluated = 0, failed = 0;
        foreach (var v in verdicts)
        {
            if (v is null) { failed++; continue; }
            evaluated++;
            if (v.Value) yes++;
        }
        return new SupportSummary(yes, evaluated, failed);
    }

    /// <summary>Relative spread below which a series counts as constant in <see cref="Correlation"/> (round-off only).</summary>
    public const double ConstantSeriesTolerance = 1e-12;

    /// <summary>
    /// Pearson correlation; null for fewer than two pairs or when either series is constant (standard deviation at
    /// most <see cref="ConstantSeriesTolerance"/> times its largest magnitude, so round-off is not correlated).
    /// </summary>
    public static double? Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"statistics.correlation needs series of equal length, got {a.Count} and {b.Count}");
        int n = a.Count;
        if (n < 2) return null;
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        if (IsConstant(saa, a) || IsConstant(sbb, b)) return null;
        return sab / Math.Sqrt(saa * sbb);
    }

    private static bool IsConstant(double sumSquares, IReadOnlyList<double> x)
        => Math.Sqrt(sumSquares / x.Count) <= ConstantSeriesTolerance * x.Max(Math.Abs);

    /// <summary>Type-7 quantile of an already sorted array.</summary>
    internal static double SortedQuantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
