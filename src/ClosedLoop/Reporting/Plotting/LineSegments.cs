using ScottPlot;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>A set of unconnected straight segments drawn in one line style (contour lines from
/// <see cref="MarchingSquares"/>).</summary>
public sealed class LineSegments : IPlottable, IHasLine
{
    private readonly Segment[] _segments;

    public LineSegments(IEnumerable<Segment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = segments.ToArray();
    }

    /// <summary>The segments in plot coordinates.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public LineStyle LineStyle { get; set; } = new(1.5f, Colors.Black);

    public float LineWidth { get => LineStyle.Width; set => LineStyle.Width = value; }

    public LinePattern LinePattern { get => LineStyle.Pattern; set => LineStyle.Pattern = value; }

    public Color LineColor { get => LineStyle.Color; set => LineStyle.Color = value; }

    /// <summary>Legend text; empty for no legend entry.</summary>
    public string LegendText { get; set; } = "";

    public IEnumerable<LegendItem> LegendItems =>
        string.IsNullOrEmpty(LegendText) ? LegendItem.None : LegendItem.Single(this, LegendText, LineStyle);

    public AxisLimits GetAxisLimits()
    {
        if (_segments.Length == 0) return AxisLimits.NoLimits;
        var ends = _segments.SelectMany(s => new[] { new Coordinates(s.X1, s.Y1), new Coordinates(s.X2, s.Y2) });
        return new AxisLimits(ends);
    }

    public void Render(RenderPack rp)
    {
        if (_segments.Length == 0) return;
        var lines = _segments.Select(s => new PixelLine(Axes.GetPixel(new Coordinates(s.X1, s.Y1)), Axes.GetPixel(new Coordinates(s.X2, s.Y2)))).ToArray();
        LineStyle.Render(rp.Canvas, lines, rp.Paint);
    }
}
