using System.Numerics;
using ScottPlot;
using ScottPlot.Plottables;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>A rectangular window of the complex plane: Re in [ReMin, ReMax], Im in [ImMin, ImMax].</summary>
public sealed record ComplexWindow
{
    public ComplexWindow(double reMin, double reMax, double imMin, double imMax)
    {
        if (!(reMin < reMax)) throw new ArgumentException($"Re window [{reMin}, {reMax}] must have reMin < reMax", nameof(reMax));
        if (!(imMin < imMax)) throw new ArgumentException($"Im window [{imMin}, {imMax}] must have imMin < imMax", nameof(imMax));
        (ReMin, ReMax, ImMin, ImMax) = (reMin, reMax, imMin, imMax);
    }

    public double ReMin { get; }
    public double ReMax { get; }
    public double ImMin { get; }
    public double ImMax { get; }

    /// <summary>
    /// This window grown to contain every finite point; when it had to grow, a margin of <paramref name="margin"/> of the
    /// new extent is added on each side. Unchanged when every point already lies inside.
    /// </summary>
    public ComplexWindow Including(IEnumerable<System.Numerics.Complex> points, double margin = 0.05)
    {
        double r0 = ReMin, r1 = ReMax, i0 = ImMin, i1 = ImMax;
        foreach (var z in points)
        {
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary)) continue;
            r0 = Math.Min(r0, z.Real); r1 = Math.Max(r1, z.Real);
            i0 = Math.Min(i0, z.Imaginary); i1 = Math.Max(i1, z.Imaginary);
        }
        if (r0 == ReMin && r1 == ReMax && i0 == ImMin && i1 == ImMax) return this;
        double mr = margin * (r1 - r0), mi = margin * (i1 - i0);
        return new ComplexWindow(r0 - mr, r1 + mr, i0 - mi, i1 + mi);
    }

    /// <summary>
    /// The smallest window around the finite <paramref name="points"/> (each side at least 1e−3) with a margin of
    /// <paramref name="margin"/> of its extent; <see cref="DominantPair"/> when there is no finite point.
    /// </summary>
    public static ComplexWindow Around(IEnumerable<System.Numerics.Complex> points, double margin = 0.1)
    {
        var finite = points.Where(z => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)).ToList();
        if (finite.Count == 0) return DominantPair;
        double r0 = finite.Min(z => z.Real), r1 = finite.Max(z => z.Real), i0 = finite.Min(z => z.Imaginary), i1 = finite.Max(z => z.Imaginary);
        double w = Math.Max(r1 - r0, 1e-3), h = Math.Max(i1 - i0, 1e-3);
        return new ComplexWindow(r0 - margin * w, r0 + (1 + margin) * w, i0 - margin * h, i0 + (1 + margin) * h);
    }

    /// <summary>This window widened symmetrically along one axis so that width/height lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public ComplexWindow WithAspectWithin(double min, double max)
    {
        double w = ReMax - ReMin, h = ImMax - ImMin;
        if (w / h < min) { double pad = 0.5 * (min * h - w); return new ComplexWindow(ReMin - pad, ReMax + pad, ImMin, ImMax); }
        if (w / h > max) { double pad = 0.5 * (w / max - h); return new ComplexWindow(ReMin, ReMax, ImMin - pad, ImMax + pad); }
        return this;
    }

    /// <summary>Width over height.</summary>
    public double Aspect => (ReMax - ReMin) / (ImMax - ImMin);

    /// <summary>The dominant-pair window of Figs 3–5: Re [0.89, 1.11], Im [−0.33, 0.33].</summary>
    public static ComplexWindow DominantPair { get; } = new(0.89, 1.11, -0.33, 0.33);

    /// <summary>The whole unit disk with a margin: [−1.1, 1.1]².</summary>
    public static ComplexWindow UnitDisk { get; } = new(-1.1, 1.1, -1.1, 1.1);
}

/// <summary>Input of <see cref="ComplexPlane.AddScatter"/>.</summary>
public sealed record ComplexScatterSettings
{
    /// <summary>The points (e.g. the upper member λ₁ of the dominant pair of P at each snapshot).</summary>
    public required IReadOnlyList<Complex> Points { get; init; }

    /// <summary>Colour value of each point (e.g. its epoch).</summary>
    public required IReadOnlyList<double> ColorValues { get; init; }

    /// <summary>Colour-bar label.</summary>
    public string ColorLabel { get; init; } = "epoch";

    /// <summary>Indices of points drawn on top with a ring (the named epochs).</summary>
    public IReadOnlyList<int> Outlined { get; init; } = [];

    /// <summary>Visible window; kept exactly when the figure is saved at <see cref="ComplexPlane.SizeFor"/>.</summary>
    public ComplexWindow Window { get; init; } = ComplexWindow.DominantPair;

    /// <summary>Colour map (sequential).</summary>
    public IColormap Colormap { get; init; } = new ScottPlot.Colormaps.Viridis();

    /// <summary>Values at the ends of the colour map; default the data range.</summary>
    public ScottPlot.Range? ColorRange { get; init; }

    /// <summary>Opacity of the points that are not outlined (below 1 for "intermediate ones faint").</summary>
    public double Opacity { get; init; } = 1;

    /// <summary>Marker diameter in pixels.</summary>
    public float MarkerSize { get; init; } = 7;
}

/// <summary>
/// Complex-plane scatter plots of eigenvalues: equal aspect (one unit of Re is as long as one unit of Im), dashed unit
/// circle, points coloured by a value with a colour bar, selected points outlined, a fixed window. The plot uses a
/// fixed layout (<see cref="Padding"/>) so that <see cref="SizeFor"/> gives the figure size at which the window is
/// shown exactly; at other sizes the equal-aspect rule widens one side of the window.
/// </summary>
public static class ComplexPlane
{
    /// <summary>Space around the data area (left, right incl. colour bar, bottom, top) in pixels.</summary>
    public static PixelPadding Padding { get; } = new(left: 80, right: 120, bottom: 60, top: 40);

    private const float ColorBarWidth = 18;

    /// <summary>The figure size whose data area has the aspect of <paramref name="window"/> and height <paramref name="dataHeight"/>.</summary>
    public static FigureSize SizeFor(ComplexWindow window, int dataHeight = 480)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (dataHeight is < 50 or > 5000) throw new ArgumentException($"dataHeight = {dataHeight} must be in 50..5000 pixels", nameof(dataHeight));
        int dataWidth = (int)Math.Round(dataHeight * window.Aspect);
        return new FigureSize((int)(Padding.Left + Padding.Right) + dataWidth, (int)(Padding.Top + Padding.Bottom) + dataHeight).Checked();
    }

    /// <summary>Adds the unit circle (dashed, grey), the coloured points, the colour bar, axis labels and the window.</summary>
    public static ColoredPoints AddScatter(Plot plot, ComplexScatterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(settings);
        AddUnitCircle(plot);
        var coordinates = settings.Points.Select(z => new Coordinates(z.Real, z.Imaginary)).ToArray();
        var points = new ColoredPoints(coordinates, settings.ColorValues, settings.Colormap, settings.ColorRange)
        {
            Outlined = settings.Outlined,
            Opacity = settings.Opacity,
            MarkerSize = settings.MarkerSize,
        };
        plot.Add.Plottable(points);
        var bar = plot.Add.ColorBar(points);
        bar.Label = settings.ColorLabel;
        bar.Width = ColorBarWidth;
        plot.XLabel("Re λ", 14);
        plot.YLabel("Im λ", 14);
        SetWindow(plot, settings.Window);
        return points;
    }

    /// <summary>Adds the dashed unit circle |λ| = 1.</summary>
    public static Ellipse AddUnitCircle(Plot plot, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Ellipse circle = plot.Add.Circle(0, 0, 1);
        circle.LineColor = color ?? Colors.Gray;
        circle.LineWidth = 1.2f;
        circle.LinePattern = LinePattern.Dashed;
        return circle;
    }

    /// <summary>Fixes the layout, the window and the equal-aspect rule.</summary>
    public static void SetWindow(Plot plot, ComplexWindow window)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(window);
        plot.Layout.Fixed(Padding);
        plot.Axes.SetLimits(window.ReMin, window.ReMax, window.ImMin, window.ImMax);
        plot.Axes.SquareUnits();
    }
}
