using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 3 (docs/science/figures-and-studies.md §4): Stage 1 sets σ_zm to a small negative value from either sign because the loss landscape
/// is extremely asymmetric. Panels: (a) deployed loss with Stage 1 shaded, (b) the growing oscillation of snapshot e₁,
/// (c) the real pair becoming complex around e₁, (d) ln ℒ against σ_zm (simulation and geometric-sum theory), (e) ten
/// fresh "over" models trained 50 epochs. Also judges the whole-run claims of the base run (§3) as fig3.base1..3.
/// Runs: the rank-1 base run of every seed and of the figure seed, and ten "over" runs of each.
/// </summary>
public sealed class Fig3 : Experiment<Fig3.Key, Fig3Data>
{
    /// <summary>The key of a run of Fig. 3: the base run of a seed (<see cref="OverStart"/> null) or its fresh "over" model with σ_zm(0) = OverStart.</summary>
    public readonly record struct Key(long Seed, double? OverStart);

    public override string Name => "fig3";

    public override string Description => "rank-1 model, Stage 1: the asymmetric loss landscape drives σ_zm to a small negative value";

    /// <summary>Initial σ_zm of the ten fresh models of panel (e): linspace(−0.2, 0.2, 10).</summary>
    public static readonly double[] OverStarts = RankOneMeasures.Linspace(-0.2, 0.2, 10);

    /// <summary>A fresh base-settings model with σ_zm(0) set by the "over" construction, trained 50 epochs (panel e).</summary>
    public static RunSettings OverRun(ExperimentContext ctx, long seed, double sigma0)
    {
        var b = RankOneBase.Settings(ctx, seed);
        return b with { Preset = "lowrank-over", Epochs = ctx.BySize(30, 50, 50), Network = b.Network with { OverlapTarget = sigma0 } };
    }

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        ctx.Log($"fig3: figure seed {figureSeed} (first seed with initial σ_zm > {RankOneBase.FigureSeedThreshold})");
        var all = ctx.Seeds(quick: 5, full: 5).Append(figureSeed).Distinct().ToList();
        var grid = new RunGrid<Key>().AddEach(all.Select(s => new Key(s, null)), k => RankOneBase.Settings(ctx, k.Seed));
        return grid.AddEach(all.SelectMany(s => OverStarts.Select(x => new Key(s, x))), k => OverRun(ctx, k.Seed, k.OverStart!.Value));
    }

    public override Fig3Data Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        IReadOnlyList<RunRecord> Over(long s) => OverStarts.Select(x => runs[new Key(s, x)]).ToList();
        var rows = seeds.Select(s => Fig3Seed.Of(new RankOneRun(runs[new Key(s, null)]), Over(s))).ToList();
        var figure = new RankOneRun(runs[new Key(figureSeed, null)]);
        int e1 = figure.Stages.E1OrZero;
        var over = Over(figureSeed);
        var panels = new Fig3Figure(figure.Trace(), figure.Positions(e1, 300), figure.Record.Settings.Episode.Steps,
            StageOneLandscape.Compute(figure.Record.Settings.Network, figureSeed, StageOneLandscape.Grid()),
            over.Select(r => r.Series("sigma_zm")).ToList(), over[0].Epochs);
        return new Fig3Data(rows, figureSeed, panels);
    }

    public override void Judge(ExperimentContext ctx, Fig3Data data, ClaimSet claims) => Fig3Claims.Judge(claims, data);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig3Data data) => Fig3Panels.Draw(ctx, data.Figure);
}

/// <summary>Fig. 3's measures: one row per claim seed, the figure seed, and what the panels draw.</summary>
public sealed record Fig3Data(IReadOnlyList<Fig3Seed> Seeds, long FigureSeed, Fig3Figure Figure);

/// <summary>What the panels of Fig. 3 draw (the figure seed).</summary>
/// <param name="Base">The base run's deployed loss, roots and stages.</param>
/// <param name="PositionsE1">Panel (b): positions of snapshot e₁ from (1, −1), 300 steps.</param>
/// <param name="Horizon">The training episode length T (the red line of panel b).</param>
/// <param name="Landscape">Panel (d) on its grid.</param>
/// <param name="OverSigma">Panel (e): σ_zm per epoch of the ten "over" runs, in the order of <see cref="Fig3.OverStarts"/>.</param>
/// <param name="OverEpochs">Epochs of the "over" runs.</param>
public sealed record Fig3Figure(RankOneTrace Base, double[] PositionsE1, int Horizon, StageOneLandscape Landscape, IReadOnlyList<double[]> OverSigma, int OverEpochs);
