using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Tests.Reporting.Plotting;

/// <summary>One example panel: the plot, its data table and its size.</summary>
internal sealed record GalleryPanel(string Name, Plot Plot, FigureData Data, FigureSize Size);

/// <summary>
/// Example panels of every plot type, built from synthetic but paper-shaped data (no training). Checked by
/// <see cref="PlotGalleryTests"/>; written to docs/img by the tool <c>tools/gallery</c>.
/// </summary>
internal static class PlotGallery
{
    public static IReadOnlyList<GalleryPanel> All() => [LossCurves(), Eigenvalues(), Landscape(), GainZoom()];

    /// <summary>Fig. 1c-like: deployed loss (left, solid) and training loss (right, dashed) on log–log axes with stages.</summary>
    public static GalleryPanel LossCurves()
    {
        double[] epochs = Enumerable.Range(0, 1000).Select(e => (double)e).ToArray();
        double[] deployed = epochs.Select(DeployedLoss).ToArray();
        double[] training = epochs.Select(e => 0.02 * DeployedLoss(e) * (1 + 0.3 * Math.Sin(e / 7.0))).ToArray();
        Plot plot = Figures.Create("Closed loop", "epoch", "deployed loss T·D");
        plot.Axes.Right.Label.Text = "training loss";
        Decorations.StageSpans(plot, LogAxis.MapEpoch(0), LogAxis.MapEpoch(14), LogAxis.MapEpoch(104), LogAxis.MapEpoch(999));
        Decorations.ReferenceLine(plot, LogAxis.MapEpoch(12));
        Decorations.ReferenceLine(plot, LogAxis.MapEpoch(110));
        double[] x = LogAxis.MapEpochs(epochs);
        Series.Add(plot, x, LogAxis.Map(deployed), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = "deployed (left)" });
        Series.Add(plot, x, LogAxis.Map(training), new SeriesStyle { Color = Colors.Black, Line = LineKind.Dashed, Legend = "training (right)", Axis = AxisSide.Right });
        Decorations.Point(plot, LogAxis.MapEpoch(24), LogAxis.Map(DeployedLoss(24)), Figures.Silver);
        Decorations.Point(plot, LogAxis.MapEpoch(110), LogAxis.Map(DeployedLoss(110)), Figures.Gold);
        Decorations.Label(plot, "Stage 1", LogAxis.MapEpoch(1), 5.9);
        Decorations.Label(plot, "Stage 2", LogAxis.MapEpoch(20), 5.9);
        Decorations.Label(plot, "Stage 3", LogAxis.MapEpoch(150), 5.9);
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        LogAxis.Apply(plot.Axes.Right);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(1005));
        plot.Axes.SetLimitsY(0, 6.5);
        plot.ShowLegend(Alignment.LowerLeft);
        var data = FigureData.FromColumns(("epoch", epochs), ("deployed_loss_sum", deployed), ("training_loss", training));
        return new GalleryPanel("gallery_loss_curves", plot, data, FigureSize.Default);
    }

    /// <summary>Fig. 3c/4c-like: upper dominant eigenvalue drifting across the unit circle, coloured by epoch.</summary>
    public static GalleryPanel Eigenvalues()
    {
        int n = 120;
        double[] epochs = Enumerable.Range(0, n).Select(e => (double)e).ToArray();
        Complex[] lambda = epochs.Select(e => Complex.FromPolarCoordinates(1.025 - 0.06 * e / n + 0.004 * Math.Sin(e / 3.0), 0.28 - 0.2 * e / n)).ToArray();
        Plot plot = Figures.Create("Dominant eigenvalue of P");
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings
        {
            Points = lambda,
            ColorValues = epochs,
            Outlined = [0, n - 1],
            Opacity = 0.6,
        });
        var data = FigureData.FromColumns(("epoch", epochs), ("re", lambda.Select(z => z.Real).ToArray()), ("im", lambda.Select(z => z.Imaginary).ToArray()));
        return new GalleryPanel("gallery_eigenvalues", plot, data, ComplexPlane.SizeFor(ComplexWindow.DominantPair));
    }

    /// <summary>Fig. 2b-like: loss landscape ln(L/50) of the gain system, stability contours, two gain paths.</summary>
    public static GalleryPanel Landscape()
    {
        Grid2D landscape = Grid2D.Sample(-1.2, 0.6, 50, -1.2, 0.6, 50, (k1, k2) => Math.Log(GainLoss(k1, k2) / 50));
        Grid2D classes = Grid2D.Sample(-1.2, 0.6, 200, -1.2, 0.6, 200, StabilityClass);
        Plot plot = Figures.Create("Closed-loop – Loss & Stability", "k₁", "k₂");
        GridPlots.AddHeatmap(plot, landscape, new HeatmapStyle { ColorLabel = "ln(L/50)" });
        GridPlots.AddContours(plot, classes, [0.5, 1.5]);
        var (ck1, ck2) = Path(-0.365, -1.003, 0.0);
        var (ok1, ok2) = Path(-0.340, -1.012, 0.12);
        GridPlots.AddPath(plot, ck1, ck2, new PathStyle { Color = Figures.ClosedLoop, Legend = "closed loop", StartLabel = "Start", EndLabel = "End", LabelColor = Colors.White });
        GridPlots.AddPath(plot, ok1, ok2, new PathStyle { Color = Figures.OpenLoop, Legend = "open loop" });
        Decorations.Label(plot, "Unstable (osc.)", -1.1, 0.3, color: Colors.White);
        Decorations.Label(plot, "Unstable (real)", 0.05, -0.6, color: Colors.White);
        Decorations.Label(plot, "Stable", -0.7, -1.1, color: Colors.White);
        plot.ShowLegend(Alignment.UpperRight);
        var data = FigureData.FromGrid(landscape, "k1", "k2", "value");
        return new GalleryPanel("gallery_landscape", plot, data, new FigureSize(700, 600));
    }

    /// <summary>Fig. 2c-like zoom with solid lines only (so an SVG is written too).</summary>
    public static GalleryPanel GainZoom()
    {
        var (k1, k2) = Path(-0.365, -1.003, 0.0);
        double[] epochs = Enumerable.Range(0, k1.Length).Select(e => (double)e).ToArray();
        Plot plot = Figures.Create("Zoom", "k₁", "k₂");
        Series.Add(plot, [0, 0], [-0.06, 0.04], new SeriesStyle { Color = Colors.Gray, LineWidth = 1 });
        Series.Add(plot, [-0.06, 0.02], [-0.06, 0.02], new SeriesStyle { Color = Colors.Gray, LineWidth = 1 });
        Series.Add(plot, k1, k2, new SeriesStyle { Color = Figures.ClosedLoop, Marker = MarkerShape.FilledCircle, MarkerSize = 4 });
        Decorations.Label(plot, "k₂ = k₁", -0.055, -0.05);
        plot.Axes.SetLimits(-0.06, 0.02, -0.06, 0.04);
        var data = FigureData.FromColumns(("epoch", epochs), ("k1", k1), ("k2", k2));
        return new GalleryPanel("gallery_gain_zoom", plot, data, FigureSize.Default);
    }

    private static double DeployedLoss(double e) =>
        e <= 12 ? 1e5 * Math.Pow(1400.0 / 1e5, e / 12) : e <= 110 ? 1400 * Math.Pow(400.0 / 1400, (e - 12) / 98) : 6 + 394 * Math.Exp(-(e - 110) / 40);

    /// <summary>L = Σ_{t=1..50} |x_t|² of the double integrator from (1, 1) under u = k₁x + k₂v (docs/science/analysis-maths.md §8.3).</summary>
    internal static double GainLoss(double k1, double k2)
    {
        double x = 1, v = 1, sum = 0;
        for (int t = 0; t < 50; t++)
        {
            double u = k1 * x + k2 * v;
            (x, v) = (x + v, v + u);
            sum += x * x + v * v;
        }
        return sum;
    }

    /// <summary>Class of P_red(k) as plotted (docs/science/analysis-maths.md §8.2): 2 stable, 1 unstable oscillatory, 0 unstable real.</summary>
    internal static double StabilityClass(double k1, double k2)
    {
        double tr = 2 + k2, det = 1 + k2 - k1, disc = tr * tr - 4 * det;
        if (disc < 0) return Math.Sqrt(det) < 1 ? 2 : 1;
        double r = Math.Max(Math.Abs((tr + Math.Sqrt(disc)) / 2), Math.Abs((tr - Math.Sqrt(disc)) / 2));
        return r < 1 ? 2 : 0;
    }

    /// <summary>A stage-shaped path: small negative k₁, zig-zag, then out to (end1, end2); overshoot bends it outward.</summary>
    private static (double[] K1, double[] K2) Path(double end1, double end2, double overshoot)
    {
        int n = 200;
        var k1 = new double[n];
        var k2 = new double[n];
        for (int e = 0; e < n; e++)
        {
            double s = (double)e / (n - 1), early = Math.Min(1, e / 30.0);
            double late = Math.Max(0, (s - 0.3) / 0.7);
            k1[e] = -0.02 * early + (end1 + 0.02) * late - overshoot * Math.Sin(Math.PI * late) * 1.5;
            k2[e] = 0.004 * Math.Sin(e / 2.0) * (1 - late) - 0.02 * Math.Min(1, s / 0.3) + (end2 + 0.02) * late;
        }
        return (k1, k2);
    }
}
