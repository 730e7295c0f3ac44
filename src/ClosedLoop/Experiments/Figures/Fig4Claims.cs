using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>The checkable claims of Fig. 4 (docs/science/figures-and-studies.md §5), over the claim seeds' base runs and restarts.</summary>
public static class Fig4Claims
{
    /// <summary>Tolerance of the perturbative formulas during Stage 2 (claim 5).</summary>
    public const double PerturbativeTolerance = 5e-3;

    /// <summary>π below which the perturbative formulas are checked (claim 5).</summary>
    public const double SmallPi = 0.05;

    /// <summary>Restart epoch at which the episode-length restarts are compared (claim 9).</summary>
    public const int RestartEpoch = 15;

    /// <summary>docs/science/reference-values.md B6 end points: α, steps, final σ_vu, σ_zm, σ_vm = σ_zu, Re λ, Im λ ("0": real), |λ|, first inside (−1: none).</summary>
    public static readonly (double Alpha, int Steps, string Vu, string Zm, string VmZu, string Re, string Im, string Abs, int FirstInside)[] B6 =
    [
        (0.0, 240, "-0.0704", "-0.267599", "0.0275266", "0.999732", "0.516744", "1.12538", -1),
        (0.48, 300, "-0.0385344", "-0.0855255", "0.214771", "0.978585", "0.205961", "1.00002", -1),
        (0.52, 240, "-0.0492431", "-0.0547907", "0.173596", "0.986288", "0.163037", "0.999673", 237),
        (0.55, 190, "-0.0569386", "-0.0324980", "0.138339", "0.991407", "0.120646", "0.998721", 173),
        (1.0, 240, "-0.0694390", "0.211196", "0.0444344", "1.46096", "0", "1.46096", -1),
    ];

    /// <summary>docs/science/reference-values.md B6 start (σ_zm, σ_zu, σ_vm, σ_vu).</summary>
    public static readonly OrderParameters B6Start = new(-0.0276, 0.0278, 0.0278, -0.0704);

    public static IReadOnlyList<Claim> Judge(IReadOnlyList<Fig4Seed> seeds, IReadOnlyList<int> lengths)
    {
        var c = new ClaimList("fig4");
        var m = seeds.Select(s => Fig4Stage2.Measure(s.Base)).ToList();
        c.PerSeed("1", "Over Stage 2 the deployed loss changes by less than a factor 10, and falls again after e_stab", "max/min of D over [e1, e_stab] < 10 and D(end) < D(e_stab)",
            m.Select(x => new SeedValue(x.Seed, x.PlateauRatio, x.PlateauRatio < 10 && x.FallsAfter)).ToList(),
            note: "Stage-1 drops D(0)/D(e1): " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.Stage1Drop:G3}")) + "; plateau levels D(e1)…D(e_stab): " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.PlateauStart:G3}…{x.PlateauEnd:G3}")));
        c.PerSeed("2", "On [e1, e_stab): 0.99 <= ρ <= 1.03, λ_dom complex with 0.97 <= Re <= 1.01 and 0.08 <= Im <= 0.25, |λ3| < 0.25; ρ > 1 in at least 80 % of these epochs", "bounds at every epoch and fraction(ρ > 1) >= 0.8",
            m.Select(x => new SeedValue(x.Seed, x.UnstableFraction, x.BoundViolations == 0 && x.UnstableFraction >= 0.8)).ToList(),
            note: "measured: fraction of Stage-2 epochs with ρ > 1; epochs breaking a bound per seed: " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.BoundViolations}")));
        c.PerSeed("3", "Drift and zig-zag: Re λ_dom(e_stab) < Re λ_dom(e1); the increments of |λ_dom| reverse sign at more than half of the Stage-2 epochs", "drift < 0 and zig-zag index > 0.5",
            m.Select(x => new SeedValue(x.Seed, x.ZigZag, x.Drift < 0 && x.ZigZag > 0.5)).ToList(),
            note: "measured: zig-zag index (fraction of sign reversals of Δ|λ_dom|); drift Re λ(e_stab) − Re λ(e1): " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.Drift:G3}")));
        c.PerSeed("4", "World model: π > 0 at e_stab and larger than at e1; σ_zm(e_stab) < σ_zm(e1); k2 < 0 at e_stab", "all four",
            m.Select(x => new SeedValue(x.Seed, x.PiStab, x.PiStab > 0 && x.PiStab > x.PiE1 && x.SigmaStab < x.SigmaE1 && x.K2Stab < 0)).ToList(),
            note: "measured: π(e_stab); k2(e_stab) per seed: " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.K2Stab:G3}")));
        c.PerSeed("5", "Perturbative formulas at every Stage-2 epoch with π < 0.05: |λ3_pert − λ3| < 5e-3 and ||λ1|²_formula − |λ_dom|²| < 5e-3", $"max error < {PerturbativeTolerance:G1}",
            m.Select(x => new SeedValue(x.Seed, x.PerturbativeError, x.PerturbativeError < PerturbativeTolerance)).ToList(), note: "measured: the larger of the two errors over the epochs checked");
        ReferenceA12(c);
        c.PerSeed("6", "(b) The oscillation of snapshot e_stab + 11 decays: max |x| over 250–299 below max over 0–50, with at least three sign changes", "ratio < 1 and >= 3 sign changes",
            seeds.Select(s =>
            {
                var x = RankOneBase.Positions(s.Base.Record.Parameters(Fig4.DecaySnapshot(s.Base)), 300);
                double ratio = RankOneMeasures.MaxAbs(x, 250, 299) / RankOneMeasures.MaxAbs(x, 0, 50);
                return new SeedValue(s.Base.Seed, ratio, ratio < 1 && RankOneMeasures.SignChanges(x) >= 3);
            }).ToList(), note: "measured: max|x| over 250–299 divided by max|x| over 0–50");
        ReferenceB6(c);
        Fig4Restarts.Add(c, seeds, lengths);
        return c.Items;
    }

    private static void ReferenceA12(ClaimList c)
    {
        var o = OrderParameters.FromCubicRoots([new Complex(0.99967, 0.16396), new Complex(0.99967, -0.16396), -0.06975]);
        var pair = StageTwo.DominantPairPerturbative(o);
        double worst = new[]
        {
            RankOneMeasures.QuotedUnits(StageTwo.Lambda3Perturbative(o), "-0.0697508"),
            RankOneMeasures.QuotedUnits(StageTwo.Lambda1SquaredPerturbative(o), "1.026225"),
            RankOneMeasures.QuotedUnits(pair.Lambda1.Real, "0.999670"),
            RankOneMeasures.QuotedUnits(pair.Lambda1.Imaginary, "0.163960"),
        }.Max();
        c.Check("5r", "[exact] At the published snapshot-10 spectrum (docs/science/reference-values.md A12) the perturbative λ3, |λ1|² and λ1 equal the quoted values", worst <= 1, worst,
            "within 1 unit of the last quoted digit", note: "measured: largest deviation in units of the last quoted digit");
    }

    private static void ReferenceB6(ClaimList c)
    {
        double worst = 0;
        bool firstInside = true;
        foreach (var b in B6)
        {
            var r = StageTwo.Descend(B6Start, new ReducedDescentSettings { Alpha = b.Alpha, Steps = b.Steps });
            var f = r.Final;
            worst = new[]
            {
                worst, RankOneMeasures.QuotedUnits(f.Parameters.SigmaVu, b.Vu), RankOneMeasures.QuotedUnits(f.Parameters.SigmaZm, b.Zm),
                RankOneMeasures.QuotedUnits(f.Parameters.SigmaVm, b.VmZu), RankOneMeasures.QuotedUnits(f.Parameters.SigmaZu, b.VmZu),
                RankOneMeasures.QuotedUnits(f.DominantRoot.Real, b.Re), RankOneMeasures.QuotedUnits(f.DominantRoot.Magnitude, b.Abs),
                b.Im == "0" ? (Math.Abs(f.DominantRoot.Imaginary) <= Spectrum.ImaginaryTolerance ? 0 : double.PositiveInfinity) : RankOneMeasures.QuotedUnits(f.DominantRoot.Imaginary, b.Im),
            }.Max();
            firstInside &= (r.FirstInsideUnitDisk ?? -1) == b.FirstInside;
        }
        c.Check("7", "[exact] (d) From the fixed start of docs/science/reference-values.md B6 the reduced-model paths reproduce the listed end points and first snapshots inside the unit disk",
            worst <= 1 && firstInside, worst, "within 1 unit of the last quoted digit; first-inside snapshots equal",
            note: "measured: largest deviation in units of the last quoted digit" + (firstInside ? "" : "; a first-inside snapshot differs"));
    }
}
