using System.Numerics;
using ClosedLoop.Theory;

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

    public static IReadOnlyList<Claim> Judge(IReadOnlyList<Fig5Seed> seeds)
    {
        var c = new ClaimList("fig5");
        c.PerSeed("1", "[exact] At restart epoch 0 the full and reduced losses are equal (same batch, same order parameters), for every β", "relative difference <= 1e-9",
            seeds.Select(s =>
            {
                double gap = Enumerable.Range(0, Fig5.Betas.Length).Max(i => Math.Abs(s.Full[i].Series("loss")[0] - s.Reduced[i].Losses[0]) / Math.Abs(s.Reduced[i].Losses[0]));
                return new SeedValue(s.Base.Seed, gap, gap <= 1e-9);
            }).ToList(), note: "measured: the largest relative difference over β");
        c.PerSeed("2", "After e_stab the deployed loss falls by at least 1.5 orders of magnitude by the end of training", "log10 D(e_stab)/D(end) >= 1.5",
            seeds.Select(s =>
            {
                var d = s.Base.Record.Column("test_loss");
                double orders = Math.Log10(SeedRuns.At(d, s.Base.Stages.EStab ?? s.Base.Stages.LastEpoch) / SeedRuns.Last(d));
                return new SeedValue(s.Base.Seed, orders, orders >= 1.5);
            }).ToList(), note: "measured: orders of magnitude");
        c.PerSeed("3", "Spectrum: |λ3| < 0.25 at e_stab; at the end λ3 is real, above 0.5 and dominant, the complex pair's modulus has decreased, and ρ < 0.9", "all five",
            seeds.Select(s => Spectrum3(s.Base)).ToList(), note: "measured: final λ3 (the dominant real root)");
        c.PerSeed("4", "(b) From (1, −1) the final snapshot undershoots below −1 once, then |x_t| < 0.1 for all t >= 25", "one excursion below −1 and max_{t>=25}|x_t| < 0.1",
            seeds.Select(s =>
            {
                var x = RankOneBase.Positions(s.Base.Record.Parameters(s.Base.Stages.LastEpoch), 50);
                double tail = RankOneMeasures.MaxAbs(x, 25, 49);
                return new SeedValue(s.Base.Seed, x.Min(), RankOneMeasures.ExcursionsBelow(x, -1) == 1 && tail < 0.1);
            }).ToList(), note: "measured: the undershoot min_t x_t");
        c.MostSeeds("5", "(d) For each β the reduced and full loss curves agree within a factor 2 at restart epochs 10, 50, 100, 300, 999, and their final spectra have the same structure (a real dominant eigenvalue plus an inner complex pair)",
            "worst ratio <= 2 and the same structure class for every β", seeds.Select(s =>
            {
                double worst = 1;
                bool structure = true;
                for (int i = 0; i < Fig5.Betas.Length; i++)
                {
                    var full = s.Full[i].Series("loss");
                    foreach (int e in CompareEpochs.Select(e => Math.Min(e, full.Length - 1)))
                        worst = Math.Max(worst, Math.Max(full[e] / s.Reduced[i].Losses[e], s.Reduced[i].Losses[e] / full[e]));
                    structure &= Structure(Fig5.FinalRoots(s.Full[i])) == Structure(Fig5.FinalReducedRoots(s.Reduced[i]));
                }
                return new SeedValue(s.Base.Seed, worst, worst <= AgreementFactor && structure);
            }).ToList(), note: "measured: the largest full/reduced loss ratio (either way) over β and the compared epochs. Structure classes (full|reduced) per β: "
                + string.Join("; ", seeds.Select(s => $"seed {s.Base.Seed} " + string.Join(" ", Fig5.Betas.Select((b, i) => $"β={b}:{Structure(Fig5.FinalRoots(s.Full[i]))}|{Structure(Fig5.FinalReducedRoots(s.Reduced[i]))}"))))
                + " (real+pair: real dominant root and an inner complex pair, the spec's parenthetical, which describes β = 0; pair+real: a dominant complex pair and an inner real root)");
        var flat = seeds.Select(Flattening).ToList();
        c.PerSeed("6", "(d) Final losses increase with β for both models, and the curves flatten after about 100–200 epochs", $"increasing in β, and mean loss over epochs 195–205 within {FlatteningFactor}x of the last 10 epochs",
            flat.Select(f => new SeedValue(f.Seed, f.WorstFlattening, f.Increasing && f.WorstFlattening <= FlatteningFactor)).ToList(),
            note: "measured: the largest ratio mean(195–205)/mean(last 10) over β and models; final losses (full) per seed: "
                + string.Join("; ", flat.Select(f => $"{f.Seed}: " + string.Join("/", f.FinalFull.Select(v => v.ToString("G3"))))));
        var check = seeds.Select(s => new SeedValue(s.Base.Seed, s.Check.FinalRatio, s.Check.StartGap <= 1e-9)).ToList();
        c.Reported("check", "Standalone check (no panel): reduced model from e_stab, β = 0, on the base run's own batches — start gap (exact) and final loss ratio reduced/full",
            null, values: check, note: "start gaps: " + string.Join(", ", seeds.Select(s => $"{s.Base.Seed}:{s.Check.StartGap:G2}"))
                + "; final structures (full|reduced): " + string.Join(", ", seeds.Select(s => $"{s.Base.Seed}:{Structure(s.Check.BaseFinal)}|{Structure(s.Check.ReducedFinal)}")));
        return c.Items;
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
        return complexDominant ? "pair+real" : anyComplex ? "real+pair" : "real";
    }

    private static SeedValue Spectrum3(RankOneRun run)
    {
        int es = run.Stages.EStab ?? run.Stages.LastEpoch, last = run.Stages.LastEpoch;
        var start = run.Roots(es);
        var end = run.Roots(last);
        if (start is null || end is null) return new SeedValue(run.Seed, double.NaN, false);
        var l3Start = Spectrum.FromEigenvalues(start).Lambda3;
        var pairStart = start.FirstOrDefault(l => Math.Abs(l.Imaginary) > Spectrum.ImaginaryTolerance, Complex.NaN);
        var pairEnd = end.FirstOrDefault(l => Math.Abs(l.Imaginary) > Spectrum.ImaginaryTolerance, Complex.NaN);
        bool ok = l3Start is { } l && Math.Abs(l) < 0.25
            && Math.Abs(end[0].Imaginary) <= Spectrum.ImaginaryTolerance && end[0].Real > 0.5
            && pairEnd.Magnitude < pairStart.Magnitude && end[0].Magnitude < 0.9;
        return new SeedValue(run.Seed, end[0].Real, ok);
    }

    private sealed record Flat(long Seed, bool Increasing, double WorstFlattening, double[] FinalFull);

    private static Flat Flattening(Fig5Seed s)
    {
        var fullFinal = s.Full.Select(r => r.Series("loss")[^1]).ToArray();
        var reducedFinal = s.Reduced.Select(r => r.Losses[^1]).ToArray();
        bool increasing = RankOneMeasures.IncreasingPairs(fullFinal.Reverse().ToArray()) == 0 && RankOneMeasures.IncreasingPairs(reducedFinal.Reverse().ToArray()) == 0;
        double worst = 0;
        foreach (var curve in s.Full.Select(r => r.Series("loss")).Concat(s.Reduced.Select(r => r.Losses)))
        {
            int n = curve.Length;
            double mid = curve[Math.Min(195, n - 1)..Math.Min(206, n)].DefaultIfEmpty(double.NaN).Average();
            double end = curve[Math.Max(0, n - 10)..].Average();
            worst = Math.Max(worst, mid / end);
        }
        return new Flat(s.Base.Seed, increasing, worst, fullFinal);
    }
}
