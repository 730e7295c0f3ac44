using System.Globalization;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Study of the episode length T (docs/science/figures-and-studies.md §9): the horizon trade-off of Stage 2 in the full model. A: restarts
/// of the rank-1 base run from snapshot e_s with T ∈ {10, 25, 50, 100, 200} for 150 epochs (= Fig. 4e, the same runs,
/// <see cref="RankOneRestarts.EpisodeLength"/>). B: the rank-1 base run trained from scratch with each T (loss normalised
/// by T as in the preset). C: the tanh network (nl-published) with T ∈ {25, 50, 100}.
/// </summary>
public sealed class HorizonStudy : Experiment<HorizonStudy.Key, HorizonData>
{
    /// <summary>The key of a run of the study: configuration A (restart from e_s), B (rank-1 from scratch) or C (tanh), seed and episode length.</summary>
    public readonly record struct Key(string Config, long Seed, int Steps);

    public override string Name => "horizon";

    public override string Description => "episode length T: Stage-2 restarts (dominant pair up for short T, down for long T), rank-1 and tanh training from scratch";

    /// <summary>Episode lengths of the rank-1 restarts (A) and runs from scratch (B).</summary>
    public static readonly int[] RankOneSteps = [10, 25, 50, 100, 200];

    /// <summary>Episode lengths of the tanh runs (C).</summary>
    public static readonly int[] TanhSteps = [25, 50, 100];

    /// <summary>The base run's episode length (B with this T is the base run).</summary>
    public const int BaseSteps = 50;

    private static IReadOnlyList<long> TanhSeeds(ExperimentContext ctx) => ctx.Seeds(quick: 2, full: 5);

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var grid = new RunGrid<Key>()
            .AddEach(seeds.SelectMany(s => RankOneSteps.Select(t => new Key("B", s, t))), k => StudyRuns.Variant(ctx, RankOneBase.Settings(ctx, k.Seed), x => StudyRuns.WithSteps(x, k.Steps)))
            .AddEach(TanhSeeds(ctx).SelectMany(s => TanhSteps.Select(t => new Key("C", s, t))), k => StudyRuns.Variant(ctx, TanhBase.StudySettings(ctx, k.Seed), x => StudyRuns.WithSteps(x, k.Steps)));
        foreach (var s in seeds)
            foreach (int t in RankOneRestarts.Lengths(ctx))
                grid.AddAfter(new Key("A", s, t), runs => RankOneRestarts.EpisodeLength(ctx, new RankOneRun(runs[new Key("B", s, BaseSteps)]), t));
        return grid;
    }

    public override HorizonData Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var lengths = RankOneRestarts.Lengths(ctx);
        var a = seeds.Select(s => HorizonRestartSeed.Of(new RankOneRun(runs[new Key("B", s, BaseSteps)]), lengths.Select(t => runs[new Key("A", s, t)]).ToList())).ToList();
        var b = seeds.Select(s => StudySeed.Of(s, RankOneSteps.Select(t => StudyRun.Of(runs[new Key("B", s, t)], "B", t, "test_loss")).ToList())).ToList();
        var c = TanhSeeds(ctx).Select(s => StudySeed.Of(s, TanhSteps.Select(t => StudyRun.Of(runs[new Key("C", s, t)], "C", t, "test_loss_sum")).ToList())).ToList();
        return new HorizonData(a, b, c, RankOneRestarts.LengthRestartEpochs(ctx));
    }

    public override void Judge(ExperimentContext ctx, HorizonData d, ClaimSet claims)
    {
        int e = HorizonRestartSeed.ClaimEpoch;
        var steps = RankOneSteps.Select(t => (double)t).ToArray();
        claims.RestingOn("horizon_a_shift", "horizon_a_zoom");
        claims.MostSeeds("1a", $"A (= Fig. 4 claim 9): after {e} restart epochs the T = 10 path's imaginary part is at least 0.05 above the start", d.A,
            Shift(0).AtLeast(0.05)).Note("of the upper dominant-pair member");
        claims.MostSeeds("1b", $"A: after {e} restart epochs the T = 200 path's imaginary part is below the start", d.A, Shift(RankOneSteps.Length - 1).Below(0));
        claims.MostSeeds("1c", $"A: the imaginary parts at restart epoch {e} decrease with T across {{10, 25, 50, 100, 200}} (at most one inversion)", d.A,
            new Quantity<HorizonRestartSeed>("adjacent steps of Im λ(15) − Im λ(0) along T that are not decreasing",
                s => StudyMeasures.Inversions(s.Restarts.Select(r => r.ImaginaryShift(e)).ToList(), Trend.Decreasing)).AtMost(StudyClaims.AllowedInversions))
            .Note("medians of Im λ(15) − Im λ(0): " + StudyMeasures.ByCondition(Labels(RankOneSteps),
                RankOneSteps.Select((_, j) => StudyMeasures.Median(d.A.Select(s => s.Restarts[j].ImaginaryShift(e)))).ToList()));
        claims.RestingOn("horizon_a_paths", "study_T_summary.csv");
        claims.Reported("1d", "A: later behaviour of the restarts (150 epochs): strict stabilisation epoch of each restart (median over seeds; none = not stabilised) and final Im λ of the upper pair member",
            "e_stab " + StudyMeasures.ByCondition(Labels(RankOneSteps), RankOneSteps.Select((_, j) => StudyMeasures.Median(d.A.Select(s => (double?)s.Restarts[j].Stabilization ?? double.NaN))).ToList())
            + $"; not stabilised: {string.Join(", ", RankOneSteps.Select((t, j) => $"T={t}: {d.A.Count(s => s.Restarts[j].Stabilization is null)}/{d.A.Count}"))}"
            + "; final Im λ " + StudyMeasures.ByCondition(Labels(RankOneSteps), RankOneSteps.Select((_, j) => StudyMeasures.Median(d.A.Select(s => s.Restarts[j].UpperPair.Count == 0 ? double.NaN : s.Restarts[j].UpperPair[^1].Imaginary))).ToList()));
        string tanh = StudyClaims.TanhNote(d.C);
        double[] cT = TanhSteps.Select(t => (double)t).ToArray();
        claims.RestingOn("horizon_b_estab", "study_T_summary.csv");
        StudyClaims.Medians(claims, "2b", "B (rank-1 from scratch): strict e_stab against T, median over seeds (no direction asserted)", d.B, steps, r => r.EStab ?? double.NaN);
        StudyClaims.Medians(claims, "3b", "B: Stage-2 duration e_stab − e1 against T, median over seeds", d.B, steps, r => r.StageTwoDuration ?? double.NaN);
        claims.RestingOn("horizon_final_d50", "study_T_summary.csv");
        StudyClaims.Medians(claims, "4b", "B: final deployed D_50 against T, median over seeds", d.B, steps, r => r.Final.StateLoss);
        claims.RestingOn("study_T_summary.csv");
        StudyClaims.Medians(claims, "4b.rho", "B: final spectral radius rho(P) against T, median over seeds (final spectra in study_T_summary.csv)", d.B, steps, r => r.FinalRho);
        StudyClaims.Medians(claims, "5b", "B: largest pre-clip gradient norm over the run against T, median over seeds (clipping at 1 keeps long-T training finite)", d.B, steps, r => r.MaxGradNorm);
        claims.RestingOn("horizon_c_estab", "study_T_summary.csv");
        StudyClaims.Medians(claims, "2c", "C (tanh): strict e_stab of the gain system P_red(k_eff) against T, median over seeds", d.C, cT, r => r.EStab ?? double.NaN, tanh);
        StudyClaims.Medians(claims, "2c.rho", "C: strict e_stab of the linearised P against T, median over seeds", d.C, cT, r => r.EStabRho ?? double.NaN, tanh);
        StudyClaims.Medians(claims, "3c", "C: Stage-2 duration e_stab − e1 against T, median over seeds", d.C, cT, r => r.StageTwoDuration ?? double.NaN, tanh);
        claims.RestingOn("horizon_final_d50", "study_T_summary.csv");
        StudyClaims.Medians(claims, "4c", "C: final deployed D_50 against T, median over seeds", d.C, cT, r => r.Final.StateLoss, tanh);
        claims.RestingOn("study_T_summary.csv");
        StudyClaims.Medians(claims, "4c.rho", "C: final spectral radius of the linearised P against T, median over seeds", d.C, cT, r => r.FinalRho, tanh);
        StudyClaims.Medians(claims, "5c", "C: largest pre-clip gradient norm over the run against T, median over seeds", d.C, cT, r => r.MaxGradNorm, tanh);
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, HorizonData d)
    {
        var table = d.A.SelectMany(s => s.Rows).Concat(d.B.SelectMany(s => s.Rows)).Concat(d.C.SelectMany(s => s.Rows));
        ctx.WriteTable("study_T_summary.csv", StudyRow.Header("T"), table.Select(r => r.Cells()));
        return HorizonPanels.Draw(ctx, d);
    }

    private static Quantity<HorizonRestartSeed> Shift(int index) =>
        new($"Im λ({HorizonRestartSeed.ClaimEpoch}) − Im λ(0) of T = {RankOneSteps[index]}", s => s.Restarts[index].ImaginaryShift(HorizonRestartSeed.ClaimEpoch));

    internal static IReadOnlyList<string> Labels(IEnumerable<int> values) => values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
}

/// <summary>The T study's measures: A per seed, B and C per seed and T, and the restarts' length in epochs.</summary>
public sealed record HorizonData(IReadOnlyList<HorizonRestartSeed> A, IReadOnlyList<StudySeed> B, IReadOnlyList<StudySeed> C, int RestartEpochs);
