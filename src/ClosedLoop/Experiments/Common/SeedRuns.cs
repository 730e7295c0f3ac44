namespace ClosedLoop.Experiments;

/// <summary>Helpers over the per-epoch series of a run (a metrics column with missing values).</summary>
public static class SeedRuns
{
    /// <summary>Value at <paramref name="epoch"/> (clamped into the record), NaN where missing.</summary>
    public static double At(double?[] series, int epoch) =>
        series.Length == 0 ? double.NaN : series[Math.Clamp(epoch, 0, series.Length - 1)] ?? double.NaN;

    /// <summary>The last non-missing value.</summary>
    public static double Last(double?[] series) => series.LastOrDefault(v => v is not null) ?? double.NaN;

    /// <summary>Maximum over epochs [from, to] (inclusive, clamped), ignoring missing values; NaN if none.</summary>
    public static double Max(double?[] series, int from, int to) => Reduce(series, from, to, Math.Max);

    /// <summary>Minimum over epochs [from, to] (inclusive, clamped), ignoring missing values; NaN if none.</summary>
    public static double Min(double?[] series, int from, int to) => Reduce(series, from, to, Math.Min);

    /// <summary>Index of the maximum over epochs ≥ <paramref name="from"/>, or null.</summary>
    public static int? ArgMax(double?[] series, int from = 0)
    {
        int? best = null;
        for (int e = Math.Max(0, from); e < series.Length; e++)
            if (series[e] is { } v && double.IsFinite(v) && (best is null || v > series[best.Value]!.Value)) best = e;
        return best;
    }

    private static double Reduce(double?[] series, int from, int to, Func<double, double, double> f)
    {
        double acc = double.NaN;
        for (int e = Math.Max(0, from); e <= Math.Min(to, series.Length - 1); e++)
            if (series[e] is { } v && !double.IsNaN(v)) acc = double.IsNaN(acc) ? v : f(acc, v);
        return acc;
    }
}
