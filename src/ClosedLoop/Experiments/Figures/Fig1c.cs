using ClosedLoop.Reporting.Plotting;
using ScottPlot;
using Q = ClosedLoop.Experiments.Quantity<ClosedLoop.Experiments.Fig1cSeed>;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 1c (docs/science/figures-and-studies.md §1): the tanh network trained in closed loop (three stages in its deployed loss) and in
/// open loop on white noise (its deployed loss rises to a transient peak while its imitation loss falls smoothly).
/// Runs: a closed/open pair per seed (<see cref="TanhBase"/>); the figure is seed 0's.
/// </summary>
public sealed class Fig1c : Experiment<long, Fig1cData>
{
    public override string Name => "fig1c";

    public override string Description => "tanh network: closed-loop learning in three stages vs open-loop imitation with a transient deployed-loss peak";

    /// <summary>Published hand-placed stage boundaries of the tanh run (docs/science/analysis-maths.md §7.1).</summary>
    public static readonly int[] PublishedBoundaries = [12, 110];

    public override RunGrid<long> Plan(ExperimentContext ctx) => TanhBase.Pairs(ctx, ctx.Seeds(quick: 5, full: 5));

    public override Fig1cData Measure(ExperimentContext ctx, RunSet<long> runs) =>
        new(runs.Keys.Select(s => Fig1cSeed.Of(runs.Pair(s))).ToList(), LearnerCurves.Of(runs.Pair(runs.Keys[0])));

    public override void Judge(ExperimentContext ctx, Fig1cData data, ClaimSet c)
    {
        var rows = data.Seeds;
        c.RestingOn("fig1c_top", "fig1c_bottom");
        c.ExactOverSeeds("1", "At epoch 0 both learners have the same deployed loss (same weights, same evaluation set)", rows,
            new Q("|D_closed(0) − D_open(0)|/D_closed(0)", r => r.InitialGap).AtMost(1e-12));
        c.RestingOn("fig1c_top");
        c.EverySeed("2", "Closed loop, Stage 1: the deployed loss at e1+10 is at least 5x below its epoch-0 value", rows,
            new Q("D(0)/D(e1+10)", r => r.Stage1Drop).AtLeast(5));
        c.EverySeed("3", "Closed loop, Stage 2: between e1 and e_stab (gain system) the deployed loss changes by less than a factor 10", rows,
            new Q("max/min of D over [e1, e_stab]", r => r.PlateauRatio).Below(10));
        c.EverySeed("4a", "Closed loop, Stage 3: by e_stab+200 the deployed loss is at least 30x below its value at e_stab", rows,
            new Q("D(e_stab)/D(e_stab+200)", r => r.Stage3Drop).AtLeast(30));
        c.EverySeed("4b", "Closed loop: the final deployed loss is at least 300x below the epoch-0 value", rows,
            new Q("D(0)/D(final)", r => r.TotalDrop).AtLeast(300));
        c.EverySeed("5", "The closed-loop deployed loss has no post-initial peak: its maximum over e >= 1 is below its epoch-0 value", rows,
            new Q("max_{e>=1} D / D(0)", r => r.ClosedPeakRatio).Below(1));
        c.RestingOn("fig1c_bottom");
        c.EverySeed("6", "The imitation loss falls by at least two orders of magnitude and has no peak (max over e >= 10 within 25 % of epoch 0)", rows,
            new Q("final/initial", r => r.ImitationDrop).AtMost(0.01), new Q("max_{e>=10}/initial", r => r.ImitationPeak).AtMost(1.25));
        c.MostSeeds("7", "The open-loop deployed loss has a post-initial peak above 1.5x its epoch-0 value, after the separation epoch and between epochs 100 and 400", rows,
            new Q("peak/D(0)", r => r.OpenPeakRatio).Above(1.5), new Q("peak epoch", r => r.OpenPeakEpoch ?? double.NaN).Within(100, 400),
            Criteria.Is<Fig1cSeed>("peak epoch > separation epoch", r => r.OpenPeakEpoch > (r.Separation ?? -1)))
            .Note("peak epochs " + string.Join(", ", rows.Select(r => r.OpenPeakEpoch?.ToString() ?? "none")));
        c.RestingOn("fig1c_top", "fig1c_bottom");
        c.EverySeed("8", "The final deployed losses of the two learners agree within a factor 1.5", rows,
            new Q("max/min of the final losses", r => r.FinalRatio).AtMost(1.5));
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig1cData data) =>
        [Panel(ctx, data.Figure, open: false), Panel(ctx, data.Figure, open: true)];

    private static FigureEntry Panel(ExperimentContext ctx, LearnerCurves c, bool open)
    {
        var deployed = open ? c.OpenDeployed : c.ClosedDeployed;
        var training = open ? c.OpenTraining : c.ClosedTraining;
        int count = deployed.Length;
        var epochs = Enumerable.Range(0, count).Select(e => (double)e).ToArray();
        string who = open ? "Open loop (white-noise imitation)" : "Closed loop";
        var plot = Figures.Create($"{who}, seed {c.Seed}", "epoch", "deployed loss T·D");
        plot.Axes.Right.Label.Text = open ? "imitation loss" : "training loss";
        if (!open && c.Stages.Stage1End is { } e1)
            Decorations.StageSpans(plot, LogAxis.MapEpoch(0), LogAxis.MapEpoch(e1), LogAxis.MapEpoch(c.Stages.GainStabilization ?? double.NaN), LogAxis.MapEpoch(count - 1));
        foreach (var b in PublishedBoundaries) Decorations.ReferenceLine(plot, LogAxis.MapEpoch(b));
        var x = LogAxis.MapEpochs(epochs);
        Series.Add(plot, x, LogAxis.Map(deployed), new SeriesStyle { Color = open ? Figures.OpenLoop : Figures.ClosedLoop, LineWidth = 2, Legend = "deployed loss (left)" });
        Series.Add(plot, x, LogAxis.Map(training), new SeriesStyle { Color = Colors.Black, Line = LineKind.Dashed, Legend = $"{plot.Axes.Right.Label.Text} (right)", Axis = AxisSide.Right });
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        LogAxis.Apply(plot.Axes.Right);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(count + 5));
        plot.ShowLegend(Alignment.LowerLeft);
        var table = FigureData.FromColumns(("epoch", epochs), ("deployed_loss_sum", deployed), (open ? "imitation_loss" : "training_loss", training));
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, open ? "fig1c_bottom" : "fig1c_top", table);
        string caption = open
            ? $"Fig. 1c bottom (seed {c.Seed}): the open-loop learner's deployed loss (solid, T·D) and its imitation loss (dashed); dotted lines at the published boundaries 12 and 110."
            : $"Fig. 1c top (seed {c.Seed}): closed-loop deployed loss (solid, T·D) and training loss (dashed), stages shaded from the automatic detector (e1 = {c.Stages.Stage1End?.ToString() ?? "none"}, gain-system stabilisation = {c.Stages.GainStabilization?.ToString() ?? "none"}); dotted lines at the published 12 and 110.";
        return ctx.Entry(saved, caption);
    }
}

/// <summary>Fig. 1c's measures: one row per seed for the claims, and the figure seed's curves.</summary>
public sealed record Fig1cData(IReadOnlyList<Fig1cSeed> Seeds, LearnerCurves Figure);

/// <summary>
/// The curves of one closed/open pair of tanh learners: deployed loss T·D (<c>test_loss_sum</c>) and training loss of
/// each (the imitation loss for the open learner), one value per epoch (NaN where not recorded), and the closed
/// learner's stages.
/// </summary>
public sealed record LearnerCurves(long Seed, double[] ClosedDeployed, double[] ClosedTraining, double[] OpenDeployed, double[] OpenTraining, RunStages Stages)
{
    public static LearnerCurves Of(SeedPair p) =>
        new(p.Seed, p.Closed.Series("test_loss_sum"), p.Closed.Series("loss"), p.Open.Series("test_loss_sum"), p.Open.Series("imitation_cost"), RunStages.Of(p.Closed));
}

/// <summary>What Fig. 1c's claims read from one seed's pair (deployed loss D = T·D; e1 from the spectral detector, e_stab of the gain system).</summary>
public sealed record Fig1cSeed(long Seed, double InitialGap, double Stage1Drop, double PlateauRatio, double Stage3Drop, double TotalDrop,
    double ClosedPeakRatio, double ImitationDrop, double ImitationPeak, double OpenPeakRatio, int? OpenPeakEpoch, int? Separation, double FinalRatio) : ISeeded
{
    public static Fig1cSeed Of(SeedPair p)
    {
        var dc = p.Closed.Column("test_loss_sum");
        var dopen = p.Open.Column("test_loss_sum");
        var imitation = p.Open.Column("imitation_cost");
        var st = RunStages.Of(p.Closed);
        double d0 = SeedRuns.At(dc, 0);
        int last = dc.Length - 1;
        double stage1 = st.Stage1End is { } e1 ? d0 / SeedRuns.At(dc, e1 + 10) : double.NaN;
        double plateau = st.Stage1End is { } a && st.GainStabilization is { } b && b >= a ? SeedRuns.Max(dc, a, b) / SeedRuns.Min(dc, a, b) : double.NaN;
        double stage3 = st.GainStabilization is { } es && es + 200 <= last ? SeedRuns.At(dc, es) / SeedRuns.At(dc, es + 200) : double.NaN;
        var openPeak = SeedRuns.ArgMax(dopen, 1);
        var separation = Theory.PeakMetrics.SeparationEpoch(dopen.Select(v => v ?? double.NaN).ToList());
        double finalClosed = SeedRuns.Last(dc), finalOpen = SeedRuns.Last(dopen);
        return new Fig1cSeed(
            p.Seed,
            Math.Abs(d0 - SeedRuns.At(dopen, 0)) / Math.Max(1e-300, Math.Abs(d0)),
            stage1,
            plateau,
            stage3,
            d0 / finalClosed,
            SeedRuns.Max(dc, 1, last) / d0,
            SeedRuns.Last(imitation) / SeedRuns.At(imitation, 0),
            SeedRuns.Max(imitation, 10, imitation.Length - 1) / SeedRuns.At(imitation, 0),
            openPeak is { } pe ? SeedRuns.At(dopen, pe) / SeedRuns.At(dopen, 0) : double.NaN,
            openPeak,
            separation,
            Math.Max(finalClosed, finalOpen) / Math.Min(finalClosed, finalOpen));
    }
}
