using ScottPlot;
using ScottPlot.Plottables;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>Line dash pattern of a series or reference line. Any pattern other than <see cref="Solid"/> makes
/// <see cref="FigureWriter"/> skip the SVG (ScottPlot's SVG export draws dashes solid).</summary>
public enum LineKind
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Dashed line.</summary>
    Dashed,

    /// <summary>Dotted line.</summary>
    Dotted,

    /// <summary>No line (markers only).</summary>
    None,
}

/// <summary>Which vertical axis a series is drawn against.</summary>
public enum AxisSide
{
    /// <summary>The primary (left) axis.</summary>
    Left,

    /// <summary>The secondary (right) axis, e.g. "training loss on the right axis".</summary>
    Right,
}

/// <summary>Appearance of one series.</summary>
public sealed record SeriesStyle
{
    /// <summary>Line and marker colour.</summary>
    public Color Color { get; init; } = Colors.Black;

    /// <summary>Dash pattern.</summary>
    public LineKind Line { get; init; } = LineKind.Solid;

    /// <summary>Line width in pixels.</summary>
    public float LineWidth { get; init; } = 1.5f;

    /// <summary>Marker at every point (<see cref="MarkerShape.None"/> for none).</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.None;

    /// <summary>Marker size in pixels.</summary>
    public float MarkerSize { get; init; } = 5;

    /// <summary>Legend text, or null for no legend entry.</summary>
    public string? Legend { get; init; }

    /// <summary>Vertical axis the series uses.</summary>
    public AxisSide Axis { get; init; } = AxisSide.Left;
}

/// <summary>Line plots of data series (x, y in plot coordinates; map log axes with <see cref="LogAxis"/> first).
/// NaN values leave gaps.</summary>
public static class Series
{
    /// <summary>Adds the series (<paramref name="xs"/>, <paramref name="ys"/>) drawn in <paramref name="style"/>.</summary>
    public static Scatter Add(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, SeriesStyle style)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(style);
        if (xs.Count != ys.Count)
            throw new ArgumentException($"xs has {xs.Count} values but ys has {ys.Count}; they must have the same length", nameof(ys));
        Scatter scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), style.Color);
        scatter.LineWidth = style.Line == LineKind.None ? 0 : style.LineWidth;
        scatter.LinePattern = Pattern(style.Line);
        scatter.MarkerShape = style.Marker;
        scatter.MarkerSize = style.Marker == MarkerShape.None ? 0 : style.MarkerSize;
        if (style.Legend is not null) scatter.LegendText = style.Legend;
        if (style.Axis == AxisSide.Right) scatter.Axes.YAxis = plot.Axes.Right;
        return scatter;
    }

    /// <summary>The ScottPlot pattern of <paramref name="kind"/>.</summary>
    public static LinePattern Pattern(LineKind kind) => kind switch
    {
        LineKind.Dashed => LinePattern.Dashed,
        LineKind.Dotted => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };
}
