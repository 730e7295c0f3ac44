using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The figures of the paired core protocol (docs/science/figures-and-studies.md §12.2): median and IQR bands of D, ρ(P) and ρ(W) of both
/// learners against epoch, the histogram of crossing epochs, the stage raster (one row per seed) and the eigenvalue
/// plane of one seed.
/// </summary>
public static class PairedFigures
{
    /// <summary>Draws every panel; returns the figure entries for the report.</summary>
    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, PairedData data)
    {
        var closed = data.Main.Select(p => p.Closed).ToList();
        var open = data.Main.Select(p => p.Open).ToList();
        var measures = data.Main.Select(p => p.Measures).ToList();
        int n = data.Main.Count;
        return
        [
            BandPanel(ctx, "paired_deployed_loss", closed, open, s => s.Deployed, "deployed loss D", logY: true,
                $"Paired protocol ({n} seeds): median (line) and interquartile band of the deployed loss D of the closed learner (blue) and its white-noise open student (red)."),
            BandPanel(ctx, "paired_rho_p", closed, open, s => s.SpectralRadius, "spectral radius ρ(P)", logY: false,
                $"Paired protocol ({n} seeds): median and IQR of ρ(P) (joint matrix linearised at the origin) of both learners; dotted line at ρ = 1."),
            BandPanel(ctx, "paired_rho_w", closed, open, s => s.NetworkRadius, "spectral radius ρ(W)", logY: false,
                $"Paired protocol ({n} seeds): median and IQR of ρ(W) (recurrent weights) of both learners."),
            StageFigures.CrossingHistogram(ctx, measures),
            StageFigures.Raster(ctx, measures, closed[0].Count),
            Eigenvalues(ctx, data.ClosedSpectra, measures[0], "closed"),
            Eigenvalues(ctx, data.OpenSpectra, measures[0], "open"),
        ];
    }

    private static FigureEntry BandPanel(ExperimentContext ctx, string panel, IReadOnlyList<LearnerSeries> closed, IReadOnlyList<LearnerSeries> open,
        Func<LearnerSeries, IReadOnlyList<double>> pick, string yLabel, bool logY, string caption)
    {
        var bc = Band.Of(closed.Select(pick).ToList());
        var bo = Band.Of(open.Select(pick).ToList());
        var epochs = Enumerable.Range(0, Math.Max(bc.Median.Length, bo.Median.Length)).Select(e => (double)e).ToArray();
        var plot = Figures.Create(yLabel + " over seeds", "epoch", yLabel);
        Func<double, double> y = logY ? LogAxis.Map : v => v;
        AddBand(plot, epochs, bc, y, Figures.ClosedLoop, "closed loop: median");
        AddBand(plot, epochs, bo, y, Figures.OpenLoop, "open loop: median");
        if (!logY && panel == "paired_rho_p") Decorations.HorizontalReference(plot, 1.0);
        LogAxis.Apply(plot.Axes.Bottom);
        if (logY) LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.MapEpoch(epochs.Length + 4));
        plot.ShowLegend(logY ? Alignment.LowerLeft : Alignment.UpperLeft);
        var data = FigureData.FromColumns(("epoch", epochs), ("closed_q1", Pad(bc.Lower, epochs.Length)), ("closed_median", Pad(bc.Median, epochs.Length)),
            ("closed_q3", Pad(bc.Upper, epochs.Length)), ("open_q1", Pad(bo.Lower, epochs.Length)), ("open_median", Pad(bo.Median, epochs.Length)),
            ("open_q3", Pad(bo.Upper, epochs.Length)));
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, panel, data);
        return ctx.Entry(saved, caption);
    }

    /// <summary>The median line and, where at least two seeds are finite, the IQR band (log-epoch abscissa).</summary>
    internal static void AddBand(Plot plot, double[] epochs, Band b, Func<double, double> y, Color color, string legend)
    {
        var idx = Enumerable.Range(0, b.Median.Length).Where(e => b.Count[e] >= 2 && double.IsFinite(y(b.Lower[e])) && double.IsFinite(y(b.Upper[e]))).ToArray();
        if (idx.Length >= 2)
        {
            var fill = plot.Add.FillY(idx.Select(e => LogAxis.MapEpoch(epochs[e])).ToArray(), idx.Select(e => y(b.Lower[e])).ToArray(), idx.Select(e => y(b.Upper[e])).ToArray());
            fill.FillColor = color.WithAlpha(0.25);
            fill.LineWidth = 0;
        }
        Series.Add(plot, LogAxis.MapEpochs(epochs.Take(b.Median.Length)), b.Median.Select(y).ToArray(), new SeriesStyle { Color = color, LineWidth = 2, Legend = legend });
    }

    /// <summary>The square window around the unit disk, widened to show every point up to |λ| = 3.</summary>
    public static ComplexWindow Window(IReadOnlyList<Complex> points)
    {
        double r = points.Where(z => double.IsFinite(z.Magnitude)).Select(z => z.Magnitude).DefaultIfEmpty(0).Max();
        double half = Math.Clamp(1.05 * r, 1.1, 3.0);
        return new ComplexWindow(-half, half, -half, half);
    }

    private static double[] Pad(double[] v, int n) => v.Length == n ? v : v.Concat(Enumerable.Repeat(double.NaN, n - v.Length)).ToArray();

    /// <summary>The four largest-modulus eigenvalues of P (two pairs) at every recorded epoch of one learner, coloured by epoch.</summary>
    private static FigureEntry Eigenvalues(ExperimentContext ctx, PairSpectra a, PairMeasures m, string learner)
    {
        const int PerEpoch = 4;
        var points = new List<Complex>();
        var colour = new List<double>();
        var outlined = new List<int>();
        var named = new HashSet<long> { m.Spectral.Stage1End ?? -1, m.Spectral.Stage2End ?? -1, a.RunEpochs - 1 };
        {
            for (int r = 0; r < a.Epochs.Length; r++)
                foreach (var z in a.Rows[r].Take(PerEpoch))
                {
                    if (named.Contains(a.Epochs[r]) && learner == "closed") outlined.Add(points.Count);
                    points.Add(z);
                    colour.Add(a.Epochs[r]);
                }
        }
        var window = Window(points);
        string title = learner == "closed" ? $"eig(P), closed learner, seed {m.Seed}" : $"eig(P), open student, seed {m.Seed}";
        var plot = Figures.Create(title);
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings { Points = points, ColorValues = colour, Outlined = outlined, Window = window, MarkerSize = 5 });
        var data = new FigureData(["epoch", "rank", "re", "im"], points.Select((z, i) => (IReadOnlyList<object?>)[colour[i], i % PerEpoch, z.Real, z.Imaginary]).ToList());
        string panel = $"paired_eigenvalues_{learner}_seed{m.Seed}";
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, panel, data, ComplexPlane.SizeFor(window));
        string caption = learner == "closed"
            ? $"Paired protocol, seed {m.Seed}: the four largest-modulus eigenvalues of the closed learner's P at every epoch, coloured by epoch; outlined at e1 = {m.Spectral.Stage1End?.ToString() ?? "none"}, e2 = {m.Spectral.Stage2End?.ToString() ?? "none"} and the final epoch; dashed unit circle."
            : $"Paired protocol, seed {m.Seed}: the same for the open student (white-noise imitation of the final closed learner).";
        return ctx.Entry(saved, caption);
    }
}
