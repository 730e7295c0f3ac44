using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Stage-2 measures of one base run for Fig. 4's claims 1–5 (docs/science/figures-and-studies.md §5), on the Stage-2 epochs [e₁, e_stab).
/// NaN when the run has no strict stabilisation epoch (or Stage 2 is empty).
/// </summary>
public sealed record Fig4Stage2(
    long Seed, double PlateauRatio, bool FallsAfter, double Stage1Drop, double PlateauStart, double PlateauEnd,
    int BoundViolations, double UnstableFraction, double Drift, double ZigZag,
    double PiE1, double PiStab, double SigmaE1, double SigmaStab, double K2Stab, double PerturbativeError) : ISeeded
{
    /// <summary>Claim 2's bounds on every Stage-2 epoch: ρ ∈ [0.99, 1.03], Re λ_dom ∈ [0.97, 1.01], Im λ_dom ∈ [0.08, 0.25], |λ₃| &lt; 0.25.</summary>
    public const double RhoMin = 0.99, RhoMax = 1.03, ReMin = 0.97, ReMax = 1.01, ImMin = 0.08, ImMax = 0.25, Lambda3Max = 0.25;

    /// <summary>The bounds of <see cref="WithinStage2Bounds"/> in words.</summary>
    public static string BoundsText =>
        $"{Number.Text(RhoMin)} <= ρ <= {Number.Text(RhoMax)}, λ_dom complex with {Number.Text(ReMin)} <= Re <= {Number.Text(ReMax)} and {Number.Text(ImMin)} <= Im <= {Number.Text(ImMax)}, |λ3| < {Number.Text(Lambda3Max)}";

    /// <summary>Bounds of claim 2 on every Stage-2 epoch: ρ, Re and Im of λ_dom, |λ₃|.</summary>
    public static bool WithinStage2Bounds(double rho, double re, double im, double lambda3) =>
        rho >= RhoMin && rho <= RhoMax && Math.Abs(im) > Spectrum.ImaginaryTolerance && re >= ReMin && re <= ReMax && im >= ImMin && im <= ImMax
        && Math.Abs(lambda3) < Lambda3Max;

    public static Fig4Stage2 Measure(RankOneRun run)
    {
        var r = run.Record;
        int e1 = run.Stages.E1OrZero, last = run.Stages.LastEpoch;
        var d = r.Column("test_loss");
        double stage1 = SeedRuns.At(d, 0) / SeedRuns.At(d, e1);
        if (run.Stages.EStab is not { } es || es <= e1)
        {
            double nan = double.NaN;
            return new Fig4Stage2(run.Seed, nan, false, stage1, SeedRuns.At(d, e1), nan, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        double[] rho = r.Series("spectral_radius"), re = r.Series("dom_re"), im = r.Series("dom_im"), abs = r.Series("dom_abs"), l3 = r.Series("lambda3");
        double[] l3p = r.Series("lambda3_pert"), l1p = r.Series("lambda1_sq_pert"), zu = r.Series("sigma_zu"), vm = r.Series("sigma_vm");
        int violations = 0, unstable = 0;
        double pert = 0;
        for (int e = e1; e < es; e++)
        {
            if (!WithinStage2Bounds(rho[e], re[e], im[e], l3[e])) violations++;
            if (rho[e] > 1) unstable++;
            if (zu[e] * vm[e] < Fig4Claims.SmallPi)
                pert = Math.Max(pert, Math.Max(Math.Abs(l3p[e] - l3[e]), Math.Abs(l1p[e] - abs[e] * abs[e])));
        }
        var o1 = run.Order(e1);
        var os = run.Order(es);
        return new Fig4Stage2(
            run.Seed,
            SeedRuns.Max(d, e1, es) / SeedRuns.Min(d, e1, es),
            SeedRuns.At(d, last) < SeedRuns.At(d, es),
            stage1, SeedRuns.At(d, e1), SeedRuns.At(d, es),
            violations, unstable / (double)(es - e1),
            re[es] - re[e1],
            ZigZagMetrics.Index(abs[e1..(es + 1)]),
            o1.Pi, os.Pi, o1.SigmaZm, os.SigmaZm,
            SeedRuns.At(r.Column("k2"), es),
            pert);
    }
}
