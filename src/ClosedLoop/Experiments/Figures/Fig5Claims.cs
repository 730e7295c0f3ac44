using System.Numerics;
using ClosedLoop.Theory;
using Q = ClosedLoop.Experiments.Quantity<ClosedLoop.Experiments.Fig5Seed>;

namespace ClosedLoop.Experiments;

/// <summary>The checkable claims of Fig. 5 (docs/science/figures-and-studies.md §6).</summary>
public static class Fig5Claims
{
    /// <summary>Restart epochs at which the full and reduced losses are compared (claim 5).</summary>
    public static readonly int[] CompareEpochs = [10, 50, 100, 300, 999];

    /// <summary>Agreement factor of claim 5.</summary>
    public const double AgreementFactor = 2;

    /// <summary>
    /// "The curves flatten after about 100–200 epochs" (claim 6), made checkable: the mean loss over restart epochs
    /// 195–205 is within this factor of the mean over the last 10 epochs, for every β and both models.
    /// </summary>
    public const double FlatteningFactor = 3;

    /// <summary>Claim 3's bounds: |λ₃(e_stab)| below, final real λ₃ above, final ρ below.</summary>
    public const double Lambda3AtStabilization = 0.25, FinalLambda3 = 0.5, FinalRadius = 0.9;

    /// <summary>The structure the paper's claim 5 names: a real dominant eigenvalue plus an inner complex pair.</summary>
    public const string PaperStructure = "real+pair";

    public static void Judge(ClaimSet c, IReadOnlyList<Fig5Seed> seeds)
    {
        var betas = Fig5.Betas;
        c.RestingOn("fig5d");
        c.ExactOverSeeds("1", "At restart epoch 0 the full and reduced losses are equal (same batch, same order parameters), for every β", seeds,
            new Q("largest relative difference over β", s => Enumerable.Range(0, betas.Count).Max(i => Math.Abs(s.FullLoss[i][0] - s.Reduced[i].Losses[0]) / Math.Abs(s.Reduced[i].Losses[0]))).AtMost(1e-9));
        c.RestingOn("fig5a");
        c.EverySeed("2", "After e_stab the deployed loss falls by at least 1.5 orders of magnitude by the end of training", seeds,
            new Q("log10 D(e_stab)/D(end)", s => Math.Log10(At(s.Trace.Deployed, s.Trace.Stages.EStab ?? s.Trace.Stages.LastEpoch) / s.Trace.Deployed.LastOrDefault(v => !double.IsNaN(v), double.NaN))).AtLeast(1.5));
        c.RestingOn("fig5c");
        c.EverySeed("3", "Spectrum: |λ3| < 0.25 at e_stab; at the end λ3 is real, above 0.5 and dominant, the complex pair's modulus has decreased, and ρ < 0.9", seeds,
            new Verdict<Fig5Seed>("final λ3 (the dominant real root)",
                $"|λ3(e_stab)| < {Number.Text(Lambda3AtStabilization)}, final dominant root real and > {Number.Text(FinalLambda3)}, final pair modulus < its modulus at e_stab, final ρ < {Number.Text(FinalRadius)}",
                s => Spectrum3(s.Trace)));
        c.RestingOn("fig5b");
        c.EverySeed("4", "(b) From (1, −1) the final snapshot undershoots below −1 once, then |x_t| < 0.1 for all t >= 25", seeds,
            Criteria.Is<Fig5Seed>("exactly one excursion below −1", s => RankOneMeasures.ExcursionsBelow(s.FinalPositions, -1) == 1),
            new Q("max_{t>=25} |x_t|", s => RankOneMeasures.MaxAbs(s.FinalPositions, 25, 49)).Below(0.1))
            .Measuring(new Q("the undershoot min_t x_t", s => s.FinalPositions.Min()));
        c.RestingOn("fig5d");
        c.MostSeeds("5", "(d) For each β the reduced and full loss curves agree within a factor 2 at restart epochs 10, 50, 100, 300, 999, and their final spectra have the same structure (a real dominant eigenvalue plus an inner complex pair)", seeds,
            new Q("largest full/reduced loss ratio (either way) over β and the compared epochs", WorstRatio).AtMost(AgreementFactor),
            Criteria.Is<Fig5Seed>($"at β = 0 both final spectra are {PaperStructure}", s => Structure(s.FullFinal[0]) == PaperStructure && Structure(Fig5.FinalReducedRoots(s.Reduced[0])) == PaperStructure),
            Criteria.Is<Fig5Seed>("for every β > 0 both models end in the same structure class", s => Enumerable.Range(1, betas.Count - 1).All(i => Structure(s.FullFinal[i]) == Structure(Fig5.FinalReducedRoots(s.Reduced[i])))))
            .Note("the reduced model trains on the full model's own batches (the seed's initial-condition stream), so the agreement tests the reduction, not a prediction over new batches; "
                + $"the paper's structure ({PaperStructure}: a real dominant root and an inner complex pair) is what β = 0 gives, and is required there; with β > 0 both models end with a dominant complex pair and an inner real root (pair+real), which the paper's sentence does not describe, so for β > 0 the claim requires the two models to agree. Structure classes (full|reduced) per β: "
                + string.Join("; ", seeds.Select(s => $"seed {s.Seed} " + string.Join(" ", betas.Select((b, i) => $"β={b}:{Structure(s.FullFinal[i])}|{Structure(Fig5.FinalReducedRoots(s.Reduced[i]))}")))));
        var flat = seeds.Select(Flattening).ToList();
        c.EverySeed("6", "(d) Final losses increase with β for both models, and the curves flatten after about 100–200 epochs", flat,
            new Quantity<Flat>("largest ratio mean(195–205)/mean(last 10) over β and models", f => f.WorstFlattening).AtMost(FlatteningFactor),
            Criteria.Is<Flat>("final losses increase with β for both models", f => f.Increasing))
            .Note("final losses (full) per seed: " + string.Join("; ", flat.Select(f => $"{f.Seed}: " + string.Join("/", f.FinalFull.Select(v => v.ToString("G3"))))));
        c.RestingOn("fig5_check");
        c.Reported("check", "Standalone check (no panel): reduced model from e_stab, β = 0, on the base run's own batches — start gap (exact) and final loss ratio reduced/full", seeds,
            new Q("final loss ratio reduced/full", s => s.Check.FinalRatio))
            .Note("start gaps: " + string.Join(", ", seeds.Select(s => $"{s.Seed}:{s.Check.StartGap:G2}"))
                + "; final structures (full|reduced): " + string.Join(", ", seeds.Select(s => $"{s.Seed}:{Structure(s.Check.BaseFinal)}|{Structure(s.Check.ReducedFinal)}")));
    }

    /// <summary>
    /// The structure class of three sorted roots (dominant first): "real+pair" (a real dominant eigenvalue and an inner
    /// complex pair), "pair+real" (a dominant complex pair and an inner real root), "real" (three real roots), or "nan".
    /// </summary>
    public static string Structure(IReadOnlyList<Complex> roots)
    {
        if (roots.Count < 3 || roots.Any(r => !double.IsFinite(r.Real) || !double.IsFinite(r.Imaginary))) return "nan";
        bool complexDominant = Math.Abs(roots[0].Imaginary) > Spectrum.ImaginaryTolerance;
        bool anyComplex = roots.Any(r => Math.Abs(r.Imaginary) > Spectrum.ImaginaryTolerance);
        return complexDominant ? "pair+real" : anyComplex ? PaperStructure : "real";
    }

    private static double WorstRatio(Fig5Seed s)
    {
        double worst = 1;
        for (int i = 0; i < s.FullLoss.Count; i++)
        {
            var full = s.FullLoss[i];
            foreach (int e in CompareEpochs.Select(e => Math.Min(e, full.Length - 1)))
                worst = Math.Max(worst, Math.Max(full[e] / s.Reduced[i].Losses[e], s.Reduced[i].Losses[e] / full[e]));
        }
        return worst;
    }

    private static (double Value, bool Holds) Spectrum3(RankOneTrace run)
    {
        int es = run.Stages.EStab ?? run.Stages.LastEpoch, last = run.Stages.LastEpoch;
        var start = run.Roots(es);
        var end = run.Roots(last);
        if (start is null || end is null) return (double.NaN, false);
        var l3Start = Spectrum.FromEigenvalues(start).Lambda3;
        var pairStart = start.FirstOrDefault(l => Math.Abs(l.Imaginary) > Spectrum.ImaginaryTolerance, Complex.NaN);
        var pairEnd = end.FirstOrDefault(l => Math.Abs(l.Imaginary) > Spectrum.ImaginaryTolerance, Complex.NaN);
        bool ok = l3Start is { } l && Math.Abs(l) < Lambda3AtStabilization
            && Math.Abs(end[0].Imaginary) <= Spectrum.ImaginaryTolerance && end[0].Real > FinalLambda3
            && pairEnd.Magnitude < pairStart.Magnitude && end[0].Magnitude < FinalRadius;
        return (end[0].Real, ok);
    }

    /// <summary>Claim 6 on one seed: whether final losses increase with β (both models), and the worst flattening ratio.</summary>
    public sealed record Flat(long Seed, bool Increasing, double WorstFlattening, double[] FinalFull) : ISeeded;

    private static Flat Flattening(Fig5Seed s)
    {
        var fullFinal = s.FullLoss.Select(r => r[^1]).ToArray();
        var reducedFinal = s.Reduced.Select(r => r.Losses[^1]).ToArray();
        bool increasing = RankOneMeasures.IncreasingPairs(fullFinal.Reverse().ToArray()) == 0 && RankOneMeasures.IncreasingPairs(reducedFinal.Reverse().ToArray()) == 0;
        double worst = 0;
        foreach (var curve in s.FullLoss.Concat(s.Reduced.Select(r => r.Losses)))
        {
            int n = curve.Length;
            double mid = curve[Math.Min(195, n - 1)..Math.Min(206, n)].DefaultIfEmpty(double.NaN).Average();
            double end = curve[Math.Max(0, n - 10)..].Average();
            worst = Math.Max(worst, mid / end);
        }
        return new Flat(s.Seed, increasing, worst, fullFinal);
    }

    private static double At(double[] series, int epoch) => series.Length == 0 ? double.NaN : series[Math.Clamp(epoch, 0, series.Length - 1)];
}
