using ScottPlot;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>
/// Points each filled with the colour of its value under a colour map (e.g. eigenvalues coloured by epoch), usable as
/// the source of a ScottPlot colour bar. Points listed in <see cref="Outlined"/> are drawn last, at full opacity,
/// with a ring; the others use <see cref="Opacity"/> (below 1 to make intermediate points faint).
/// </summary>
public sealed class ColoredPoints : IPlottable, IHasColorAxis
{
    private readonly Coordinates[] _points;
    private readonly double[] _values;

    /// <summary>Creates the points; <paramref name="values"/> has one colour value per point.</summary>
    public ColoredPoints(IReadOnlyList<Coordinates> points, IReadOnlyList<double> values, IColormap colormap, ScottPlot.Range? colorRange = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        if (points.Count != values.Count)
            throw new ArgumentException($"points has {points.Count} entries but values has {values.Count}; one colour value per point is needed", nameof(values));
        _points = points.ToArray();
        _values = values.ToArray();
        Colormap = colormap ?? throw new ArgumentNullException(nameof(colormap));
        ColorRange = colorRange ?? DataRange(_values);
    }

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <summary>Colour map from value to colour.</summary>
    public IColormap Colormap { get; set; }

    /// <summary>Values mapped to the two ends of the colour map (values outside are clamped).</summary>
    public ScottPlot.Range ColorRange { get; set; }

    /// <summary>Marker diameter in pixels.</summary>
    public float MarkerSize { get; set; } = 7;

    /// <summary>Opacity (0..1) of points not in <see cref="Outlined"/>.</summary>
    public double Opacity { get; set; } = 1;

    /// <summary>Indices of points drawn on top with a ring.</summary>
    public IReadOnlyList<int> Outlined { get; set; } = [];

    /// <summary>Ring colour of outlined points.</summary>
    public Color OutlineColor { get; set; } = Colors.Black;

    /// <summary>Ring width of outlined points in pixels.</summary>
    public float OutlineWidth { get; set; } = 1.5f;

    /// <summary>The plotted points.</summary>
    public IReadOnlyList<Coordinates> Points => _points;

    /// <summary>The colour value of each point.</summary>
    public IReadOnlyList<double> Values => _values;

    public ScottPlot.Range GetRange() => ColorRange;

    public AxisLimits GetAxisLimits()
    {
        var finite = _points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        return finite.Length == 0 ? AxisLimits.NoLimits : new AxisLimits(finite);
    }

    public void Render(RenderPack rp)
    {
        var outlined = new HashSet<int>(Outlined);
        for (int i = 0; i < _points.Length; i++)
            if (!outlined.Contains(i)) Draw(rp, i, Opacity, ring: false);
        foreach (int i in Outlined)
            if (i >= 0 && i < _points.Length) Draw(rp, i, 1, ring: true);
    }

    private void Draw(RenderPack rp, int i, double opacity, bool ring)
    {
        Coordinates c = _points[i];
        if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || double.IsNaN(_values[i])) return;
        Pixel px = Axes.GetPixel(c);
        Color fill = Colormap.GetColor(ColorRange.Normalize(_values[i], clamp: true)).WithAlpha(opacity);
        new MarkerStyle(MarkerShape.FilledCircle, MarkerSize, fill).Render(rp.Canvas, px, rp.Paint);
        if (!ring) return;
        var outline = new MarkerStyle(MarkerShape.OpenCircle, MarkerSize + 2 * OutlineWidth + 1, OutlineColor) { LineWidth = OutlineWidth };
        outline.Render(rp.Canvas, px, rp.Paint);
    }

    private static ScottPlot.Range DataRange(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return new ScottPlot.Range(0, 1);
        double min = finite.Min(), max = finite.Max();
        return min < max ? new ScottPlot.Range(min, max) : new ScottPlot.Range(min - 0.5, max + 0.5);
    }
}
