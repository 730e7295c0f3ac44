using ClosedLoop.Theory;

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

    /// <summary>Simulation–theory agreement of claim 2 for |σ_zm| ≥ 0.05, in units of ln ℒ.</summary>
    public const double LandscapeAgreement = 3.5;

    /// <summary>|σ_zm| below which the simulation must lie above the theory (claim 2).</summary>
    public const double SmallSigma = 0.05;

    /// <summary>"Close to 1 ± √σ_zm" for the real pair before e₁ (claim 5).</summary>
    public const double RealPairTolerance = 0.02;

    public static IReadOnlyList<Claim> Judge(IReadOnlyList<Fig3Seed> seeds, long figureSeed)
    {
        var c = new ClaimList("fig3");
        RankOneBaseClaims.Add(c, seeds.Select(s => s.Base).ToList());
        double worst = A4.Max(a => Math.Max(
            RankOneMeasures.QuotedUnits(StageOne.GeometricSumLoss(a.Sigma, StageOneLandscape.TheoryTerms), a.Loss),
            RankOneMeasures.QuotedUnits(Math.Log(StageOne.GeometricSumLoss(a.Sigma, StageOneLandscape.TheoryTerms)), a.LnLoss)));
        c.Check("1", "[exact] The theory curve (geometric sum, 101 terms) equals docs/science/reference-values.md A4 at the listed points", worst <= 1, worst,
            "within 1 unit of the last quoted digit (ℒ and ln ℒ)", note: "measured: largest deviation in units of the last quoted digit");
        Landscape(c, seeds);
        Over(c, seeds);
        c.Reported("seed", "Figure seed: the first seed >= 0 with initial σ_zm > 0.02 (decision 18 of docs/science/decisions.md)", figureSeed,
            note: "initial σ_zm per claim seed: " + string.Join(", ", seeds.Select(s => $"{s.Base.Seed}:{s.Base.Order(0).SigmaZm:F4}")));
        StageOneOfBase(c, seeds);
        return c.Items;
    }

    private static void Landscape(ClaimList c, IReadOnlyList<Fig3Seed> seeds)
    {
        var asym = seeds.Select(s =>
        {
            var a = s.Asymmetry;
            int pairs = a.Sigma.Length / 2, bad = 0;
            double minGap = double.PositiveInfinity;
            for (int k = 0; k < pairs; k++)
            {
                double simGap = a.LnSimulated[2 * k + 1] - a.LnSimulated[2 * k], theoryGap = a.LnTheory[2 * k + 1] - a.LnTheory[2 * k];
                if (!(simGap > 0 && theoryGap > 0)) bad++;
                minGap = Math.Min(minGap, Math.Min(simGap, theoryGap));
            }
            return new SeedValue(s.Base.Seed, minGap, bad == 0);
        }).ToList();
        c.PerSeed("2a", "(d) Asymmetry: ln ℒ(+s) > ln ℒ(−s) for s in {0.01, 0.05, 0.1, 0.2, 0.3}, in simulation and theory", "smallest gap ln ℒ(+s) − ln ℒ(−s) > 0", asym);
        var agree = seeds.Select(s =>
        {
            var (sig, sim, th) = Combined(s);
            double dev = Enumerable.Range(0, sig.Length).Where(i => Math.Abs(sig[i]) >= SmallSigma).Max(i => Math.Abs(sim[i] - th[i]));
            return new SeedValue(s.Base.Seed, dev, dev <= LandscapeAgreement);
        }).ToList();
        c.PerSeed("2b", "(d) For |σ_zm| >= 0.05 simulation and theory agree within 3.5 units of ln ℒ", $"max |Δ ln ℒ| <= {LandscapeAgreement}", agree,
            note: "grid of the panel plus the ±s points; each simulated value is a fresh model with random u, v");
        var above = seeds.Select(s =>
        {
            var (sig, sim, th) = Combined(s);
            double margin = Enumerable.Range(0, sig.Length).Where(i => Math.Abs(sig[i]) < SmallSigma).Min(i => sim[i] - th[i]);
            return new SeedValue(s.Base.Seed, margin, margin > 0);
        }).ToList();
        c.PerSeed("2c", "(d) For |σ_zm| < 0.05 the simulation lies above the theory (transient growth near σ_zm = 0)", "min (sim − theory) > 0", above);
    }

    private static (double[] Sigma, double[] Sim, double[] Theory) Combined(Fig3Seed s) =>
        ([.. s.Landscape.Sigma, .. s.Asymmetry.Sigma], [.. s.Landscape.LnSimulated, .. s.Asymmetry.LnSimulated], [.. s.Landscape.LnTheory, .. s.Asymmetry.LnTheory]);

    private static void Over(ClaimList c, IReadOnlyList<Fig3Seed> seeds)
    {
        var finals = seeds.Select(s => s.Over.Select(r => OrderParameters.Of(r.Parameters()).SigmaZm).ToArray()).ToList();
        c.PerSeed("3a", "(e) After 50 epochs σ_zm < 0 for all ten starts and every final value lies in [−0.15, 0)", "all finals in [−0.15, 0)",
            seeds.Select((s, i) => new SeedValue(s.Base.Seed, finals[i].Max(), finals[i].All(v => v >= -0.15 && v < 0))).ToList(),
            note: "measured: the largest final σ_zm; finals of the first seed: " + string.Join(", ", finals[0].Select(v => v.ToString("F3"))));
        var rate = seeds.Select(s =>
        {
            double worst = s.Over.Max(r =>
            {
                double bound = r.Settings.Optimizer.LearningRate * Math.Sqrt(r.Parameters(0).Input.Sum(m => m * m));
                return RankOneMeasures.MaxStep(Sigmas(r)) / bound;
            });
            bool descend = s.Over.Where((r, i) => Fig3.OverStarts[i] > 0).All(r => PositiveDescent(Sigmas(r)));
            return new SeedValue(s.Base.Seed, worst, worst <= 1 + 1e-9 && descend);
        }).ToList();
        c.PerSeed("3b", "(e) |Δσ_zm| <= η‖m‖ per epoch [exact bound], and positive starts descend at every epoch while σ_zm > 0", "max |Δσ_zm| / (η‖m‖) <= 1 and descent", rate,
            note: "measured: the largest per-epoch step in units of η‖m‖ (1 = a fully clipped step along m)");
        var toward = seeds.Select((s, i) =>
        {
            double attractor = Descriptive.Median(finals[i]);
            var neg = Enumerable.Range(0, Fig3.OverStarts.Length).Where(k => Fig3.OverStarts[k] < 0).ToList();
            double worst = neg.Max(k => Math.Abs(finals[i][k] - attractor) - Math.Abs(Fig3.OverStarts[k] - attractor));
            bool up = neg.All(k => finals[i][k] > Fig3.OverStarts[k] || Math.Abs(finals[i][k] - attractor) < Math.Abs(Fig3.OverStarts[k] - attractor));
            return new SeedValue(s.Base.Seed, worst, up && worst < 0);
        }).ToList();
        c.PerSeed("3c", "(e) Negative starts move towards the small negative attractor", "every negative start ends closer to the median final σ_zm than it began", toward,
            note: "measured: largest change of the distance to the median final value (negative = moved closer)");
    }

    private static double[] Sigmas(Runs.RunRecord r) =>
        [.. r.Series("sigma_zm"), OrderParameters.Of(r.Parameters()).SigmaZm];

    private static bool PositiveDescent(double[] sigma)
    {
        for (int e = 1; e < sigma.Length && sigma[e - 1] > 0; e++)
            if (!(sigma[e] < sigma[e - 1])) return false;
        return true;
    }

    private static void StageOneOfBase(ClaimList c, IReadOnlyList<Fig3Seed> seeds)
    {
        var cases = seeds.Select(s =>
        {
            var run = s.Base;
            var d = run.Record.Column("test_loss");
            int e1 = run.Stages.E1OrZero;
            double d0 = SeedRuns.At(d, 0), de1 = SeedRuns.At(d, e1), s0 = run.Order(0).SigmaZm;
            bool holds = de1 <= d0 && (s0 <= RankOneBase.FigureSeedThreshold || d0 / de1 >= 1e3);
            string kind = s0 > RankOneBase.FigureSeedThreshold ? "positive start" : s0 > 0 ? "small positive start" : "negative start";
            return (Value: new SeedValue(run.Seed, d0 / de1, holds), Text: $"{run.Seed}: {kind}, D(0) = {d0:G3}, D(e1 = {e1}) = {de1:G3}");
        }).ToList();
        c.PerSeed("4", "(a) D(e1) <= D(0); with initial σ_zm > 0.02 the deployed loss falls by at least three orders of magnitude by e1", "D(0)/D(e1) >= 1 (>= 1e3 for σ_zm(0) > 0.02)",
            cases.Select(x => x.Value).ToList(), note: string.Join("; ", cases.Select(x => x.Text)));
        c.PerSeed("5a", "(c) At e1 the dominant pair is complex with 1 < |λ| < 1.05, |Re λ − 1| < 0.02 and 0.08 <= Im λ <= 0.25", "all four bounds",
            seeds.Select(s =>
            {
                var l = s.Base.Roots(s.Base.Stages.E1OrZero)?[0] ?? System.Numerics.Complex.NaN;
                bool ok = l.Magnitude is > 1 and < 1.05 && Math.Abs(l.Real - 1) < 0.02 && l.Imaginary is >= 0.08 and <= 0.25;
                return new SeedValue(s.Base.Seed, l.Imaginary, ok);
            }).ToList(), note: "measured: Im λ_dom at e1");
        var real = seeds.Where(s => s.Base.Order(0).SigmaZm > 0).Select(s =>
        {
            var run = s.Base;
            int e1 = run.Stages.E1OrZero;
            double worst = double.NaN;
            for (int e = Math.Max(0, e1 - 4); e < e1; e++)
            {
                var r = run.Roots(e);
                if (r is null || Math.Abs(r[0].Imaginary) > Spectrum.ImaginaryTolerance || Math.Abs(r[1].Imaginary) > Spectrum.ImaginaryTolerance) continue;
                double q = Math.Sqrt(Math.Max(0, run.Order(e).SigmaZm));
                double dev = Math.Max(Math.Abs(r[0].Real - (1 + q)), Math.Abs(r[1].Real - (1 - q)));
                worst = double.IsNaN(worst) ? dev : Math.Max(worst, dev);
            }
            return new SeedValue(run.Seed, worst, worst <= RealPairTolerance);
        }).ToList();
        c.PerSeed("5b", "(c) When σ_zm(0) > 0 the snapshots before e1 show two real eigenvalues close to 1 ± √σ_zm", $"max deviation <= {RealPairTolerance}", real,
            note: real.Count == 0 ? "no claim seed has a positive initial σ_zm" : "seeds with σ_zm(0) > 0 only; snapshots e1−4..e1−1 whose two leading roots are real (NaN: none was)");
        c.PerSeed("6", "(b) Growing oscillation of snapshot e1: max |x| over steps 250–299 exceeds max over 0–50, and x changes sign at least four times", "ratio > 1 and >= 4 sign changes",
            seeds.Select(s =>
            {
                var x = RankOneBase.Positions(s.Base.Record.Parameters(s.Base.Stages.E1OrZero), 300);
                double ratio = RankOneMeasures.MaxAbs(x, 250, 299) / RankOneMeasures.MaxAbs(x, 0, 50);
                return new SeedValue(s.Base.Seed, ratio, ratio > 1 && RankOneMeasures.SignChanges(x) >= 4);
            }).ToList(), note: "measured: max|x| over 250–299 divided by max|x| over 0–50");
    }
}
