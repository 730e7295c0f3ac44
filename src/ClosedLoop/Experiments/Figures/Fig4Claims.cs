using System.Numerics;
using ClosedLoop.Theory;
using Q = ClosedLoop.Experiments.Quantity<ClosedLoop.Experiments.Fig4Seed>;

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

    public static void Judge(ClaimSet c, IReadOnlyList<Fig4Seed> seeds, IReadOnlyList<int> lengths)
    {
        var m = seeds.Select(s => s.Stage2).ToList();
        c.RestingOn("fig4a");
        c.EverySeed("1", "Over Stage 2 the deployed loss changes by less than a factor 10, and falls again after e_stab", m,
            new Quantity<Fig4Stage2>("max/min of D over [e1, e_stab]", x => x.PlateauRatio).Below(10), Criteria.Is<Fig4Stage2>("D(end) < D(e_stab)", x => x.FallsAfter))
            .Note("Stage-1 drops D(0)/D(e1): " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.Stage1Drop:G3}")) + "; plateau levels D(e1)…D(e_stab): " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.PlateauStart:G3}…{x.PlateauEnd:G3}")));
        c.RestingOn("fig4c");
        c.EverySeed("2", "On [e1, e_stab): 0.99 <= ρ <= 1.03, λ_dom complex with 0.97 <= Re <= 1.01 and 0.08 <= Im <= 0.25, |λ3| < 0.25; ρ > 1 in at least 80 % of these epochs", m,
            new Quantity<Fig4Stage2>("fraction of Stage-2 epochs with ρ > 1", x => x.UnstableFraction).AtLeast(0.8),
            new Quantity<Fig4Stage2>($"Stage-2 epochs breaking a bound ({Fig4Stage2.BoundsText})", x => x.BoundViolations).AtMost(0))
            .Note("epochs breaking a bound per seed: " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.BoundViolations}")));
        c.EverySeed("3", "Drift and zig-zag: Re λ_dom(e_stab) < Re λ_dom(e1); the increments of |λ_dom| reverse sign at more than half of the Stage-2 epochs", m,
            new Quantity<Fig4Stage2>("zig-zag index (fraction of sign reversals of Δ|λ_dom|)", x => x.ZigZag).Above(0.5),
            new Quantity<Fig4Stage2>("drift Re λ(e_stab) − Re λ(e1)", x => x.Drift).Below(0))
            .Note("drift per seed: " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.Drift:G3}")));
        c.RestingOn("fig4a", "fig4c");
        c.EverySeed("4", "World model: π > 0 at e_stab and larger than at e1; σ_zm(e_stab) < σ_zm(e1); k2 < 0 at e_stab", m,
            new Quantity<Fig4Stage2>("π(e_stab)", x => x.PiStab).Above(0), new Quantity<Fig4Stage2>("π(e_stab) − π(e1)", x => x.PiStab - x.PiE1).Above(0),
            new Quantity<Fig4Stage2>("σ_zm(e_stab) − σ_zm(e1)", x => x.SigmaStab - x.SigmaE1).Below(0), new Quantity<Fig4Stage2>("k2(e_stab)", x => x.K2Stab).Below(0))
            .Note("k2(e_stab) per seed: " + string.Join(", ", m.Select(x => $"{x.Seed}:{x.K2Stab:G3}")));
        c.EverySeed("5", "Perturbative formulas at every Stage-2 epoch with π < 0.05: |λ3_pert − λ3| < 5e-3 and ||λ1|²_formula − |λ_dom|²| < 5e-3", m,
            new Quantity<Fig4Stage2>($"max error of the two formulas over the Stage-2 epochs with π < {Number.Text(SmallPi)}", x => x.PerturbativeError).Below(PerturbativeTolerance));
        c.Check("5r", "At the published snapshot-10 spectrum (docs/science/reference-values.md A12) the perturbative λ3, |λ1|² and λ1 equal the quoted values", ReferenceA12(),
            new Quantity<double>("largest deviation in units of the last quoted digit", v => v).AtMost(1));
        c.RestingOn("fig4b");
        c.EverySeed("6", "(b) The oscillation of snapshot e_stab + 11 decays: max |x| over 250–299 below max over 0–50, with at least three sign changes", seeds,
            new Q("max|x| over 250–299 / max|x| over 0–50", s => RankOneMeasures.MaxAbs(s.DecayPositions, 250, 299) / RankOneMeasures.MaxAbs(s.DecayPositions, 0, 50)).Below(1),
            new Q("sign changes", s => RankOneMeasures.SignChanges(s.DecayPositions)).AtLeast(3));
        c.RestingOn("fig4d", "fig4d_alpha_scan.csv");
        var (worst, firstInside) = ReferenceB6();
        c.Check("7", "(d) From the fixed start of docs/science/reference-values.md B6 the reduced-model paths reproduce the listed end points and first snapshots inside the unit disk",
            (Worst: worst, FirstInside: firstInside),
            new Quantity<(double Worst, bool FirstInside)>("largest deviation in units of the last quoted digit", v => v.Worst).AtMost(1),
            Criteria.Is<(double Worst, bool FirstInside)>("first-inside snapshots equal", v => v.FirstInside));
        Restarts(c, seeds, lengths);
    }

    /// <summary>Claims 8 and 9: the reduced-model paths from e_s and the episode-length restarts.</summary>
    private static void Restarts(ClaimSet c, IReadOnlyList<Fig4Seed> seeds, IReadOnlyList<int> lengths)
    {
        var w = Fig4Panels.ReducedWindow;
        c.EverySeed("8", "(d) From the run's own e_s: the α = 0 path ends (240 steps) with Im at least 0.1 above its start and |λ| > 1.05; the α = 1 path's Im decreases monotonically while in the window; some α of {0.1, …, 0.9} ∪ {0.48, 0.52, 0.55} enters the unit disk within 300 steps", seeds,
            new Q("rise of Im along the α = 0 path", s => Up(s).Final.DominantRoot.Imaginary - Up(s).Records[0].DominantRoot.Imaginary).AtLeast(0.1),
            new Q("final |λ| of the α = 0 path", s => Up(s).Final.DominantRoot.Magnitude).Above(1.05),
            Criteria.Is<Fig4Seed>("Im of the α = 1 path decreases strictly while in the window", s =>
            {
                var inside = RankOneMeasures.WhileInside(Down(s).Records.Select(x => x.DominantRoot).ToList(), w.ReMin, w.ReMax, w.ImMin, w.ImMax);
                return inside.Count >= 2 && RankOneMeasures.DecreasesStrictly(inside.Select(z => z.Imaginary).ToList());
            }),
            Criteria.Is<Fig4Seed>($"some α of the scan in ({Number.Text(ScanLow)}, {Number.Text(ScanHigh)}) enters the unit disk within {Fig4.ScanSteps} steps", s => s.Scan.Any(r => InClaimScan(r.Settings.Alpha) && r.FirstInsideUnitDisk is not null)))
            .Note("α entering the disk within 300 steps per seed: " + string.Join("; ", seeds.Select(s => $"{s.Seed}: {Interval(s)}"))
                + "; start point (e_s, π(e_s), λ_dom): " + string.Join("; ", seeds.Select(s =>
                    $"{s.Seed}: ({s.Trace.Stages.StartSnapshot}, {s.Reduced[0].Start.Pi:G2}, {s.ReducedStart.Real:F4}{s.ReducedStart.Imaginary:+0.0000;-0.0000}i)")));
        c.RestingOn("fig4e");
        int ti = lengths.Count - 1;
        c.MostSeeds("9", $"(e) After {RestartEpoch} restart epochs: the T = {lengths[0]} path's Im is at least 0.05 above the start, the T = {lengths[ti]} path's Im is below the start, and Im decreases with T (at most one inversion)", seeds,
            new Q($"Im(T = {lengths[0]}) − Im(start)", s => Shift(s, 0)).AtLeast(0.05),
            new Q($"Im(T = {lengths[ti]}) − Im(start)", s => Shift(s, ti)).Below(0),
            new Q("pairwise inversions of Im over T", s => RankOneMeasures.IncreasingPairs(s.RestartImaginary(RestartEpoch).Ims)).AtMost(1))
            .Note($"measured at restart epoch {RestartEpoch}; Im per T at that epoch: "
                + string.Join("; ", seeds.Select(s => { var (start, ims) = s.RestartImaginary(RestartEpoch); return $"{s.Seed}: start {start:F3} → " + string.Join("/", ims.Select(v => v.ToString("F3"))); })));
        c.Reported("9r", "(e) Later behaviour of the restarts (reported, not asserted): final dominant eigenvalue and stabilisation epoch per T",
            string.Join("; ", seeds.Select(s => $"seed {s.Seed}: " + string.Join(", ", s.Restarts.Select((r, i) =>
                $"T={lengths[i]} {Last(r.DomRe):F3}{Last(r.DomIm):+0.000;-0.000}i stab {r.SummaryStabilization?.ToString() ?? "none"}")))));
    }

    /// <summary>The open interval of α in which claim 8 requires one disk-entering path of the scan: {0.1, …, 0.9} ∪ {0.48, 0.52, 0.55}.</summary>
    public const double ScanLow = 0.05, ScanHigh = 0.95;

    /// <summary>Whether <paramref name="alpha"/> is one of the α claim 8 looks at.</summary>
    public static bool InClaimScan(double alpha) => alpha > ScanLow && alpha < ScanHigh;

    /// <summary>The α of a seed's scan whose paths enter the unit disk within the scan's steps, as text.</summary>
    public static string Interval(Fig4Seed s)
    {
        var entered = s.Scan.Where(r => r.FirstInsideUnitDisk is not null).Select(r => r.Settings.Alpha).ToList();
        return entered.Count == 0 ? "none" : string.Join(", ", entered.Select(a => a.ToString("0.##")));
    }

    private static ReducedDescentResult Up(Fig4Seed s) => s.Reduced.Single(r => r.Settings.Alpha == 0);

    private static ReducedDescentResult Down(Fig4Seed s) => s.Reduced.Single(r => r.Settings.Alpha == 1);

    private static double Shift(Fig4Seed s, int index)
    {
        var (start, ims) = s.RestartImaginary(RestartEpoch);
        return ims[index] - start;
    }

    private static double Last(double[] series) => series.LastOrDefault(double.IsFinite, double.NaN);

    private static double ReferenceA12()
    {
        var o = OrderParameters.FromCubicRoots([new Complex(0.99967, 0.16396), new Complex(0.99967, -0.16396), -0.06975]);
        var pair = StageTwo.DominantPairPerturbative(o);
        return new[]
        {
            RankOneMeasures.QuotedUnits(StageTwo.Lambda3Perturbative(o), "-0.0697508"),
            RankOneMeasures.QuotedUnits(StageTwo.Lambda1SquaredPerturbative(o), "1.026225"),
            RankOneMeasures.QuotedUnits(pair.Lambda1.Real, "0.999670"),
            RankOneMeasures.QuotedUnits(pair.Lambda1.Imaginary, "0.163960"),
        }.Max();
    }

    private static (double Worst, bool FirstInside) ReferenceB6()
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
        return (worst, firstInside);
    }
}
