using ScottPlot;
using ScottPlot.Plottables;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>Appearance of a heatmap.</summary>
public sealed record HeatmapStyle
{
    /// <summary>Colour map (sequential by default).</summary>
    public IColormap Colormap { get; init; } = new ScottPlot.Colormaps.Viridis();

    /// <summary>Colour-bar label, or null for none.</summary>
    public string? ColorLabel { get; init; }

    /// <summary>Values at the ends of the colour map; default the data range.</summary>
    public ScottPlot.Range? ColorRange { get; init; }
}

/// <summary>A path (e.g. the closed-loop gain trajectory k(e)) with start and end markers.</summary>
public sealed record PathStyle
{
    /// <summary>Line colour (also the end marker's).</summary>
    public Color Color { get; init; } = Colors.Black;

    /// <summary>Line width in pixels.</summary>
    public float LineWidth { get; init; } = 1.5f;

    /// <summary>Legend text, or null.</summary>
    public string? Legend { get; init; }

    /// <summary>Marker at the first point.</summary>
    public MarkerShape StartMarker { get; init; } = MarkerShape.FilledCircle;

    /// <summary>Marker at the last point.</summary>
    public MarkerShape EndMarker { get; init; } = MarkerShape.FilledSquare;

    /// <summary>Size of both markers in pixels.</summary>
    public float MarkerSize { get; init; } = 10;

    /// <summary>Fill of the start marker (crimson by convention).</summary>
    public Color StartColor { get; init; } = Figures.Crimson;

    /// <summary>Text beside the start marker (e.g. "Start"), or null.</summary>
    public string? StartLabel { get; init; }

    /// <summary>Text beside the end marker (e.g. "End"), or null.</summary>
    public string? EndLabel { get; init; }

    /// <summary>Colour of the start and end labels (white reads better on dark heatmap regions).</summary>
    public Color LabelColor { get; init; } = Colors.Black;
}

/// <summary>The plottables of one path.</summary>
public sealed record PathPlottables(Scatter Line, Marker Start, Marker End);

/// <summary>
/// Plots of <see cref="Grid2D"/> data: a heatmap with origin at the lower left (row 0 at the bottom; ScottPlot's
/// <c>FlipVertically</c>), contour lines by <see cref="MarchingSquares"/> drawn on top, and overlaid paths.
/// Heatmap cells are centred on the sample points; the axis limits are set to the sample extent, so the outer
/// half-cells are clipped.
/// </summary>
public static class GridPlots
{
    /// <summary>Adds the heatmap of <paramref name="grid"/>, its colour bar, and sets the axis limits to the grid extent.</summary>
    public static Heatmap AddHeatmap(Plot plot, Grid2D grid, HeatmapStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(grid);
        style ??= new HeatmapStyle();
        Heatmap heatmap = plot.Add.Heatmap(grid.Values);
        heatmap.FlipVertically = true;
        heatmap.Extent = new CoordinateRect(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
        heatmap.Colormap = style.Colormap;
        if (style.ColorRange is { } range) heatmap.ManualRange = range;
        var bar = plot.Add.ColorBar(heatmap);
        if (style.ColorLabel is not null) bar.Label = style.ColorLabel;
        plot.Axes.SetLimits(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
        return heatmap;
    }

    /// <summary>Adds the contour lines of <paramref name="grid"/> at every level (e.g. 0.5 and 1.5 of a class grid).</summary>
    public static LineSegments AddContours(Plot plot, Grid2D grid, IEnumerable<double> levels, Color? color = null, float lineWidth = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(levels);
        var contours = new LineSegments(levels.SelectMany(level => MarchingSquares.Contour(grid, level)));
        contours.LineColor = color ?? Colors.Black;
        contours.LineWidth = lineWidth;
        plot.Add.Plottable(contours);
        return contours;
    }

    /// <summary>Adds a path through (<paramref name="xs"/>, <paramref name="ys"/>) with start and end markers.</summary>
    public static PathPlottables AddPath(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, PathStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (xs.Count == 0) throw new ArgumentException("xs is empty; a path needs at least one point", nameof(xs));
        Scatter line = Series.Add(plot, xs, ys, new SeriesStyle { Color = style.Color, LineWidth = style.LineWidth, Legend = style.Legend });
        Marker start = Decorations.Point(plot, xs[0], ys[0], style.StartColor, style.StartMarker, style.MarkerSize);
        Marker end = Decorations.Point(plot, xs[^1], ys[^1], style.Color, style.EndMarker, style.MarkerSize);
        if (style.StartLabel is not null) PointLabel(plot, style.StartLabel, xs[0], ys[0], style.LabelColor);
        if (style.EndLabel is not null) PointLabel(plot, style.EndLabel, xs[^1], ys[^1], style.LabelColor);
        return new PathPlottables(line, start, end);
    }

    private static void PointLabel(Plot plot, string text, double x, double y, Color color)
    {
        Text label = Decorations.Label(plot, text, x, y, Alignment.LowerLeft, color, fontSize: 12);
        label.OffsetX = 7;
        label.OffsetY = -7;
    }
}
