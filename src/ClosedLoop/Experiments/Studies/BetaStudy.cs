using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Study of the control penalty β (docs/science/figures-and-studies.md §8). A: the rank-1 base run restarted from e_stab + 1 with
/// β ∈ {0, 0.5, 2, 5}, full model against the reduced model P_eff trained on the same batches (= Fig. 5d; the restarts
/// are <see cref="RankOneRestarts.ControlPenalty"/>, so the runs are shared). B: the rank-1 base run trained from scratch with
/// β ∈ {0, 0.01, 0.1, 0.5, 2, 5}. C: the tanh network (nl-published) with reg_U ∈ {0, 0.001, 0.005, 0.02} (summed over
/// the batch, as published) and its open-loop students.
/// </summary>
public sealed class BetaStudy : Experiment<BetaStudy.Key, BetaData>
{
    /// <summary>The key of a run of the study: configuration A (restart), B (rank-1 from scratch) or C (tanh, with its open twin), seed and β.</summary>
    public readonly record struct Key(string Config, long Seed, double Beta);

    public override string Name => "beta";

    public override string Description => "control penalty beta: Stage-3 restarts (full vs reduced model), rank-1 and tanh training from scratch with open-loop students";

    /// <summary>β of the Stage-3 restarts (A, = Fig. 5d).</summary>
    public static IReadOnlyList<double> RestartBetas => RankOneRestarts.Betas;

    /// <summary>β of the rank-1 runs from scratch (B).</summary>
    public static readonly double[] RankOneBetas = [0, 0.01, 0.1, 0.5, 2, 5];

    /// <summary>reg_U of the tanh runs (C); 0.005 is the published value.</summary>
    public static readonly double[] TanhBetas = [0, 0.001, 0.005, 0.02];

    private static IReadOnlyList<long> TanhSeeds(ExperimentContext ctx) => ctx.Seeds(quick: 2, full: 5);

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var grid = new RunGrid<Key>()
            .AddEach(seeds.SelectMany(s => RankOneBetas.Select(b => new Key("B", s, b))), k => StudyRuns.Variant(ctx, RankOneBase.Settings(ctx, k.Seed), x => StudyRuns.WithBeta(x, k.Beta)))
            .AddPairs(TanhSeeds(ctx).SelectMany(s => TanhBetas.Select(b => new Key("C", s, b))), k => StudyRuns.Variant(ctx, TanhBase.StudySettings(ctx, k.Seed), x => StudyRuns.WithBeta(x, k.Beta)));
        foreach (var s in seeds)
            foreach (double b in RestartBetas)
                grid.AddAfter(new Key("A", s, b), runs => RankOneRestarts.ControlPenalty(ctx, new RankOneRun(runs[new Key("B", s, 0)]), b));
        return grid;
    }

    public override BetaData Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var a = seeds.Select(s => BetaRestartSeed.Of(new RankOneRun(runs[new Key("B", s, 0)]), RestartBetas.Select(b => runs[new Key("A", s, b)]).ToList(), RestartBetas)).ToList();
        var b = seeds.Select(s => StudySeed.Of(s, RankOneBetas.Select(x => StudyRun.Of(runs[new Key("B", s, x)], "B", x, "test_loss")).ToList())).ToList();
        StudySeed Tanh(long s, Func<Key, RunRecord> run) => StudySeed.Of(s, TanhBetas.Select(x => StudyRun.Of(run(new Key("C", s, x)), "C", x, "test_loss_sum")).ToList());
        var c = TanhSeeds(ctx).Select(s => Tanh(s, k => runs[k])).ToList();
        var cOpen = TanhSeeds(ctx).Select(s => Tanh(s, runs.Open)).ToList();
        return new BetaData(a, b, c, cOpen);
    }

    public override void Judge(ExperimentContext ctx, BetaData d, ClaimSet claims)
    {
        var aFull = d.A.Select(r => new StudySeed(r.Seed, r.Full)).ToList();
        var aReduced = d.A.Select(r => new StudySeed(r.Seed, r.Reduced)).ToList();
        string tanh = StudyClaims.TanhNote(d.C);
        claims.RestingOn("beta_a_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "1a", "A (Stage-3 restarts, full model): the final deployed state loss D increases with beta", aFull, "final D", r => r.Final.StateLoss, Trend.Increasing);
        StudyClaims.Trend(claims, "1a.reduced", "A (Stage-3 restarts, reduced model P_eff): the final deployed state loss D increases with beta", aReduced, "final D", r => r.Final.StateLoss, Trend.Increasing);
        claims.RestingOn("beta_b_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "1b", "B (rank-1 from scratch): the final deployed state loss D increases with beta", d.B, "final D", r => r.Final.StateLoss, Trend.Increasing);
        claims.RestingOn("beta_c_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "1c", "C (tanh, reg_U): the final deployed state loss D increases with reg_U", d.C, "final D", r => r.Final.StateLoss, Trend.Increasing, "reg_U", tanh);
        claims.RestingOn("beta_a_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "2a", "A (Stage-3 restarts, full model): the final control energy decreases with beta", aFull, "final control energy", r => r.Final.ControlEnergy, Trend.Decreasing);
        StudyClaims.Trend(claims, "2a.reduced", "A (Stage-3 restarts, reduced model P_eff): the final control energy decreases with beta", aReduced, "final control energy", r => r.Final.ControlEnergy, Trend.Decreasing);
        claims.RestingOn("beta_b_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "2b", "B (rank-1 from scratch): the final control energy decreases with beta", d.B, "final control energy", r => r.Final.ControlEnergy, Trend.Decreasing);
        claims.RestingOn("beta_c_final", "study_beta_summary.csv");
        StudyClaims.Trend(claims, "2c", "C (tanh, reg_U): the final control energy decreases with reg_U", d.C, "final control energy", r => r.Final.ControlEnergy, Trend.Decreasing, "reg_U", tanh);
        claims.RestingOn("study_beta_summary.csv");
        StudyClaims.Stable(claims, "3a", "A: the final policies of the full-model restarts remain in the stable class of the gain system for every beta", aFull);
        claims.RestingOn("beta_b_gains", "study_beta_summary.csv");
        StudyClaims.Stable(claims, "3b", "B: the final policies remain in the stable class for every beta", d.B);
        claims.RestingOn("beta_c_gains", "study_beta_summary.csv");
        StudyClaims.Stable(claims, "3c", "C: the final closed-loop policies remain in the stable class for every reg_U", d.C, tanh);
        claims.RestingOn("beta_b_estab", "study_beta_summary.csv");
        StudyClaims.Medians(claims, "4b", "B: e_stab (strict rho(P)) against beta, median over seeds", d.B, RankOneBetas, r => r.EStab ?? double.NaN);
        claims.RestingOn("beta_c_estab", "study_beta_summary.csv");
        StudyClaims.Medians(claims, "4c", "C: e_stab (strict, gain system P_red(k_eff)) against reg_U, median over seeds", d.C, TanhBetas, r => r.EStab ?? double.NaN, tanh);
        StudyClaims.Medians(claims, "4c.rho", "C: e_stab of the linearised P (strict rho(P)) against reg_U, median over seeds", d.C, TanhBetas, r => r.EStabRho ?? double.NaN, tanh);
        claims.RestingOn("beta_c_loss", "study_beta_summary.csv");
        StudyClaims.Medians(claims, "5", "C: open-loop students' deployed-loss peak ratio max D / D(0) against reg_U, median over seeds", d.COpen, TanhBetas, r => r.OpenPeakRatio, tanh);
        claims.RestingOn("beta_a_restarts");
        claims.ExactOverSeeds("6", "A: at restart epoch 0 the full and reduced training losses are equal for every beta and seed (same batch, same order parameters)", d.A,
            new Quantity<BetaRestartSeed>("largest relative gap over beta", s => s.StartGap).AtMost(1e-9));
        claims.Reported("7", "A: full vs reduced training-loss curves, worst max/min ratio over beta and the restart epochs 10, 50, 100, 300, 999 (Fig. 5 claim 5 expects < 2)", d.A,
            new Quantity<BetaRestartSeed>("worst ratio over the four beta", s => s.WorstRatio))
            .Note("restart epochs beyond the run are clamped to its last epoch");
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, BetaData d)
    {
        var table = d.A.SelectMany(r => r.Full.Concat(r.Reduced)).Concat(d.B.SelectMany(s => s.Rows)).Concat(d.C.SelectMany(s => s.Rows)).Concat(d.COpen.SelectMany(s => s.Rows));
        ctx.WriteTable("study_beta_summary.csv", StudyRow.Header("beta"), table.Select(r => r.Cells()));
        return BetaPanels.Draw(ctx, d);
    }
}

/// <summary>The β study's measures: configuration A per seed, and B, C and C's open students per seed and β.</summary>
public sealed record BetaData(IReadOnlyList<BetaRestartSeed> A, IReadOnlyList<StudySeed> B, IReadOnlyList<StudySeed> C, IReadOnlyList<StudySeed> COpen);
