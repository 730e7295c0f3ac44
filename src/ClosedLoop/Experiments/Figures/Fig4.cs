using System.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 4 (docs/science/figures-and-studies.md §5): during the Stage-2 plateau the joint system stays just unstable while the network builds
/// a velocity estimate; the dominant pair zig-zags as a short-horizon term and a long-horizon stability term pull in
/// opposite directions, and their balance (α in the reduced model, the episode length T in the full model) decides
/// whether the pair enters the unit disk. Panels: (a) D with Stage 2 shaded, (b) the decaying oscillation of snapshot
/// e_stab + 11, (c) the drift of the dominant pair, (d) reduced-model paths from e_s, (e) full-model restarts from e_s
/// with T ∈ {10, 25, 50, 100, 200}.
/// </summary>
public sealed class Fig4 : IExperiment
{
    public string Name => "fig4";

    public string Description => "rank-1 model, Stage 2: plateau, world-model building and the zig-zag of the dominant pair";

    /// <summary>Episode lengths of the panel-(e) restarts at quick/full size (decision 20 of docs/science/decisions.md plus the base 50).</summary>
    public static readonly int[] EpisodeLengths = [10, 25, 50, 100, 200];

    /// <summary>Smoke-size stand-ins (T ≤ 12).</summary>
    private static readonly int[] SmokeLengths = [3, 5, 8, 10, 12];

    /// <summary>The α scan of panel (d): {0, 0.1, …, 1} ∪ {0.48, 0.52, 0.55}, 300 steps each.</summary>
    public static readonly double[] ScanAlphas =
        [.. Enumerable.Range(0, 11).Select(i => i / 10.0).Concat([0.48, 0.52, 0.55]).Order()];

    /// <summary>Steps of the α scan.</summary>
    public const int ScanSteps = 300;

    /// <summary>The episode lengths used at the context's size.</summary>
    /// <summary>Epochs of each panel-(e) restart: 150 (smoke: 10).</summary>
    public static int RestartLength(ExperimentContext ctx) => ctx.BySize(10, 150, 150);

    public static IReadOnlyList<int> Lengths(ExperimentContext ctx) => ctx.BySize(SmokeLengths, EpisodeLengths, EpisodeLengths);

    /// <summary>Restarts of a base run from its e_s with each episode length, 150 epochs (smoke: 10), same seed.</summary>
    public static IReadOnlyList<RunSettings> Restarts(ExperimentContext ctx, RankOneRun run) =>
        Lengths(ctx).Select(t => RankOneBase.Restart(ctx, run.Record.Settings, run.Stages.StartSnapshot, RestartLength(ctx), $"lowrank-t{t}",
            s => s with { Episode = s.Episode with { Steps = t } })).ToList();

    public ExperimentOutput Run(ExperimentContext ctx) => RankOneBase.Invariant(() => Build(ctx));

    private static ExperimentOutput Build(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        var all = seeds.Append(figureSeed).Distinct().ToList();
        var runs = RankOneBase.Runs(ctx, all).Select(r => new RankOneRun(r)).ToList();
        var restarts = ctx.Runs.GetAll(runs.SelectMany(r => Restarts(ctx, r)).ToList());
        int k = Lengths(ctx).Count;
        var data = runs.Select((r, i) => new Fig4Seed(r, restarts.Skip(i * k).Take(k).ToList(), Scan(r), Reduced(r))).ToList();
        var fig = data[all.IndexOf(figureSeed)];
        var figures = new List<FigureEntry>
        {
            PanelA(ctx, fig.Base), PanelB(ctx, fig.Base), PanelC(ctx, fig.Base), Fig4Paths.PanelD(ctx, fig), Fig4Paths.PanelE(ctx, fig, Lengths(ctx)),
        };
        return new ExperimentOutput(Fig4Claims.Judge(data.Where(d => seeds.Contains(d.Base.Seed)).ToList(), Lengths(ctx)), figures);
    }

    /// <summary>The reduced-model figure set (T∞ = 10, α ∈ {0, 0.48, 0.52, 0.55, 1}) from the run's own snapshot e_s.</summary>
    public static IReadOnlyList<ReducedDescentResult> Reduced(RankOneRun run)
    {
        var start = run.Order(run.Stages.StartSnapshot);
        return ReducedDescentSettings.FigureSet().Select(s => StageTwo.Descend(start, s)).ToList();
    }

    /// <summary>The α scan from the run's own snapshot e_s.</summary>
    public static IReadOnlyList<ReducedDescentResult> Scan(RankOneRun run)
    {
        var start = run.Order(run.Stages.StartSnapshot);
        return ScanAlphas.Select(a => StageTwo.Descend(start, new ReducedDescentSettings { Alpha = a, Steps = ScanSteps })).ToList();
    }

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneRun run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig4a", $"Fig. 4a — Stage 2 (seed {run.Seed})", StageShading.Stage2);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 4a (seed {run.Seed}): deployed loss D of the base run, Stage 2 [e1 = {run.Stages.E1OrZero}, e_stab = {run.Stages.EStab?.ToString() ?? "none"}] shaded — the plateau; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, RankOneRun run)
    {
        int e = DecaySnapshot(run);
        var x = RankOneBase.Positions(run.Record.Parameters(e), 300);
        var saved = RankOnePlots.Positions(ctx, "fig4b", $"Fig. 4b — snapshot {e} from (1, −1)", x);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 4b (seed {run.Seed}): position of snapshot e_stab + 11 = {e} from (1, −1) for 300 steps — a slowly decaying oscillation.");
    }

    /// <summary>The snapshot of panel (b): e_stab + 11 (published 140), clipped to the record.</summary>
    public static int DecaySnapshot(RankOneRun run) => Math.Min((run.Stages.EStab ?? run.Stages.LastEpoch) + 11, run.Stages.LastEpoch);

    private static FigureEntry PanelC(ExperimentContext ctx, RankOneRun run)
    {
        int es = run.Stages.StartSnapshot, stab = run.Stages.EStab ?? run.Stages.LastEpoch;
        var epochs = new[] { es }.Concat(Enumerable.Range(es + 2, Math.Max(0, stab - 3 - (es + 2) + 1))).Append(stab)
            .Where(e => e < run.Epochs && run.Roots(e) is not null).Distinct().ToList();
        var points = epochs.Select(e => run.Roots(e)![0]).ToList();
        var window = Enlarge(new ComplexWindow(0.98, 1.005, 0.12, 0.2), points);
        var plot = Figures.Create($"Fig. 4c — λ_dom, e {es}…{stab}");
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings
        {
            Points = points, ColorValues = epochs.Select(e => (double)e).ToList(), Outlined = [0, points.Count - 1], Window = window, Opacity = 0.5, MarkerSize = 8,
        });
        RankOnePlots.StretchedWindow(plot, window);
        var rows = epochs.Select((e, i) => (IReadOnlyList<object?>)[e, points[i].Real, points[i].Imaginary]).ToList();
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig4c", new FigureData(["epoch", "re", "im"], rows), RankOnePlots.StretchedSize);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 4c (seed {run.Seed}): upper member of the dominant pair at e_s = {es}, at {es + 2}…{stab - 3} (faint, by epoch) and at e_stab = {stab} (outlined): a leftward drift with a zig-zag; unit circle dashed.");
    }

    /// <summary>The window grown (with a 5 % margin) to contain every finite point.</summary>
    public static ComplexWindow Enlarge(ComplexWindow w, IEnumerable<Complex> points) => w.Including(points);

    /// <summary>Writes a small table beside the figures (e.g. fig4d_alpha_scan.csv).</summary>
    internal static void WriteFigureTable(ExperimentContext ctx, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        CsvWriter.WriteTable(Path.Combine(ctx.FiguresDirectory, name), header, rows);
}

/// <summary>The runs and computations of one seed behind Fig. 4.</summary>
/// <param name="Base">The rank-1 base run.</param>
/// <param name="Restarts">Restarts from e_s, one per episode length, in the order of <see cref="Fig4.Lengths"/>.</param>
/// <param name="Scan">The α scan from e_s.</param>
/// <param name="Reduced">The reduced-model figure set from e_s.</param>
public sealed record Fig4Seed(RankOneRun Base, IReadOnlyList<RunRecord> Restarts, IReadOnlyList<ReducedDescentResult> Scan, IReadOnlyList<ReducedDescentResult> Reduced);
