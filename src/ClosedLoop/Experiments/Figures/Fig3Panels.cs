using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>The panels (a)–(e) of Fig. 3 (docs/science/figures-and-studies.md §4), drawn from the figure seed's measures.</summary>
public static class Fig3Panels
{
    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig3Figure f) =>
        [PanelA(ctx, f.Base), PanelB(ctx, f), PanelC(ctx, f.Base), PanelD(ctx, f.Landscape), PanelE(ctx, f)];

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneTrace run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig3a", $"Fig. 3a — Stage 1 (seed {run.Seed})", StageShading.Stage1, (0.11, 1e10));
        return ctx.Entry(saved,
            $"Fig. 3a (figure seed {run.Seed}, initial σ_zm = {run.InitialSigmaZm:F4}): deployed loss D of the rank-1 base run, Stage 1 [0, e1 = {run.Stages.E1OrZero}] shaded; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, Fig3Figure f)
    {
        int e1 = f.Base.Stages.E1OrZero;
        var saved = RankOnePlots.Positions(ctx, "fig3b", $"Fig. 3b — snapshot e1 = {e1} from (1, −1)", f.PositionsE1, horizon: f.Horizon);
        return ctx.Entry(saved,
            $"Fig. 3b (seed {f.Base.Seed}): position of snapshot e1 = {e1} rolled out from (1, −1) for 300 steps — a growing oscillation; red line at the training horizon.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, RankOneTrace run)
    {
        int e1 = run.Stages.E1OrZero;
        var epochs = Enumerable.Range(e1 - 4, 7).Where(e => e >= 0 && e < run.Epochs && run.Roots(e) is not null).ToList();
        var saved = RankOnePlots.Eigenvalues(ctx, run, "fig3c", $"Fig. 3c — e {epochs[0]}…{epochs[^1]}", epochs, e => e == epochs[0] || e == epochs[^1],
            ComplexWindow.DominantPair, opacity: 0.45, markerSize: 9, width: 640, take: 2);
        return ctx.Entry(saved,
            $"Fig. 3c (seed {run.Seed}): the two leading eigenvalues of P for snapshots {epochs[0]}…{epochs[^1]} (e1 = {e1}), coloured by epoch, first and last outlined; unit circle dashed.");
    }

    private static FigureEntry PanelD(ExperimentContext ctx, StageOneLandscape d)
    {
        var plot = Figures.Create($"Fig. 3d — Stage-1 loss landscape (seed {d.Seed})", "σ_zm", "ln ℒ");
        Decorations.ReferenceLine(plot, 0, Colors.Gray);
        foreach (var (from, to) in new[] { (0, 100), (100, 200) })
        {
            var xs = d.Sigma[from..to];
            Series.Add(plot, xs, d.LnTheory[from..to], new SeriesStyle { Color = Colors.Black, LineWidth = 2, Legend = from == 0 ? "theory (geometric sum, 101 terms)" : null });
            Series.Add(plot, xs, d.LnSimulated[from..to], new SeriesStyle { Color = Figures.ClosedLoop, Line = LineKind.None, Marker = MarkerShape.OpenCircle, MarkerSize = 5, Legend = from == 0 ? "simulation (fresh model, 100 steps)" : null });
        }
        plot.Axes.SetLimitsX(-0.52, 0.32);
        plot.ShowLegend(Alignment.UpperCenter);
        var data = FigureData.FromColumns(("sigma_zm", d.Sigma), ("ln_loss_sim", d.LnSimulated), ("ln_loss_theory", d.LnTheory));
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig3d", data);
        return ctx.Entry(saved,
            $"Fig. 3d (seed {d.Seed}): ln ℒ of the Stage-1 rollout from (1, −1) against σ_zm — fresh \"over\" models (markers) and the geometric-sum formula (line); the positive side is far steeper.");
    }

    private static FigureEntry PanelE(ExperimentContext ctx, Fig3Figure f)
    {
        var plot = Figures.Create($"Fig. 3e — ten fresh models trained {f.OverEpochs} epochs (seed {f.Base.Seed})", "epoch", "σ_zm = zᵀm");
        IColormap map = new ScottPlot.Colormaps.Viridis();
        var starts = Fig3.OverStarts;
        double lo = starts[0], hi = starts[^1];
        var rows = new List<IReadOnlyList<object?>>();
        Decorations.HorizontalReference(plot, 0, LineKind.Solid, Colors.Gray);
        for (int i = 0; i < f.OverSigma.Count; i++)
        {
            var sigma = f.OverSigma[i];
            var epochs = Enumerable.Range(0, sigma.Length).Where(e => e % 2 == 0).ToArray();
            var ys = epochs.Select(e => sigma[e]).ToArray();
            Series.Add(plot, epochs.Select(e => (double)e).ToArray(), ys, new SeriesStyle { Color = RankOnePlots.ColorOf(map, starts[i], lo, hi), LineWidth = 2, Marker = MarkerShape.FilledCircle, MarkerSize = 4 });
            rows.AddRange(epochs.Select(e => (IReadOnlyList<object?>)[i, starts[i], e, sigma[e]]));
        }
        RankOnePlots.ColorBar(plot, map, lo, hi, "σ_zm(0)");
        plot.Axes.SetLimitsX(-0.5, f.OverEpochs - 0.5);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig3e", new FigureData(["run", "sigma0", "epoch", "sigma_zm"], rows));
        return ctx.Entry(saved,
            $"Fig. 3e (seed {f.Base.Seed}): σ_zm of ten fresh models (initial σ_zm = linspace(−0.2, 0.2, 10), \"over\") at every second snapshot; positive starts descend along clipped straight lines, all end small and negative.");
    }
}
