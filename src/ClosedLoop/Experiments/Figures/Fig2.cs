using ClosedLoop.Reporting;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 2 (docs/science/figures-and-studies.md §2): the deployed losses of the closed- and open-loop tanh learners of Fig. 1c and their
/// effective-gain paths k(e) over the gain-space loss landscape and stability map. No new training: the runs are
/// <see cref="Fig1c.Pairs"/>. Writes <c>lqr.json</c> (the LQR reference, not drawn), the panels (a), (b), (c) and the
/// data files <c>fig2a.csv</c>, <c>fig2b_landscape.csv</c>, <c>fig2b_stability.csv</c>, <c>fig2_paths.csv</c>.
/// </summary>
public sealed class Fig2 : IExperiment
{
    public string Name => "fig2";

    public string Description => "deployed losses and effective-gain paths of the closed- and open-loop tanh learners over the gain landscape";

    /// <summary>Published Fig. 2 markers: separation 24, stabilisation 110 (docs/science/analysis-maths.md §7.1).</summary>
    public static readonly int[] PublishedMarkers = [24, 110];

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var pairs = Fig1c.Pairs(ctx, seeds);
        var lqr = Fig2Reference.LqrCases();
        JsonFiles.Write(Path.Combine(ctx.Directory, "lqr.json"), lqr);
        var figure = Fig2Learners.Of(pairs[0]);
        Fig2Panels.WritePaths(ctx, figure);
        var figures = new List<FigureEntry>
        {
            Fig2Panels.Losses(ctx, figure),
            Fig2Panels.Landscape(ctx, figure),
            Fig2Panels.Zoom(ctx, figure),
        };
        return new ExperimentOutput(Claims(pairs.Select(Fig2Learners.Of).ToList(), lqr), figures);
    }

    private static IReadOnlyList<Claim> Claims(IReadOnlyList<Fig2Learners> runs, IReadOnlyList<LqrCase> lqr)
    {
        var c = new ClaimList("fig2");
        var (mismatches, radiusError) = Fig2Reference.StabilityErrors();
        c.Exact("1a", "[exact] Landscape ln(L/50) at the points of docs/science/reference-values.md A6 (largest relative error)", Fig2Reference.LandscapeError(), 0, Fig2Reference.PrintedTolerance,
            note: "tolerance = the 6 printed digits of the reference");
        c.Exact("1b", "[exact] Landscape grid minimum (-0.465306, -1.2, -1.90898) and maximum (0.6, 0.6, 72.6397) on linspace(-1.2, 0.6, 50)^2 (largest relative error)",
            Fig2Reference.GridExtremaError(), 0, Fig2Reference.PrintedTolerance);
        c.Check("1c", "[exact] Stability-map classes and max|lambda| of P_red(k) at the points of docs/science/reference-values.md A7",
            mismatches == 0 && radiusError <= Fig2Reference.PrintedTolerance, $"{mismatches} class mismatches, max|lambda| rel. error {radiusError:G2}", "0 mismatches, error <= 5e-6");
        var published = lqr[0];
        c.Reported("lqr", "LQR reference (Q = I, R = 1e-8; not drawn): k = -K in the code sign (written to lqr.json)",
            published.CodeGains is { } k ? $"({k[0]:G6}, {k[1]:G6}), residual {published.Residual:G2}" : "not solved", "(-0.618034, -1.61803) (docs/science/reference-values.md A9)");

        SeedClaim(c, "2", ClaimKind.PerSeed, "Closed path, Stage 1: at e1, k1 in [-0.05, -0.005], |k2| < 0.01, unstable-oscillatory class (published epoch 24: (-0.020, -0.0001))",
            "k1(e1) in [-0.05, -0.005], |k2(e1)| < 0.01, class osc.", runs, r => Fig2Measures.Stage1Point(r.Closed, r.Stages.Stage1End),
            "measured: k1(e1); e1 per seed " + Join(runs, r => r.Stages.Stage1End));
        SeedClaim(c, "3", ClaimKind.MostSeeds, "Closed path, Stage 2: inside [-0.06, 0.005] x [-0.06, 0.01] from e1 to e_stab, k2 negative before e_stab, class changes from unstable-osc. to stable across k2 = k1",
            "fraction inside = 1, k2(e_stab-1) < 0, class osc. -> stable", runs, r => Fig2Measures.Stage2Box(r.Closed, r.Stages.Stage1End, r.ClosedStab),
            "measured: fraction of Stage-2 epochs inside the box; e_stab (gain system) per seed " + Join(runs, r => r.ClosedStab));
        SeedClaim(c, "4", ClaimKind.PerSeed, "Closed path end: stable class, |k1 + 0.36| < 0.15, |k2 + 1.0| < 0.3 (published (-0.365, -1.003))",
            "stable, within the tolerances", runs, r => Fig2Measures.EndPoint(r.Closed), "measured: distance of the end point from (-0.365, -1.003)");
        SeedClaim(c, "5a", ClaimKind.MostSeeds, "Open path reaches k1 <= -0.05 with |k2| <= 0.05 in the unstable-oscillatory class, a region the closed path never visits",
            "open epochs in the region > 0, closed epochs = 0", runs, r => Fig2Measures.OpenOvershoot(r.Closed, r.Open), "measured: number of open-path epochs in the region");
        SeedClaim(c, "5b", ClaimKind.MostSeeds, "The open learner's deployed-loss peak occurs while its gain class is unstable-oscillatory (published peak epoch 221)",
            "class at the peak epoch = osc.", runs, r => Fig2Measures.PeakInOscillatoryClass(r.Open, r.OpenLoss), "measured: the open peak epoch");
        SeedClaim(c, "5c", ClaimKind.MostSeeds, "The open learner reaches the stable class later than the closed learner (published 286 vs 110)",
            "e_stab(open) - e_stab(closed) > 0", runs, r => Fig2Measures.LaterStabilization(r.ClosedStab, r.OpenStab),
            "measured: difference in epochs; open e_stab per seed " + Join(runs, r => r.OpenStab));
        SeedClaim(c, "5d", ClaimKind.MostSeeds, "During its return the open path swings further along k1 than its end point before settling (published min k1 = -0.538 at epoch 279)",
            $"min k1(open) < k1(open, final) - {Fig2Measures.SwingMargin}", runs, r => Fig2Measures.OpenSwing(r.Open), "measured: min k1 of the open path");
        SeedClaim(c, "6", ClaimKind.PerSeed, "The two end points are within distance 0.3 of each other (published (-0.340, -1.012) vs (-0.365, -1.003))",
            "||k_closed - k_open|| < 0.3", runs, r => Fig2Measures.EndpointGap(r.Closed, r.Open));
        return c.Items;
    }

    private static void SeedClaim(ClaimList c, string id, ClaimKind kind, string statement, string expected, IReadOnlyList<Fig2Learners> runs,
        Func<Fig2Learners, (double Value, bool Holds)> measure, string? note = null)
    {
        var values = runs.Select(r => { var (v, h) = measure(r); return new SeedValue(r.Seed, v, h); }).ToList();
        if (kind == ClaimKind.PerSeed) c.PerSeed(id, statement, expected, values, note);
        else c.MostSeeds(id, statement, expected, values, note);
    }

    private static string Join(IReadOnlyList<Fig2Learners> runs, Func<Fig2Learners, int?> f) => string.Join(", ", runs.Select(r => f(r)?.ToString() ?? "none"));
}

/// <summary>What Fig. 2 reads from one seed's pair: both gain paths, deployed losses, stages and markers.</summary>
public sealed record Fig2Learners(long Seed, GainPath Closed, GainPath Open, double[] ClosedLoss, double[] OpenLoss, RunStages Stages, int? ClosedStab, int? OpenStab, int? Separation)
{
    /// <summary>Reads a pair: k from the gain fit, T·D (test_loss_sum), the spectral stages, gain-system stabilisation and the separation epoch.</summary>
    public static Fig2Learners Of(SeedPair p)
    {
        var open = p.Open.Series("test_loss_sum");
        return new Fig2Learners(p.Seed, GainPath.Of(p.Closed), GainPath.Of(p.Open), p.Closed.Series("test_loss_sum"), open,
            RunStages.Of(p.Closed), RunStages.GainSystemStabilization(p.Closed), RunStages.GainSystemStabilization(p.Open), PeakMetrics.SeparationEpoch(open));
    }
}
