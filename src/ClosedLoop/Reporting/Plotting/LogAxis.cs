using ScottPlot;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>How decade tick labels are written.</summary>
public enum LogTickStyle
{
    /// <summary><c>1e3</c>, <c>1e-2</c>, <c>1e0</c>.</summary>
    Exponent,

    /// <summary><c>10³</c>, <c>10⁻²</c>, <c>10⁰</c> (Unicode superscripts, present in DejaVu Sans).</summary>
    Superscript,
}

/// <summary>
/// Logarithmic axes for ScottPlot 5, which has none: plot log10 of the data (<see cref="Map(double)"/>; epochs on a
/// log-epoch axis as log10(e + 1), <see cref="MapEpoch"/>, so that epoch 0 is visible) and label the axis in
/// decades with <see cref="Apply"/>. Non-positive values map to NaN, which ScottPlot draws as a gap.
/// </summary>
public static class LogAxis
{
    /// <summary>Replaces the tick generator of <paramref name="axis"/> by decade ticks with minor ticks at 2..9.</summary>
    public static void Apply(IAxis axis, LogTickStyle style = LogTickStyle.Exponent)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.TickGenerator = new LogDecadeTicks(style);
    }

    /// <summary>log10 of <paramref name="value"/>, or NaN if it is not positive.</summary>
    public static double Map(double value) => value > 0 ? Math.Log10(value) : double.NaN;

    /// <summary>log10 of every value (NaN where not positive).</summary>
    public static double[] Map(IEnumerable<double> values) => values.Select(Map).ToArray();

    /// <summary>The log-epoch abscissa log10(e + 1).</summary>
    public static double MapEpoch(double epoch) => Map(epoch + 1);

    /// <summary>log10(e + 1) of every epoch.</summary>
    public static double[] MapEpochs(IEnumerable<double> epochs) => epochs.Select(MapEpoch).ToArray();

    /// <summary>The label of 10^<paramref name="exponent"/> in <paramref name="style"/>.</summary>
    public static string DecadeLabel(int exponent, LogTickStyle style) =>
        style == LogTickStyle.Superscript ? "10" + Superscript(exponent) : $"1e{exponent}";

    /// <summary>The label of mantissa·10^exponent (mantissa 2..9) in <paramref name="style"/>.</summary>
    public static string MantissaLabel(int mantissa, int exponent, LogTickStyle style) =>
        mantissa == 1 ? DecadeLabel(exponent, style)
        : style == LogTickStyle.Superscript ? $"{mantissa}×10{Superscript(exponent)}" : $"{mantissa}e{exponent}";

    private static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string text = Math.Abs(n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (n < 0 ? "⁻" : "") + string.Concat(text.Select(c => digits[c - '0']));
    }
}

/// <summary>
/// Tick generator for an axis holding log10 values: major ticks at integer decades (every k-th decade when they
/// would be closer than a label's height or width), minor ticks at log10(2..9) within each decade when there is
/// room. Ranges holding fewer than two decades get labels at 1, 2 and 5 times 10^d as well.
/// </summary>
public sealed class LogDecadeTicks(LogTickStyle style = LogTickStyle.Exponent) : ITickGenerator
{
    private const float MinVerticalSpacing = 24;
    private const float MinHorizontalSpacing = 46;
    private const float MinMinorDecade = 36;

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 1000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double lo = Math.Min(range.Min, range.Max), hi = Math.Max(range.Min, range.Max);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi - lo <= 0 || hi - lo > 600 || size.Length <= 0)
        {
            Ticks = [];
            return;
        }
        double pxPerDecade = size.Length / (hi - lo);
        float minSpacing = edge is Edge.Left or Edge.Right ? MinVerticalSpacing : MinHorizontalSpacing;
        int step = Math.Max(1, (int)Math.Ceiling(minSpacing / pxPerDecade));
        var ticks = new List<Tick>();
        int first = (int)Math.Ceiling(lo), last = (int)Math.Floor(hi);
        for (int d = first; d <= last; d++)
        {
            if (d % step == 0) ticks.Add(new Tick(d, LogAxis.DecadeLabel(d, style), true));
            else ticks.Add(Tick.Minor(d));
        }
        if (ticks.Count(t => t.IsMajor) < 2 && step == 1) ticks = MantissaTicks(lo, hi);
        else if (step == 1 && pxPerDecade >= MinMinorDecade) AddMinorTicks(ticks, lo, hi);
        Ticks = ticks.Take(MaxTickCount).ToArray();
    }

    private static void AddMinorTicks(List<Tick> ticks, double lo, double hi)
    {
        for (int d = (int)Math.Floor(lo); d <= (int)Math.Ceiling(hi); d++)
            for (int m = 2; m <= 9; m++)
            {
                double position = d + Math.Log10(m);
                if (position >= lo && position <= hi) ticks.Add(Tick.Minor(position));
            }
    }

    private List<Tick> MantissaTicks(double lo, double hi)
    {
        var ticks = new List<Tick>();
        for (int d = (int)Math.Floor(lo); d <= (int)Math.Ceiling(hi); d++)
            for (int m = 1; m <= 9; m++)
            {
                double position = d + Math.Log10(m);
                if (position < lo || position > hi) continue;
                ticks.Add(m is 1 or 2 or 5 ? new Tick(position, LogAxis.MantissaLabel(m, d, style), true) : Tick.Minor(position));
            }
        return ticks;
    }
}
