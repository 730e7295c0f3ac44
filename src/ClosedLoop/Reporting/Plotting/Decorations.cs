using ScottPlot;
using ScottPlot.Plottables;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>
/// Annotations in plot coordinates: shaded stage spans, thin dotted reference lines, text labels and single
/// markers. On a log-epoch axis pass <see cref="LogAxis.MapEpoch"/> of the epoch.
/// </summary>
public static class Decorations
{
    /// <summary>
    /// Shades Stage 1 [<paramref name="start"/>, <paramref name="e1"/>], Stage 2 [e1, <paramref name="eStab"/>] and
    /// Stage 3 [eStab, <paramref name="end"/>] in <see cref="Figures.StageFills"/>, behind everything else. A NaN
    /// boundary (e.g. never stabilised) drops the spans that need it.
    /// </summary>
    public static IReadOnlyList<HorizontalSpan> StageSpans(Plot plot, double start, double e1, double eStab, double end)
    {
        ArgumentNullException.ThrowIfNull(plot);
        double[] edges = [start, e1, eStab, end];
        var spans = new List<HorizontalSpan>();
        for (int k = 0; k < 3; k++)
        {
            if (double.IsNaN(edges[k]) || double.IsNaN(edges[k + 1])) continue;
            spans.Add(Span(plot, edges[k], edges[k + 1], Figures.StageFills[k], $"Stage {k + 1}"));
        }
        return spans;
    }

    /// <summary>A shaded vertical band between x = <paramref name="x1"/> and <paramref name="x2"/>, behind other plottables.</summary>
    public static HorizontalSpan Span(Plot plot, double x1, double x2, Color fill, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!(x1 <= x2)) throw new ArgumentException($"span [{x1}, {x2}] must have x1 <= x2", nameof(x2));
        HorizontalSpan span = plot.Add.HorizontalSpan(x1, x2, fill);
        span.LineWidth = 0;
        if (legend is not null) span.LegendText = legend;
        plot.MoveToBack(span);
        return span;
    }

    /// <summary>A thin dotted vertical line at x = <paramref name="x"/> (published stage boundaries).</summary>
    public static VerticalLine ReferenceLine(Plot plot, double x, Color? color = null, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        VerticalLine line = plot.Add.VerticalLine(x, 1, color ?? Figures.Reference, LinePattern.Dotted);
        if (legend is not null) line.LegendText = legend;
        return line;
    }

    /// <summary>A thin line at y = <paramref name="y"/> in the given pattern.</summary>
    public static HorizontalLine HorizontalReference(Plot plot, double y, LineKind kind = LineKind.Dotted, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.Add.HorizontalLine(y, 1, color ?? Figures.Reference, Series.Pattern(kind));
    }

    /// <summary>Text whose <paramref name="alignment"/> corner sits at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static Text Label(Plot plot, string text, double x, double y, Alignment alignment = Alignment.LowerLeft,
        Color? color = null, float fontSize = 13)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Text label = plot.Add.Text(text, x, y);
        label.LabelAlignment = alignment;
        label.LabelFontSize = fontSize;
        label.LabelFontColor = color ?? Colors.Black;
        if (Figures.FontFound) label.LabelFontName = Figures.FontFamily;
        return label;
    }

    /// <summary>A single marker (e.g. the separation epoch in silver, the stabilisation epoch in gold).</summary>
    public static Marker Point(Plot plot, double x, double y, Color color, MarkerShape shape = MarkerShape.FilledCircle,
        float size = 10, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Marker marker = plot.Add.Marker(x, y, shape, size, color);
        marker.MarkerLineColor = Colors.Black;
        marker.MarkerLineWidth = 1;
        if (legend is not null) marker.LegendText = legend;
        return marker;
    }
}
