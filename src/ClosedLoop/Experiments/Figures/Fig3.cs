using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 3 (docs/science/figures-and-studies.md §4): Stage 1 sets σ_zm to a small negative value from either sign because the loss landscape
/// is extremely asymmetric. Panels: (a) deployed loss with Stage 1 shaded, (b) the growing oscillation of snapshot e₁,
/// (c) the real pair becoming complex around e₁, (d) ln ℒ against σ_zm (simulation and geometric-sum theory), (e) ten
/// fresh "over" models trained 50 epochs. Also judges the whole-run claims of the base run (§3) as fig3.base1..3.
/// </summary>
public sealed class Fig3 : IExperiment
{
    public string Name => "fig3";

    public string Description => "rank-1 model, Stage 1: the asymmetric loss landscape drives σ_zm to a small negative value";

    /// <summary>Initial σ_zm of the ten fresh models of panel (e): linspace(−0.2, 0.2, 10).</summary>
    public static readonly double[] OverStarts = RankOneMeasures.Linspace(-0.2, 0.2, 10);

    /// <summary>A fresh base-settings model with σ_zm(0) set by the "over" construction, trained 50 epochs (panel e).</summary>
    public static RunSettings OverRun(ExperimentContext ctx, long seed, double sigma0)
    {
        var b = RankOneBase.Settings(ctx, seed);
        return b with { Preset = "lowrank-over", Epochs = ctx.BySize(30, 50, 50), Network = b.Network with { OverlapTarget = sigma0 } };
    }

    public ExperimentOutput Run(ExperimentContext ctx) => RankOneBase.Invariant(() => Build(ctx));

    private static ExperimentOutput Build(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        ctx.Log($"fig3: figure seed {figureSeed} (first seed with initial σ_zm > {RankOneBase.FigureSeedThreshold})");
        var all = seeds.Append(figureSeed).Distinct().ToList();
        var settings = all.Select(s => RankOneBase.Settings(ctx, s))
            .Concat(all.SelectMany(s => OverStarts.Select(x => OverRun(ctx, s, x)))).ToList();
        var records = ctx.Runs.GetAll(settings);
        var runs = new Dictionary<long, Fig3Seed>();
        for (int i = 0; i < all.Count; i++)
        {
            var over = records.Skip(all.Count + i * OverStarts.Length).Take(OverStarts.Length).ToList();
            var net = RankOneBase.Settings(ctx, all[i]).Network;
            runs[all[i]] = new Fig3Seed(new RankOneRun(records[i]), over,
                StageOneLandscape.Compute(net, all[i], StageOneLandscape.Grid()), StageOneLandscape.Asymmetry(net, all[i]));
        }
        var fig = runs[figureSeed];
        var figures = new List<FigureEntry>
        {
            PanelA(ctx, fig.Base), PanelB(ctx, fig.Base), PanelC(ctx, fig.Base), PanelD(ctx, fig.Landscape), PanelE(ctx, fig),
        };
        return new ExperimentOutput(Fig3Claims.Judge(seeds.Select(s => runs[s]).ToList(), figureSeed), figures);
    }

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneRun run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig3a", $"Fig. 3a — Stage 1 (seed {run.Seed})", StageShading.Stage1, (0.11, 1e10));
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 3a (figure seed {run.Seed}, initial σ_zm = {run.Order(0).SigmaZm:F4}): deployed loss D of the rank-1 base run, Stage 1 [0, e1 = {run.Stages.E1OrZero}] shaded; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, RankOneRun run)
    {
        int e1 = run.Stages.E1OrZero;
        var x = RankOneBase.Positions(run.Record.Parameters(e1), 300);
        var saved = RankOnePlots.Positions(ctx, "fig3b", $"Fig. 3b — snapshot e1 = {e1} from (1, −1)", x, horizon: run.Record.Settings.Episode.Steps);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 3b (seed {run.Seed}): position of snapshot e1 = {e1} rolled out from (1, −1) for 300 steps — a growing oscillation; red line at the training horizon.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, RankOneRun run)
    {
        int e1 = run.Stages.E1OrZero;
        var epochs = Enumerable.Range(e1 - 4, 7).Where(e => e >= 0 && e < run.Epochs && run.Roots(e) is not null).ToList();
        var saved = RankOnePlots.Eigenvalues(ctx, run, "fig3c", $"Fig. 3c — e {epochs[0]}…{epochs[^1]}", epochs, e => e == epochs[0] || e == epochs[^1],
            ComplexWindow.DominantPair, opacity: 0.45, markerSize: 9, width: 640, take: 2);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
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
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 3d (seed {d.Seed}): ln ℒ of the Stage-1 rollout from (1, −1) against σ_zm — fresh \"over\" models (markers) and the geometric-sum formula (line); the positive side is far steeper.");
    }

    private static FigureEntry PanelE(ExperimentContext ctx, Fig3Seed s)
    {
        var plot = Figures.Create($"Fig. 3e — ten fresh models trained {s.Over[0].Epochs} epochs (seed {s.Base.Seed})", "epoch", "σ_zm = zᵀm");
        IColormap map = new ScottPlot.Colormaps.Viridis();
        double lo = OverStarts[0], hi = OverStarts[^1];
        var rows = new List<IReadOnlyList<object?>>();
        Decorations.HorizontalReference(plot, 0, LineKind.Solid, Colors.Gray);
        for (int i = 0; i < s.Over.Count; i++)
        {
            var sigma = s.Over[i].Series("sigma_zm");
            var epochs = Enumerable.Range(0, sigma.Length).Where(e => e % 2 == 0).ToArray();
            var ys = epochs.Select(e => sigma[e]).ToArray();
            Series.Add(plot, epochs.Select(e => (double)e).ToArray(), ys, new SeriesStyle { Color = RankOnePlots.ColorOf(map, OverStarts[i], lo, hi), LineWidth = 2, Marker = MarkerShape.FilledCircle, MarkerSize = 4 });
            rows.AddRange(epochs.Select(e => (IReadOnlyList<object?>)[i, OverStarts[i], e, sigma[e]]));
        }
        RankOnePlots.ColorBar(plot, map, lo, hi, "σ_zm(0)");
        plot.Axes.SetLimitsX(-0.5, s.Over[0].Epochs - 0.5);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig3e", new FigureData(["run", "sigma0", "epoch", "sigma_zm"], rows));
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 3e (seed {s.Base.Seed}): σ_zm of ten fresh models (initial σ_zm = linspace(−0.2, 0.2, 10), \"over\") at every second snapshot; positive starts descend along clipped straight lines, all end small and negative.");
    }
}

/// <summary>The runs and computations of one seed behind Fig. 3.</summary>
/// <param name="Base">The rank-1 base run.</param>
/// <param name="Over">The ten fresh "over" runs of panel (e), in the order of <see cref="Fig3.OverStarts"/>.</param>
/// <param name="Landscape">Panel (d) on its grid.</param>
/// <param name="Asymmetry">Panel (d) at ±s for the asymmetry claim.</param>
public sealed record Fig3Seed(RankOneRun Base, IReadOnlyList<RunRecord> Over, StageOneLandscape Landscape, StageOneLandscape Asymmetry);
