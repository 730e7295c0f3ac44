using ClosedLoop.Theory;
using Q = ClosedLoop.Experiments.Quantity<ClosedLoop.Experiments.Fig3Seed>;

namespace ClosedLoop.Experiments;

/// <summary>The checkable claims of Fig. 3 (docs/science/figures-and-studies.md §4) and of the base run (§3, as fig3.base1..3).</summary>
public static class Fig3Claims
{
    /// <summary>docs/science/reference-values.md A4: σ_zm, formula ℒ and formula ln ℒ (101 terms), as quoted.</summary>
    public static readonly (double Sigma, string Loss, string LnLoss)[] A4 =
    [
        (-0.5, "6.09842e17", "40.9520"), (-0.1, "75788.4", "11.2357"), (-0.02, "159.738", "5.07354"), (-0.01, "86.5931", "4.46122"),
        (1e-4, "160.773", "5.07999"), (0.01, "5.47108e8", "20.1202"), (0.1, "8.69081e23", "55.1217"), (0.2, "1.22286e32", "73.8839"),
        (0.3, "7.45188e37", "87.2041"),
    ];

    /// <summary>Absolute tolerance of the cubic-root identity (docs/science/figures-and-studies.md §3 claim 1).</summary>
    public const double RootTolerance = 1e-8;

    /// <summary>Relative tolerance of the loss identity (docs/science/figures-and-studies.md §0.1, [exact]).</summary>
    public const double LossTolerance = 1e-9;

    /// <summary>Simulation–theory agreement of claim 2 for |σ_zm| ≥ 0.05, in units of ln ℒ.</summary>
    public const double LandscapeAgreement = 3.5;

    /// <summary>|σ_zm| below which the simulation must lie above the theory (claim 2).</summary>
    public const double SmallSigma = 0.05;

    /// <summary>"Close to 1 ± √σ_zm" for the real pair before e₁ (claim 5).</summary>
    public const double RealPairTolerance = 0.02;

    /// <summary>Claim 4: the deployed-loss drop over Stage 1 of a seed whose initial σ_zm exceeds <see cref="RankOneBase.FigureSeedThreshold"/>.</summary>
    public const double PositiveStartDrop = 1e3;

    /// <summary>Largest deviation of the A4 theory values from their quotes, in units of the last quoted digit.</summary>
    public static double ReferenceDeviation() => A4.Max(a => Math.Max(
        RankOneMeasures.QuotedUnits(StageOne.GeometricSumLoss(a.Sigma, StageOneLandscape.TheoryTerms), a.Loss),
        RankOneMeasures.QuotedUnits(Math.Log(StageOne.GeometricSumLoss(a.Sigma, StageOneLandscape.TheoryTerms)), a.LnLoss)));

    public static void Judge(ClaimSet c, Fig3Data data)
    {
        var rows = data.Seeds;
        c.RestingOn("fig3a", "fig3c");
        c.ExactOverSeeds("base1", "(§3.1) At every 50th epoch the three recorded cubic roots equal the non-zero eigenvalues of the full P and its other N−1 eigenvalues are zero", rows,
            new Q("max error", r => r.RootError).AtMost(RootTolerance))
            .Note("measured: max over epochs 0, 50, ..., last of |root − nearest eigenvalue of P| and |4th eigenvalue|");
        c.ExactOverSeeds("base2", "(§3.2) The full model's training loss equals the loss of P_eff built from its order parameters on the same batch", rows,
            new Q("relative difference", r => r.LossError).AtMost(LossTolerance))
            .Note("checked at every 50th epoch and the last; the batch is regenerated from the run's train-ic stream");
        c.EverySeed("base3", "(§3.3) The base run stabilises within 1000 epochs and the three-stage spectral signature holds (e1, e2 exist, λ3 grows after e2)", rows,
            Criteria.Is<Fig3Seed>("e_stab exists and three-stage support", r => r.Stages.EStab is not null && r.Stages.ThreeStages))
            .Measuring(new Q("strict e_stab", r => r.Stages.EStab ?? double.NaN))
            .Note("measured: strict e_stab per seed; e1 per seed " + string.Join(", ", rows.Select(r => $"{r.Seed}:{r.Stages.E1?.ToString() ?? "none"}")));
        c.RestingOn("fig3d");
        c.Check("1", "The theory curve (geometric sum, 101 terms) equals docs/science/reference-values.md A4 at the listed points", ReferenceDeviation(),
            new Quantity<double>("largest deviation in units of the last quoted digit (ℒ and ln ℒ)", v => v).AtMost(1));
        c.EverySeed("2a", "(d) Asymmetry: ln ℒ(+s) > ln ℒ(−s) for s in {0.01, 0.05, 0.1, 0.2, 0.3}, in simulation and theory", rows,
            new Q("smallest gap ln ℒ(+s) − ln ℒ(−s)", r => r.AsymmetryGap).Above(0));
        c.EverySeed("2b", "(d) For |σ_zm| >= 0.05 simulation and theory agree within 3.5 units of ln ℒ", rows,
            new Q("max |Δ ln ℒ| at |σ_zm| >= 0.05", r => r.LandscapeDeviation).AtMost(LandscapeAgreement))
            .Note("grid of the panel plus the ±s points; each simulated value is a fresh model with random u, v");
        c.EverySeed("2c", "(d) For |σ_zm| < 0.05 the simulation lies above the theory (transient growth near σ_zm = 0)", rows,
            new Q($"min (sim − theory) at |σ_zm| < {Number.Text(SmallSigma)}", r => r.SmallSigmaMargin).Above(0));
        c.RestingOn("fig3e");
        c.EverySeed("3a", "(e) After 50 epochs σ_zm < 0 for all ten starts and every final value lies in [−0.15, 0)", rows,
            new Q("largest final σ_zm", r => r.OverFinals.Max()).Below(0), new Q("smallest final σ_zm", r => r.OverFinals.Min()).AtLeast(-0.15))
            .Note("finals of the first seed: " + string.Join(", ", rows[0].OverFinals.Select(v => v.ToString("F3"))));
        c.EverySeed("3b", "(e) |Δσ_zm| <= η‖m‖ per epoch [exact bound], and positive starts descend at every epoch while σ_zm > 0", rows,
            new Q("max |Δσ_zm| / (η‖m‖)", r => r.MaxStepRatio).AtMost(1 + 1e-9), Criteria.Is<Fig3Seed>("positive starts descend while σ_zm > 0", r => r.PositiveDescent))
            .Note("measured: the largest per-epoch step in units of η‖m‖ (1 = a fully clipped step along m)");
        c.EverySeed("3c", "(e) Negative starts move towards the small negative attractor", rows,
            new Q("largest change of the distance to the median final σ_zm", r => r.TowardAttractor).Below(0),
            Criteria.Is<Fig3Seed>("every negative start ends above its start or closer", r => r.NegativeStartsMoveUp))
            .Note("negative = moved closer");
        c.Reported("seed", "Figure seed: the first seed >= 0 with initial σ_zm > 0.02 (decision 18 of docs/science/decisions.md)", data.FigureSeed,
            note: "initial σ_zm per claim seed: " + string.Join(", ", rows.Select(r => $"{r.Seed}:{r.InitialSigmaZm:F4}")));
        StageOneClaims(c, rows);
    }

    private static void StageOneClaims(ClaimSet c, IReadOnlyList<Fig3Seed> rows)
    {
        double threshold = RankOneBase.FigureSeedThreshold;
        c.RestingOn("fig3a");
        c.EverySeed("4", "(a) D(e1) <= D(0); with initial σ_zm > 0.02 the deployed loss falls by at least three orders of magnitude by e1", rows,
            new Q("D(0)/D(e1)", r => r.D0 / r.DE1).AtLeast(1),
            Criteria.Is<Fig3Seed>($"D(0)/D(e1) >= {Number.Text(PositiveStartDrop)} where σ_zm(0) > {Number.Text(threshold)}", r => r.InitialSigmaZm <= threshold || r.D0 / r.DE1 >= PositiveStartDrop))
            .When("Stage 1 is not empty, e1 > 0", r => r.Stages.E1OrZero > 0)
            .Note(string.Join("; ", rows.Select(r => $"{r.Seed}: {StartKind(r.InitialSigmaZm)}, D(0) = {r.D0:G3}, D(e1 = {r.Stages.E1OrZero}) = {r.DE1:G3}")));
        c.RestingOn("fig3c");
        c.EverySeed("5a", "(c) At e1 the dominant pair is complex with 1 < |λ| < 1.05, |Re λ − 1| < 0.02 and 0.08 <= Im λ <= 0.25", rows,
            new Q("|λ_dom(e1)|", r => r.RootAtE1.Magnitude).Above(1), new Q("|λ_dom(e1)|", r => r.RootAtE1.Magnitude).Below(1.05),
            new Q("|Re λ_dom(e1) − 1|", r => Math.Abs(r.RootAtE1.Real - 1)).Below(0.02), new Q("Im λ_dom(e1)", r => r.RootAtE1.Imaginary).Within(0.08, 0.25))
            .Measuring(new Q("Im λ_dom(e1)", r => r.RootAtE1.Imaginary));
        c.EverySeed("5b", "(c) When σ_zm(0) > 0 the snapshots before e1 show two real eigenvalues close to 1 ± √σ_zm", rows,
            new Q("max deviation from 1 ± √σ_zm", r => r.RealPairDeviation).AtMost(RealPairTolerance))
            .When("σ_zm(0) > 0", r => r.InitialSigmaZm > 0)
            .Note("snapshots e1−4..e1−1 whose two leading roots are real (NaN: none was)");
        c.RestingOn("fig3b");
        c.EverySeed("6", "(b) Growing oscillation of snapshot e1: max |x| over steps 250–299 exceeds max over 0–50, and x changes sign at least four times", rows,
            new Q("max|x| over 250–299 / max|x| over 0–50", r => r.OscillationRatio).Above(1), new Q("sign changes", r => r.SignChanges).AtLeast(4));
    }

    private static string StartKind(double s0) =>
        s0 > RankOneBase.FigureSeedThreshold ? "positive start" : s0 > 0 ? "small positive start" : "negative start";
}
