using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>Per-epoch quartiles of a quantity over seeds (the median and IQR bands of the protocol figures).</summary>
/// <param name="Lower">25th percentile per epoch (NaN where no seed has a finite value).</param>
/// <param name="Median">Median per epoch.</param>
/// <param name="Upper">75th percentile per epoch.</param>
/// <param name="Count">Seeds with a finite value per epoch.</param>
public sealed record Band(double[] Lower, double[] Median, double[] Upper, int[] Count)
{
    /// <summary>
    /// Quartiles (linear interpolation) at every epoch over the series of all seeds; series may differ in length (the
    /// band is as long as the longest) and non-finite values are left out.
    /// </summary>
    public static Band Of(IReadOnlyList<IReadOnlyList<double>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int n = series.Count == 0 ? 0 : series.Max(s => s.Count);
        var band = new Band(new double[n], new double[n], new double[n], new int[n]);
        for (int e = 0; e < n; e++)
        {
            var values = series.Where(s => e < s.Count && double.IsFinite(s[e])).Select(s => s[e]).ToList();
            band.Count[e] = values.Count;
            band.Lower[e] = values.Count == 0 ? double.NaN : Descriptive.Quantile(values, 0.25);
            band.Median[e] = values.Count == 0 ? double.NaN : Descriptive.Quantile(values, 0.5);
            band.Upper[e] = values.Count == 0 ? double.NaN : Descriptive.Quantile(values, 0.75);
        }
        return band;
    }
}
