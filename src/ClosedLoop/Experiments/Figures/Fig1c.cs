using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 1c (docs/science/figures-and-studies.md §1): the tanh network trained in closed loop (three stages in its deployed loss) and in
/// open loop on white noise (its deployed loss rises to a transient peak while its imitation loss falls smoothly).
/// </summary>
public sealed class Fig1c : IExperiment
{
    public string Name => "fig1c";

    public string Description => "tanh network: closed-loop learning in three stages vs open-loop imitation with a transient deployed-loss peak";

    /// <summary>Published hand-placed stage boundaries of the tanh run (docs/science/analysis-maths.md §7.1).</summary>
    public static readonly int[] PublishedBoundaries = [12, 110];

    /// <summary>The closed-loop settings of one seed (nl-published); the open twin is the same with mode open.</summary>
    public static RunSettings Closed(ExperimentContext ctx, long seed) =>
        Sizing.Apply(Presets.Get("tanh") with { Seed = seed, Epochs = ctx.BySize(30, 1001, 1001) }, ctx.Size);

    /// <summary>The closed- and open-loop runs of every seed, trained or reused.</summary>
    public static IReadOnlyList<SeedPair> Pairs(ExperimentContext ctx, IReadOnlyList<long> seeds)
    {
        var settings = seeds.SelectMany(s => new[] { Closed(ctx, s), Closed(ctx, s) with { Mode = LoopMode.Open, Preset = "tanh-open" } }).ToList();
        var runs = ctx.Runs.GetAll(settings);
        return seeds.Select((s, i) => new SeedPair(s, runs[2 * i], runs[2 * i + 1])).ToList();
    }

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var pairs = Pairs(ctx, seeds);
        var figures = new List<FigureEntry>
        {
            Panel(ctx, pairs[0], open: false),
            Panel(ctx, pairs[0], open: true),
        };
        return new ExperimentOutput(Claims(pairs), figures);
    }

    private static FigureEntry Panel(ExperimentContext ctx, SeedPair pair, bool open)
    {
        var run = open ? pair.Open : pair.Closed;
        var stages = RunStages.Of(pair.Closed);
        var epochs = Enumerable.Range(0, run.Epochs).Select(e => (double)e).ToArray();
        var deployed = run.Series("test_loss_sum");
        var training = run.Series(open ? "imitation_cost" : "loss");
        string who = open ? "Open loop (white-noise imitation)" : "Closed loop";
        var plot = Figures.Create($"{who}, seed {pair.Seed}", "epoch", "deployed loss T·D");
        plot.Axes.Right.Label.Text = open ? "imitation loss" : "training loss";
        if (!open && stages.Stage1End is { } e1)
            Decorations.StageSpans(plot, LogAxis.MapEpoch(0), LogAxis.MapEpoch(e1), LogAxis.MapEpoch(stages.GainStabilization ?? double.NaN), LogAxis.MapEpoch(run.Epochs - 1));
        foreach (var b in PublishedBoundaries) Decorations.ReferenceLine(plot, LogAxis.MapEpoch(b));
        var x = LogAxis.MapEpochs(epochs);
        Series.Add(plot, x, LogAxis.Map(deployed), new SeriesStyle { Color = open ? Figures.OpenLoop : Figures.ClosedLoop, LineWidth = 2, Legend = "deployed loss (left)" });
        Series.Add(plot, x, LogAxis.Map(training), new SeriesStyle { Color = Colors.Black, Line = LineKind.Dashed, Legend = $"{plot.Axes.Right.Label.Text} (right)", Axis = AxisSide.Right });
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        LogAxis.Apply(plot.Axes.Right);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(run.Epochs + 5));
        plot.ShowLegend(Alignment.LowerLeft);
        var data = FigureData.FromColumns(("epoch", epochs), ("deployed_loss_sum", deployed), (open ? "imitation_loss" : "training_loss", training));
        string panel = open ? "fig1c_bottom" : "fig1c_top";
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, panel, data);
        string caption = open
            ? $"Fig. 1c bottom (seed {pair.Seed}): the open-loop learner's deployed loss (solid, T·D) and its imitation loss (dashed); dotted lines at the published boundaries 12 and 110."
            : $"Fig. 1c top (seed {pair.Seed}): closed-loop deployed loss (solid, T·D) and training loss (dashed), stages shaded from the automatic detector (e1 = {stages.Stage1End?.ToString() ?? "none"}, gain-system stabilisation = {stages.GainStabilization?.ToString() ?? "none"}); dotted lines at the published 12 and 110.";
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath), caption);
    }

    private static IReadOnlyList<Claim> Claims(IReadOnlyList<SeedPair> pairs)
    {
        var c = new ClaimList("fig1c");
        var rows = pairs.Select(p => Measure(p)).ToList();
        c.PerSeed("1", "[exact] At epoch 0 both learners have the same deployed loss (same weights, same evaluation set)", "equal to 1e-12",
            rows.Select(r => new SeedValue(r.Seed, r.InitialGap, r.InitialGap <= 1e-12)).ToList());
        c.PerSeed("2", "Closed loop, Stage 1: the deployed loss at e1+10 is at least 5x below its epoch-0 value", "D(0)/D(e1+10) >= 5",
            rows.Select(r => new SeedValue(r.Seed, r.Stage1Drop, r.Stage1Drop >= 5)).ToList());
        c.PerSeed("3", "Closed loop, Stage 2: between e1 and e_stab (gain system) the deployed loss changes by less than a factor 10", "max/min over [e1, e_stab] < 10",
            rows.Select(r => new SeedValue(r.Seed, r.PlateauRatio, r.PlateauRatio < 10)).ToList());
        c.PerSeed("4a", "Closed loop, Stage 3: by e_stab+200 the deployed loss is at least 30x below its value at e_stab", "D(e_stab)/D(e_stab+200) >= 30",
            rows.Select(r => new SeedValue(r.Seed, r.Stage3Drop, r.Stage3Drop >= 30)).ToList());
        c.PerSeed("4b", "Closed loop: the final deployed loss is at least 300x below the epoch-0 value", "D(0)/D(final) >= 300",
            rows.Select(r => new SeedValue(r.Seed, r.TotalDrop, r.TotalDrop >= 300)).ToList());
        c.PerSeed("5", "The closed-loop deployed loss has no post-initial peak: its maximum over e >= 1 is below its epoch-0 value", "max_{e>=1} D / D(0) < 1",
            rows.Select(r => new SeedValue(r.Seed, r.ClosedPeakRatio, r.ClosedPeakRatio < 1)).ToList());
        c.PerSeed("6", "The imitation loss falls by at least two orders of magnitude and has no peak (max over e >= 10 within 25 % of epoch 0)", "final/initial <= 0.01 and max_{e>=10}/initial <= 1.25",
            rows.Select(r => new SeedValue(r.Seed, r.ImitationDrop, r.ImitationDrop <= 0.01 && r.ImitationPeak <= 1.25)).ToList());
        c.MostSeeds("7", "The open-loop deployed loss has a post-initial peak above 1.5x its epoch-0 value, after the separation epoch and between epochs 100 and 400", "peak/D(0) > 1.5, 100 <= peak epoch <= 400",
            rows.Select(r => new SeedValue(r.Seed, r.OpenPeakRatio, r.OpenPeakRatio > 1.5 && r.OpenPeakEpoch is >= 100 and <= 400 && r.OpenPeakEpoch > (r.Separation ?? -1))).ToList(),
            note: "measured: peak/D(0) per seed; peak epochs " + string.Join(", ", rows.Select(r => r.OpenPeakEpoch?.ToString() ?? "none")));
        c.PerSeed("8", "The final deployed losses of the two learners agree within a factor 1.5", "max/min of the final losses <= 1.5",
            rows.Select(r => new SeedValue(r.Seed, r.FinalRatio, r.FinalRatio <= 1.5)).ToList());
        return c.Items;
    }

    private sealed record Measures(long Seed, double InitialGap, double Stage1Drop, double PlateauRatio, double Stage3Drop, double TotalDrop,
        double ClosedPeakRatio, double ImitationDrop, double ImitationPeak, double OpenPeakRatio, int? OpenPeakEpoch, int? Separation, double FinalRatio);

    private static Measures Measure(SeedPair p)
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
        return new Measures(
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
