using ClosedLoop.Reporting;
using ClosedLoop.Theory;
using V = ClosedLoop.Experiments.Verdict<ClosedLoop.Experiments.Fig2Learners>;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 2 (docs/science/figures-and-studies.md §2): the deployed losses of the closed- and open-loop tanh learners of Fig. 1c and their
/// effective-gain paths k(e) over the gain-space loss landscape and stability map. No new training: the runs are
/// Fig. 1c's pairs (<see cref="TanhBase.Pairs"/>). Writes <c>lqr.json</c> (the LQR reference, not drawn), the panels (a), (b), (c) and the
/// data files <c>fig2a.csv</c>, <c>fig2b_landscape.csv</c>, <c>fig2b_stability.csv</c>, <c>fig2_paths.csv</c>.
/// </summary>
public sealed class Fig2 : Experiment<long, Fig2Data>
{
    public override string Name => "fig2";

    public override string Description => "deployed losses and effective-gain paths of the closed- and open-loop tanh learners over the gain landscape";

    /// <summary>Published Fig. 2 markers: separation 24, stabilisation 110 (docs/science/analysis-maths.md §7.1).</summary>
    public static readonly int[] PublishedMarkers = [24, 110];

    public override RunGrid<long> Plan(ExperimentContext ctx) => TanhBase.Pairs(ctx, ctx.Seeds(quick: 5, full: 5));

    public override Fig2Data Measure(ExperimentContext ctx, RunSet<long> runs)
    {
        var (mismatches, radiusError) = Fig2Reference.StabilityErrors();
        return new Fig2Data(runs.Keys.Select(s => Fig2Learners.Of(runs.Pair(s))).ToList(), Fig2Reference.LqrCases(),
            new Fig2References(Fig2Reference.LandscapeError(), Fig2Reference.GridExtremaError(), mismatches, radiusError));
    }

    public override void Judge(ExperimentContext ctx, Fig2Data data, ClaimSet c)
    {
        var refs = data.References;
        c.RestingOn("fig2b_landscape");
        c.Exact("1a", "Landscape ln(L/50) at the points of docs/science/reference-values.md A6 (largest relative error)", refs.LandscapeError, 0, Fig2Reference.PrintedTolerance,
            note: "tolerance = the 6 printed digits of the reference");
        c.Exact("1b", "Landscape grid minimum (-0.465306, -1.2, -1.90898) and maximum (0.6, 0.6, 72.6397) on linspace(-1.2, 0.6, 50)^2 (largest relative error)",
            refs.GridExtremaError, 0, Fig2Reference.PrintedTolerance);
        c.Check("1c", "Stability-map classes and max|lambda| of P_red(k) at the points of docs/science/reference-values.md A7", refs,
            new Quantity<Fig2References>("max|lambda| relative error", r => r.RadiusError).AtMost(Fig2Reference.PrintedTolerance),
            new Quantity<Fig2References>("class mismatches", r => r.ClassMismatches).AtMost(0));
        c.RestingOn("lqr.json");
        var published = data.Lqr[0];
        c.Reported("lqr", "LQR reference (Q = I, R = 1e-8; not drawn): k = -K in the code sign (written to lqr.json)",
            published.CodeGains is { } k ? $"({k[0]:G6}, {k[1]:G6}), residual {published.Residual:G2}" : "not solved", expected: "(-0.618034, -1.61803) (docs/science/reference-values.md A9)");

        var runs = data.Seeds;
        c.RestingOn("fig2b_landscape", "fig2c", "fig2_paths.csv");
        c.EverySeed("2", "Closed path, Stage 1: at e1, k1 in [-0.05, -0.005], |k2| < 0.01, unstable-oscillatory class (published epoch 24: (-0.020, -0.0001))", runs,
            new V("k1(e1)", Fig2Measures.Stage1Text, r => Fig2Measures.Stage1Point(r.Closed, r.Stages.Stage1End)))
            .Note("measured: k1(e1); e1 per seed " + Join(runs, r => r.Stages.Stage1End));
        c.MostSeeds("3", "Closed path, Stage 2: inside [-0.06, 0.005] x [-0.06, 0.01] from e1 to e_stab, k2 negative before e_stab, class changes from unstable-osc. to stable across k2 = k1", runs,
            new V("fraction of Stage-2 epochs inside the box", Fig2Measures.Stage2Text, r => Fig2Measures.Stage2Box(r.Closed, r.Stages.Stage1End, r.ClosedStab)))
            .Note("measured: fraction of Stage-2 epochs inside the box; e_stab (gain system) per seed " + Join(runs, r => r.ClosedStab));
        c.EverySeed("4", "Closed path end: stable class, |k1 + 0.36| < 0.15, |k2 + 1.0| < 0.3 (published (-0.365, -1.003))", runs,
            new V("distance of the end point from (-0.365, -1.003)", Fig2Measures.EndText, r => Fig2Measures.EndPoint(r.Closed)));
        c.MostSeeds("5a", "Open path reaches k1 <= -0.05 with |k2| <= 0.05 in the unstable-oscillatory class, a region the closed path never visits", runs,
            new V("open-path epochs in the region", Fig2Measures.OvershootText, r => Fig2Measures.OpenOvershoot(r.Closed, r.Open)));
        c.RestingOn("fig2a", "fig2_paths.csv");
        c.MostSeeds("5b", "The open learner's deployed-loss peak occurs while its gain class is unstable-oscillatory (published peak epoch 221)", runs,
            new V("the open peak epoch", "class at the open peak epoch = unstable osc.", r => Fig2Measures.PeakInOscillatoryClass(r.Open, r.OpenLoss)));
        c.MostSeeds("5c", "The open learner reaches the stable class later than the closed learner (published 286 vs 110)", runs,
            new Quantity<Fig2Learners>("e_stab(open) − e_stab(closed)", r => Fig2Measures.LaterStabilization(r.ClosedStab, r.OpenStab).Value).Above(0))
            .Note("open e_stab per seed " + Join(runs, r => r.OpenStab) + " (an open learner that never stabilises counts as later: +∞)");
        c.RestingOn("fig2b_landscape", "fig2_paths.csv");
        c.MostSeeds("5d", "During its return the open path swings further along k1 than its end point before settling (published min k1 = -0.538 at epoch 279)", runs,
            new V("min k1 of the open path", Fig2Measures.SwingText, r => Fig2Measures.OpenSwing(r.Open)));
        c.EverySeed("6", "The two end points are within distance 0.3 of each other (published (-0.340, -1.012) vs (-0.365, -1.003))", runs,
            new V("||k_closed − k_open||", $"||k_closed − k_open|| < {Number.Text(Fig2Measures.EndpointDistance)}", r => Fig2Measures.EndpointGap(r.Closed, r.Open)));
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig2Data data)
    {
        JsonFiles.Write(Path.Combine(ctx.Directory, "lqr.json"), data.Lqr);
        var figure = data.Seeds[0];
        Fig2Panels.WritePaths(ctx, figure);
        return [Fig2Panels.Losses(ctx, figure), Fig2Panels.Landscape(ctx, figure), Fig2Panels.Zoom(ctx, figure)];
    }

    private static string Join(IReadOnlyList<Fig2Learners> runs, Func<Fig2Learners, int?> f) => string.Join(", ", runs.Select(r => f(r)?.ToString() ?? "none"));
}

/// <summary>Fig. 2's measures: both learners of every seed (the first is the figure's), the LQR cases, the reference checks.</summary>
public sealed record Fig2Data(IReadOnlyList<Fig2Learners> Seeds, IReadOnlyList<LqrCase> Lqr, Fig2References References);

/// <summary>The reference checks of claim 1: largest relative errors against docs/science/reference-values.md A6–A7 and the class mismatches.</summary>
public sealed record Fig2References(double LandscapeError, double GridExtremaError, int ClassMismatches, double RadiusError);

/// <summary>What Fig. 2 reads from one seed's pair: both gain paths, deployed losses, stages and markers.</summary>
public sealed record Fig2Learners(long Seed, GainPath Closed, GainPath Open, double[] ClosedLoss, double[] OpenLoss, RunStages Stages, int? ClosedStab, int? OpenStab, int? Separation) : ISeeded
{
    /// <summary>Reads a pair: k from the gain fit, T·D (test_loss_sum), the spectral stages, gain-system stabilisation and the separation epoch.</summary>
    public static Fig2Learners Of(SeedPair p)
    {
        var open = p.Open.Series("test_loss_sum");
        return new Fig2Learners(p.Seed, GainPath.Of(p.Closed), GainPath.Of(p.Open), p.Closed.Series("test_loss_sum"), open,
            RunStages.Of(p.Closed), RunStages.GainSystemStabilization(p.Closed), RunStages.GainSystemStabilization(p.Open), PeakMetrics.SeparationEpoch(open));
    }
}
