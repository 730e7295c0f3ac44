using System.Globalization;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Study of the control penalty β (docs/science/figures-and-studies.md §8). A: the rank-1 base run restarted from e_stab + 1 with
/// β ∈ {0, 0.5, 2, 5}, full model against the reduced model P_eff trained on the same batches (= Fig. 5d; the restarts
/// have the Fig. 5d settings, so the runs are shared). B: the rank-1 base run trained from scratch with
/// β ∈ {0, 0.01, 0.1, 0.5, 2, 5}. C: the tanh network (nl-published) with reg_U ∈ {0, 0.001, 0.005, 0.02} (summed over
/// the batch, as published) and its open-loop students.
/// </summary>
public sealed class BetaStudy : IExperiment
{
    public string Name => "beta";

    public string Description => "control penalty beta: Stage-3 restarts (full vs reduced model), rank-1 and tanh training from scratch with open-loop students";

    /// <summary>β of the Stage-3 restarts (A, = Fig. 5d).</summary>
    public static readonly double[] RestartBetas = Fig5.Betas;

    /// <summary>β of the rank-1 runs from scratch (B).</summary>
    public static readonly double[] RankOneBetas = [0, 0.01, 0.1, 0.5, 2, 5];

    /// <summary>reg_U of the tanh runs (C); 0.005 is the published value.</summary>
    public static readonly double[] TanhBetas = [0, 0.001, 0.005, 0.02];

    /// <summary>The runs of one study configuration and seed, in the order of its β list.</summary>
    private sealed record SeedSet(long Seed, IReadOnlyList<StudyRow> Rows, IReadOnlyList<RunRecord> Runs);

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var tanhSeeds = ctx.Seeds(quick: 2, full: 5);
        var bSettings = seeds.SelectMany(s => RankOneBetas.Select(b => StudyRuns.Variant(ctx, StudyRuns.RankOneBase(ctx, s), x => StudyRuns.WithBeta(x, b)))).ToList();
        var cClosed = tanhSeeds.SelectMany(s => TanhBetas.Select(b => StudyRuns.Variant(ctx, StudyRuns.Tanh(ctx, s), x => StudyRuns.WithBeta(x, b)))).ToList();
        var runs = ctx.Runs.GetAll([.. bSettings, .. cClosed, .. cClosed.Select(StudyRuns.OpenTwin)]);

        var b = Group(seeds, RankOneBetas, runs, 0, "B");
        var c = Group(tanhSeeds, TanhBetas, runs, bSettings.Count, "C");
        var cOpen = Group(tanhSeeds, TanhBetas, runs, bSettings.Count + cClosed.Count, "C");
        var a = BetaRestarts.Run(ctx, seeds, RestartBetas, seeds.Select((s, i) => (StudyRuns.RankOneBase(ctx, s), b[i].Runs[0])).ToList());

        var table = a.SelectMany(r => r.Full.Concat(r.Reduced)).Concat(b.SelectMany(s => s.Rows)).Concat(c.SelectMany(s => s.Rows)).Concat(cOpen.SelectMany(s => s.Rows));
        ctx.WriteTable("study_beta_summary.csv", StudyRow.Header("beta"), table.Select(r => r.Cells()));

        var figures = BetaPanels.Draw(ctx, a, b.Select(s => (s.Seed, s.Rows, s.Runs)).ToList(), c.Select(s => (s.Seed, s.Rows, s.Runs)).ToList(),
            cOpen.Select(s => (s.Seed, s.Rows, s.Runs)).ToList());
        return new ExperimentOutput(Claims(a, b, c, cOpen), figures);
    }

    private static List<SeedSet> Group(IReadOnlyList<long> seeds, double[] betas, IReadOnlyList<RunRecord> runs, int offset, string config) =>
        seeds.Select((s, i) =>
        {
            var rs = betas.Select((_, j) => runs[offset + i * betas.Length + j]).ToList();
            return new SeedSet(s, rs.Select((r, j) => StudyRow.Measure(r, config, betas[j])).ToList(), rs);
        }).ToList();

    private static IReadOnlyList<Claim> Claims(IReadOnlyList<BetaRestarts.SeedRestarts> a, List<SeedSet> b, List<SeedSet> c, List<SeedSet> cOpen)
    {
        var claims = new ClaimList("beta");
        const string upOne = "monotone in beta up to one inversion";
        TrendClaim(claims, "1a", "A (Stage-3 restarts, full model): the final deployed state loss D increases with beta", a.Select(r => (r.Seed, (IReadOnlyList<StudyRow>)r.Full)).ToList(), row => row.Final.StateLoss, Trend.Increasing, upOne);
        TrendClaim(claims, "1a.reduced", "A (Stage-3 restarts, reduced model P_eff): the final deployed state loss D increases with beta", a.Select(r => (r.Seed, (IReadOnlyList<StudyRow>)r.Reduced)).ToList(), row => row.Final.StateLoss, Trend.Increasing, upOne);
        TrendClaim(claims, "1b", "B (rank-1 from scratch): the final deployed state loss D increases with beta", Rows(b), row => row.Final.StateLoss, Trend.Increasing, upOne);
        TrendClaim(claims, "1c", "C (tanh, reg_U): the final deployed state loss D increases with reg_U", Rows(c), row => row.Final.StateLoss, Trend.Increasing, upOne, TanhNote(c));
        TrendClaim(claims, "2a", "A (Stage-3 restarts, full model): the final control energy decreases with beta", a.Select(r => (r.Seed, (IReadOnlyList<StudyRow>)r.Full)).ToList(), row => row.Final.ControlEnergy, Trend.Decreasing, upOne);
        TrendClaim(claims, "2a.reduced", "A (Stage-3 restarts, reduced model P_eff): the final control energy decreases with beta", a.Select(r => (r.Seed, (IReadOnlyList<StudyRow>)r.Reduced)).ToList(), row => row.Final.ControlEnergy, Trend.Decreasing, upOne);
        TrendClaim(claims, "2b", "B (rank-1 from scratch): the final control energy decreases with beta", Rows(b), row => row.Final.ControlEnergy, Trend.Decreasing, upOne);
        TrendClaim(claims, "2c", "C (tanh, reg_U): the final control energy decreases with reg_U", Rows(c), row => row.Final.ControlEnergy, Trend.Decreasing, upOne, TanhNote(c));
        Stable(claims, "3a", "A: the final policies of the full-model restarts remain in the stable class of the gain system for every beta", a.Select(r => (r.Seed, (IReadOnlyList<StudyRow>)r.Full)).ToList());
        Stable(claims, "3b", "B: the final policies remain in the stable class for every beta", Rows(b));
        Stable(claims, "3c", "C: the final closed-loop policies remain in the stable class for every reg_U", Rows(c), TanhNote(c));
        Reported(claims, "4b", "B: e_stab (strict rho(P)) against beta, median over seeds", Rows(b), RankOneBetas, r => r.EStab ?? double.NaN);
        Reported(claims, "4c", "C: e_stab (strict, gain system P_red(k_eff)) against reg_U, median over seeds", Rows(c), TanhBetas, r => r.EStab ?? double.NaN, TanhNote(c));
        Reported(claims, "4c.rho", "C: e_stab of the linearised P (strict rho(P)) against reg_U, median over seeds", Rows(c), TanhBetas, r => r.EStabRho ?? double.NaN, TanhNote(c));
        Reported(claims, "5", "C: open-loop students' deployed-loss peak ratio max D / D(0) against reg_U, median over seeds", Rows(cOpen), TanhBetas, r => r.OpenPeakRatio, TanhNote(c));
        BetaRestarts.Claims(claims, a);
        return claims.Items;
    }

    private static List<(long Seed, IReadOnlyList<StudyRow> Rows)> Rows(List<SeedSet> sets) => sets.Select(s => (s.Seed, s.Rows)).ToList();

    private static string TanhNote(List<SeedSet> c) =>
        $"tanh runs at quick size: {c.Count} seeds and {(c.Count > 0 ? c[0].Runs[0].Epochs - 1 : 0)} updates (budget), full size: 5 seeds, 1000 updates";

    /// <summary>Per seed: inversions of the measured sequence over the study variable; holds when monotone up to one inversion.</summary>
    internal static void TrendClaim(ClaimList claims, string id, string statement, IReadOnlyList<(long Seed, IReadOnlyList<StudyRow> Rows)> sets,
        Func<StudyRow, double> measure, Trend trend, string expected, string? note = null)
    {
        var values = sets.Select(s =>
        {
            var seq = s.Rows.Select(measure).ToList();
            int inv = StudyMeasures.Inversions(seq, trend);
            return new SeedValue(s.Seed, inv, StudyMeasures.IsMonotone(seq, trend));
        }).ToList();
        var labels = sets.Count == 0 ? [] : sets[0].Rows.Select(r => r.Value.ToString("G3", CultureInfo.InvariantCulture)).ToList();
        var medians = labels.Select((_, j) => StudyMeasures.Median(sets.Select(s => measure(s.Rows[j])))).ToList();
        string text = $"measured: adjacent inversions per seed; medians over seeds {StudyMeasures.ByCondition(labels, medians)}";
        claims.MostSeeds(id, statement, expected + " (at most 1 adjacent inversion)", values, note is null ? text : $"{text}; {note}");
    }

    private static void Stable(ClaimList claims, string id, string statement, IReadOnlyList<(long Seed, IReadOnlyList<StudyRow> Rows)> sets, string? note = null)
    {
        var values = sets.Select(s => new SeedValue(s.Seed, s.Rows.Count(r => !r.FinalStable), s.Rows.All(r => r.FinalStable))).ToList();
        claims.MostSeeds(id, statement, "final P_red(k_eff) class stable for every value", values, note is null ? "measured: number of unstable final classes per seed" : $"measured: number of unstable final classes per seed; {note}");
    }

    internal static void Reported(ClaimList claims, string id, string statement, IReadOnlyList<(long Seed, IReadOnlyList<StudyRow> Rows)> sets, double[] conditions,
        Func<StudyRow, double> measure, string? note = null)
    {
        var labels = conditions.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)).ToList();
        var medians = conditions.Select((_, j) => StudyMeasures.Median(sets.Select(s => measure(s.Rows[j])))).ToList();
        int missing = sets.Sum(s => s.Rows.Count(r => !double.IsFinite(measure(r))));
        string text = StudyMeasures.ByCondition(labels, medians) + (missing > 0 ? $" ({missing} runs without a value, e.g. not stabilised)" : "");
        claims.Reported(id, statement, text, note: note);
    }
}
