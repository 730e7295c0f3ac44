using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>A percentile bootstrap interval of the mean.</summary>
/// <param name="Mean">Sample mean.</param>
/// <param name="Lower">Lower percentile (1 − level)/2 of the resampled means.</param>
/// <param name="Upper">Upper percentile (1 + level)/2 of the resampled means.</param>
/// <param name="Level">Coverage level, e.g. 0.95.</param>
/// <param name="Count">Number of values.</param>
/// <param name="Resamples">Number of bootstrap resamples.</param>
/// <param name="Seed">Seed of the resampling stream.</param>
public sealed record BootstrapInterval(double Mean, double Lower, double Upper, double Level, int Count, int Resamples, ulong Seed);

/// <summary>
/// Percentile bootstrap over seeds (docs/science/analysis-maths.md §10): 2000 resamples by default (500 in summary tables), fixed
/// resampling seed 0, so the same values always give the same interval.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Percentile bootstrap interval of the mean: draw <paramref name="resamples"/> samples of size n with replacement
    /// from a <see cref="RandomStream"/> seeded with <paramref name="seed"/>, and take the (1 ∓ level)/2 quantiles
    /// (linear interpolation, numpy's default) of their means.
    /// </summary>
    /// <param name="values">Finite values (filter failed runs first and report them separately).</param>
    /// <param name="resamples">Number of resamples, ≥ 1.</param>
    /// <param name="seed">Seed of the resampling stream.</param>
    /// <param name="level">Coverage level in (0, 1).</param>
    public static BootstrapInterval MeanInterval(IReadOnlyList<double> values, int resamples = 2000, ulong seed = 0, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("bootstrap.values is empty: at least one value is needed");
        ZigZagMetrics.RequireFinite(values, "bootstrap.values");
        if (resamples < 1) throw new ArgumentException($"bootstrap.resamples = {resamples} is not allowed: it must be >= 1");
        if (!(level > 0 && level < 1)) throw new ArgumentException($"bootstrap.level = {level} is not allowed: it must be in (0, 1)");

        int n = values.Count;
        var rng = new RandomStream(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[rng.NextInt(n)];
            means[r] = sum / n;
        }
        Array.Sort(means);
        double alpha = (1 - level) / 2;
        return new BootstrapInterval(values.Average(), Descriptive.SortedQuantile(means, alpha),
            Descriptive.SortedQuantile(means, 1 - alpha), level, n, resamples, seed);
    }
}
