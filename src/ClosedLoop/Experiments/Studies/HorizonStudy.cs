using System.Globalization;
using ClosedLoop.Runs;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Study of the episode length T (docs/science/figures-and-studies.md §9): the horizon trade-off of Stage 2 in the full model. A: restarts
/// of the rank-1 base run from snapshot e_s with T ∈ {10, 25, 50, 100, 200} for 150 epochs (= Fig. 4e, same settings,
/// shared runs). B: the rank-1 base run trained from scratch with each T (loss normalised by T as in the preset). C: the
/// tanh network (nl-published) with T ∈ {25, 50, 100}.
/// </summary>
public sealed class HorizonStudy : IExperiment
{
    public string Name => "horizon";

    public string Description => "episode length T: Stage-2 restarts (dominant pair up for short T, down for long T), rank-1 and tanh training from scratch";

    /// <summary>Episode lengths of the rank-1 restarts (A) and runs from scratch (B).</summary>
    public static readonly int[] RankOneSteps = [10, 25, 50, 100, 200];

    /// <summary>Episode lengths of the tanh runs (C).</summary>
    public static readonly int[] TanhSteps = [25, 50, 100];

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var tanhSeeds = ctx.Seeds(quick: 2, full: 5);
        var bSettings = seeds.SelectMany(s => RankOneSteps.Select(t => StudyRuns.Variant(ctx, StudyRuns.RankOneBase(ctx, s), x => StudyRuns.WithSteps(x, t)))).ToList();
        var cSettings = tanhSeeds.SelectMany(s => TanhSteps.Select(t => StudyRuns.Variant(ctx, StudyRuns.Tanh(ctx, s), x => StudyRuns.WithSteps(x, t)))).ToList();
        var runs = ctx.Runs.GetAll([.. bSettings, .. cSettings]);

        var b = Group(seeds, RankOneSteps, runs, 0, "B");
        var c = Group(tanhSeeds, TanhSteps, runs, bSettings.Count, "C");
        int baseIndex = Array.IndexOf(RankOneSteps, 50);
        var a = HorizonRestarts.Run(ctx, seeds, Fig4.Lengths(ctx), seeds.Select((s, i) => (StudyRuns.RankOneBase(ctx, s), b[i].Runs[baseIndex])).ToList());

        var aRows = a.SelectMany(s => s.Runs.Select(r => StudyRow.Measure(r.Run, "A", r.Steps, s.Epoch)));
        var table = aRows.Concat(b.SelectMany(s => s.Rows)).Concat(c.SelectMany(s => s.Rows));
        ctx.WriteTable("study_T_summary.csv", StudyRow.Header("T"), table.Select(r => r.Cells()));

        var figures = HorizonPanels.Draw(ctx, a, b, c);
        return new ExperimentOutput(Claims(a, b, c), figures);
    }

    private static List<(long Seed, IReadOnlyList<StudyRow> Rows, IReadOnlyList<RunRecord> Runs)> Group(IReadOnlyList<long> seeds, int[] steps, IReadOnlyList<RunRecord> runs, int offset, string config) =>
        seeds.Select((s, i) =>
        {
            var rs = steps.Select((_, j) => runs[offset + i * steps.Length + j]).ToList();
            return (s, (IReadOnlyList<StudyRow>)rs.Select((r, j) => StudyRow.Measure(r, config, steps[j])).ToList(), (IReadOnlyList<RunRecord>)rs);
        }).ToList();

    private static IReadOnlyList<Claim> Claims(IReadOnlyList<HorizonRestarts.SeedRestarts> a,
        List<(long Seed, IReadOnlyList<StudyRow> Rows, IReadOnlyList<RunRecord> Runs)> b, List<(long Seed, IReadOnlyList<StudyRow> Rows, IReadOnlyList<RunRecord> Runs)> c)
    {
        var claims = new ClaimList("horizon");
        int e = HorizonRestarts.ClaimEpoch;
        int shortest = 0, longest = RankOneSteps.Length - 1;
        claims.MostSeeds("1a", $"A (= Fig. 4 claim 9): after {e} restart epochs the T = 10 path's imaginary part is at least 0.05 above the start", "Im λ(15) − Im λ(0) >= 0.05",
            a.Select(s => Shift(s, shortest, e, v => v >= 0.05)).ToList(), note: "measured: Im λ(15) − Im λ(0) of the upper dominant-pair member");
        claims.MostSeeds("1b", $"A: after {e} restart epochs the T = 200 path's imaginary part is below the start", "Im λ(15) − Im λ(0) < 0",
            a.Select(s => Shift(s, longest, e, v => v < 0)).ToList(), note: "measured: Im λ(15) − Im λ(0)");
        claims.MostSeeds("1c", $"A: the imaginary parts at restart epoch {e} decrease with T across {{10, 25, 50, 100, 200}} (at most one inversion)", "at most 1 adjacent inversion",
            a.Select(s =>
            {
                var seq = s.Runs.Select(r => r.ImaginaryShift(e)).ToList();
                return new SeedValue(s.Seed, StudyMeasures.Inversions(seq, Trend.Decreasing), StudyMeasures.IsMonotone(seq, Trend.Decreasing));
            }).ToList(), note: "measured: adjacent inversions per seed; medians of Im λ(15) − Im λ(0): " + StudyMeasures.ByCondition(Labels(RankOneSteps),
                RankOneSteps.Select((_, j) => StudyMeasures.Median(a.Select(s => s.Runs[j].ImaginaryShift(e)))).ToList()));
        claims.Reported("1d", "A: later behaviour of the restarts (150 epochs): strict stabilisation epoch of each restart (median over seeds; none = not stabilised) and final Im λ of the upper pair member",
            "e_stab " + StudyMeasures.ByCondition(Labels(RankOneSteps), RankOneSteps.Select((_, j) => StudyMeasures.Median(a.Select(s => (double?)s.Runs[j].Stabilization ?? double.NaN))).ToList())
            + $"; not stabilised: {string.Join(", ", RankOneSteps.Select((t, j) => $"T={t}: {a.Count(s => s.Runs[j].Stabilization is null)}/{a.Count}"))}"
            + "; final Im λ " + StudyMeasures.ByCondition(Labels(RankOneSteps), RankOneSteps.Select((_, j) => StudyMeasures.Median(a.Select(s => s.Runs[j].Path.Count == 0 ? double.NaN : s.Runs[j].Path[^1].Imaginary))).ToList()));
        var bSets = b.Select(s => (s.Seed, s.Rows)).ToList();
        var cSets = c.Select(s => (s.Seed, s.Rows)).ToList();
        double[] bT = RankOneSteps.Select(t => (double)t).ToArray(), cT = TanhSteps.Select(t => (double)t).ToArray();
        string tanhNote = $"tanh runs at quick size: {c.Count} seeds and {(c.Count > 0 ? c[0].Runs[0].Epochs - 1 : 0)} updates (budget), full size: 5 seeds, 1000 updates";
        BetaStudy.Reported(claims, "2b", "B (rank-1 from scratch): strict e_stab against T, median over seeds (no direction asserted)", bSets, bT, r => r.EStab ?? double.NaN);
        BetaStudy.Reported(claims, "3b", "B: Stage-2 duration e_stab − e1 against T, median over seeds", bSets, bT, r => r.StageTwoDuration ?? double.NaN);
        BetaStudy.Reported(claims, "4b", "B: final deployed D_50 against T, median over seeds", bSets, bT, r => r.Final.StateLoss);
        BetaStudy.Reported(claims, "4b.rho", "B: final spectral radius rho(P) against T, median over seeds (final spectra in study_T_summary.csv)", bSets, bT, r => r.FinalRho);
        BetaStudy.Reported(claims, "5b", "B: largest pre-clip gradient norm over the run against T, median over seeds (clipping at 1 keeps long-T training finite)", bSets, bT, r => r.MaxGradNorm);
        BetaStudy.Reported(claims, "2c", "C (tanh): strict e_stab of the gain system P_red(k_eff) against T, median over seeds", cSets, cT, r => r.EStab ?? double.NaN, tanhNote);
        BetaStudy.Reported(claims, "2c.rho", "C: strict e_stab of the linearised P against T, median over seeds", cSets, cT, r => r.EStabRho ?? double.NaN, tanhNote);
        BetaStudy.Reported(claims, "3c", "C: Stage-2 duration e_stab − e1 against T, median over seeds", cSets, cT, r => r.StageTwoDuration ?? double.NaN, tanhNote);
        BetaStudy.Reported(claims, "4c", "C: final deployed D_50 against T, median over seeds", cSets, cT, r => r.Final.StateLoss, tanhNote);
        BetaStudy.Reported(claims, "4c.rho", "C: final spectral radius of the linearised P against T, median over seeds", cSets, cT, r => r.FinalRho, tanhNote);
        BetaStudy.Reported(claims, "5c", "C: largest pre-clip gradient norm over the run against T, median over seeds", cSets, cT, r => r.MaxGradNorm, tanhNote);
        return claims.Items;
    }

    private static SeedValue Shift(HorizonRestarts.SeedRestarts s, int index, int epoch, Func<double, bool> holds)
    {
        double v = s.Runs[index].ImaginaryShift(epoch);
        return new SeedValue(s.Seed, v, double.IsFinite(v) && holds(v));
    }

    internal static IReadOnlyList<string> Labels(IEnumerable<int> values) => values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
}
