using System.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class StageTwoTests
{
    private const double FiniteDifferenceStep = 1e-6;
    /// <summary>Central differences of ℒ_eff: relative to the gradient norm.</summary>
    private const double GradientTolerance = 1e-7;
    /// <summary>B6 end points: agreement within one unit of the last quoted digit (see <see cref="B6EndPoints"/>).</summary>
    private const double EndPointUnits = 1.0;

    /// <summary>docs/science/reference-values.md B6 start (σ_vu, σ_zm, σ_vm, σ_zu) = (−0.0704, −0.0276, 0.0278, 0.0278).</summary>
    private static readonly OrderParameters B6Start = new(SigmaZm: -0.0276, SigmaZu: 0.0278, SigmaVm: 0.0278, SigmaVu: -0.0704);

    /// <summary>docs/science/reference-values.md A12: order parameters derived from the published snapshot-10 spectrum.</summary>
    private static OrderParameters A12Parameters() =>
        OrderParameters.FromCubicRoots([new Complex(0.99967, 0.16396), new Complex(0.99967, -0.16396), -0.06975]);

    [Fact]
    public void A12OrderParametersFromThePublishedSpectrum()
    {
        var o = A12Parameters();
        Quoted("-0.07041", o.SigmaVu, "σ_vu");
        Quoted("-0.02759", o.SigmaZm, "σ_zm");
        Quoted("7.735e-4", o.Pi, "π");
    }

    [Fact]
    public void A12PerturbativeThirdEigenvalueAndPairModulus()
    {
        var o = A12Parameters();
        Quoted("-0.0697508", StageTwo.Lambda3Perturbative(o), "λ3 perturbative");
        Quoted("1.026225", StageTwo.Lambda1SquaredPerturbative(o), "|λ1|² perturbative");
        // "From the spectrum": with the exact root λ3, c1 + c2 λ3 + λ3² is exactly |λ1|².
        var model = new RankOneModel(o);
        var roots = model.CubicRoots();
        Quoted("-0.06975", roots[2].Real, "λ3 exact");
        var (c2, c1, _) = model.CubicCoefficients();
        double l3 = roots[2].Real;
        Quoted("1.026223", c1 + c2 * l3 + l3 * l3, "|λ1|² from the spectrum");
        Near(roots[0].Magnitude * roots[0].Magnitude, c1 + c2 * l3 + l3 * l3, 1e-12, "product of the remaining pair");
    }

    [Fact]
    public void A12PerturbativeDominantPair()
    {
        var pair = StageTwo.DominantPairPerturbative(A12Parameters());
        Assert.Equal(1.0, pair.Lambda0.Real);
        Quoted("0.166099", pair.Lambda0.Imaginary, "Im λ0");
        Quoted("-0.000329977", pair.Epsilon.Real, "Re ε");
        Quoted("-0.00213946", pair.Epsilon.Imaginary, "Im ε");
        Quoted("0.999670", pair.Lambda1.Real, "Re λ1");
        Quoted("0.163960", pair.Lambda1.Imaginary, "Im λ1");
    }

    [Fact]
    public void B6StartingPoint()
    {
        // docs/science/reference-values.md B6: dominant root 0.999670 + 0.163995i (|λ| = 1.01303), ℒ∞ = 1.29561, ℒ0 = 10.6264.
        var root = new RankOneModel(B6Start).DominantRoot();
        Quoted("0.999670", root.Real);
        Quoted("0.163995", root.Imaginary);
        Quoted("1.01303", root.Magnitude);
        var e = StageTwo.EffectiveLoss(B6Start, 0.5);
        Quoted("1.29561", e.LInf, "ℒ∞");
        Quoted("10.6264", e.L0, "ℒ0");
        Near(new RankOneModel(B6Start).CubicRoots()[2].Real, StageTwo.Lambda3Perturbative(B6Start), 1e-5, "perturbative λ3");
    }

    [Theory]
    // docs/science/reference-values.md B6, values at step 0: α, loss, gradient (σ_vu, σ_zm, σ_vm, σ_zu), norm.
    [InlineData(0.0, "10.6264", "=0", "13.1797", "0.0480131", "13.1799")]
    [InlineData(0.48, "6.14760", "-0.0110765", "0.786467", "-0.272105", "0.875634")]
    [InlineData(0.52, "5.77437", "-0.0119995", "-0.246305", "-0.298782", "0.489236")]
    [InlineData(0.55, "5.49445", "-0.0126918", "-1.02088", "-0.318789", "1.11607")]
    [InlineData(1.0, "1.29561", "-0.0230760", "-12.6396", "-0.618901", "12.6699")]
    public void B6StepZeroLossAndGradient(double alpha, string loss, string gVu, string gZm, string gVmZu, string norm)
    {
        var e = StageTwo.EffectiveLoss(B6Start, alpha);
        Quoted(loss, e.Value, "loss");
        Quoted(gVu, e.Gradient[0], "∂/∂σ_vu");
        Quoted(gZm, e.Gradient[1], "∂/∂σ_zm");
        Quoted(gVmZu, e.Gradient[2], "∂/∂σ_vm");
        Quoted(gVmZu, e.Gradient[3], "∂/∂σ_zu");
        Quoted(norm, Math.Sqrt(e.Gradient.Sum(g => g * g)), "norm");
    }

    [Theory]
    // docs/science/reference-values.md B6 end points: α, steps, final (σ_vu, σ_zm, σ_vm = σ_zu), dominant root, |λ|, first snapshot inside.
    [InlineData(0.0, 240, "-0.0704", "-0.267599", "0.0275266", "0.999732", "0.516744", "1.12538", -1)]
    [InlineData(0.48, 300, "-0.0385344", "-0.0855255", "0.214771", "0.978585", "0.205961", "1.00002", -1)]
    [InlineData(0.52, 240, "-0.0492431", "-0.0547907", "0.173596", "0.986288", "0.163037", "0.999673", 237)]
    [InlineData(0.55, 190, "-0.0569386", "-0.0324980", "0.138339", "0.991407", "0.120646", "0.998721", 173)]
    [InlineData(1.0, 240, "-0.0694390", "0.211196", "0.0444344", "1.46096", "0", "1.46096", -1)]
    public void B6EndPoints(double alpha, int steps, string vu, string zm, string vmzu, string re, string im, string modulus, int firstInside)
    {
        var result = StageTwo.Descend(B6Start, new ReducedDescentSettings { Alpha = alpha, Steps = steps });
        Assert.Equal(steps + 1, result.Records.Count);
        var final = result.Final.Parameters;
        // One unit of the last quoted digit: for α = 0 the quoted σ_vm = 0.0275266 is 0.54 units from the value
        // 0.02752654575 that an independent float64 computation (complex-step gradients of the same formulas) also gives.
        Quoted(vu, final.SigmaVu, "σ_vu", EndPointUnits);
        Quoted(zm, final.SigmaZm, "σ_zm", EndPointUnits);
        Quoted(vmzu, final.SigmaVm, "σ_vm", EndPointUnits);
        Assert.Equal(final.SigmaVm, final.SigmaZu); // equal at the start, so equal throughout
        Quoted(re, result.Final.DominantRoot.Real, "Re λ", EndPointUnits);
        if (im == "0") Assert.True(Math.Abs(result.Final.DominantRoot.Imaginary) <= Spectrum.ImaginaryTolerance);
        else Quoted(im, result.Final.DominantRoot.Imaginary, "Im λ", EndPointUnits);
        Quoted(modulus, result.Final.DominantRoot.Magnitude, "|λ|", EndPointUnits);
        Assert.Equal(firstInside < 0 ? null : firstInside, result.FirstInsideUnitDisk);
    }

    [Fact]
    public void DescentRecordsStartAtTheStartAndTakeClippedSteps()
    {
        var result = StageTwo.Descend(B6Start, new ReducedDescentSettings { Alpha = 1.0, Steps = 1 });
        Assert.Equal(B6Start, result.Records[0].Parameters);
        Assert.Equal(0, result.Records[0].Step);
        var g = StageTwo.EffectiveLoss(B6Start, 1.0).Gradient;
        double norm = Math.Sqrt(g.Sum(x => x * x));
        Near(norm, result.Records[0].GradientNorm, 1e-12);
        double scale = 0.001 / (norm + 1e-6); // norm 12.67 > 1: clipped
        double[] expected = StageTwo.ToPublishedOrder(B6Start).Select((x, i) => x - scale * g[i]).ToArray();
        var actual = StageTwo.ToPublishedOrder(result.Records[1].Parameters);
        for (int i = 0; i < 4; i++) Near(expected[i], actual[i], 1e-15, $"parameter {i}");
    }

    [Theory]
    [InlineData(-0.0276, 0.0278, 0.0278, -0.0704, 0.3, 10, 3)]
    [InlineData(-0.05, 0.2, 0.1, -0.04, 0.52, 20, 3)]
    [InlineData(0.03, -0.1, 0.3, 0.2, 0.9, 10, 5)]
    [InlineData(-0.2, 0.4, -0.3, 0.5, 0.1, 7, 2)]
    public void EffectiveLossGradientMatchesFiniteDifferences(double zm, double zu, double vm, double vu, double alpha, int tInf, int n)
    {
        var o = new OrderParameters(zm, zu, vm, vu);
        var e = StageTwo.EffectiveLoss(o, alpha, tInf, n);
        double norm = Math.Sqrt(e.Gradient.Sum(g => g * g));
        var theta = StageTwo.ToPublishedOrder(o);
        for (int q = 0; q < 4; q++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[q] += FiniteDifferenceStep;
            minus[q] -= FiniteDifferenceStep;
            double fd = (StageTwo.EffectiveLoss(StageTwo.FromPublishedOrder(plus), alpha, tInf, n).Value
                       - StageTwo.EffectiveLoss(StageTwo.FromPublishedOrder(minus), alpha, tInf, n).Value) / (2 * FiniteDifferenceStep);
            Near(fd, e.Gradient[q], GradientTolerance * Math.Max(1, norm), $"component {q}");
        }
    }

    [Theory]
    [InlineData(-0.0276, 0.0278, 0.0278, -0.0704)]
    [InlineData(0.1, -0.3, 0.2, 0.5)]
    public void ShortHorizonTermHasTheClosedFormsOfTheoryFiveThree(double zm, double zu, double vm, double vu)
    {
        var o = new OrderParameters(zm, zu, vm, vu);
        double pi = o.Pi;
        Near(3, StageTwo.EffectiveLoss(o, 0, n: 1).L0, 1e-14, "n = 1");
        Near(2 * zm * zm + 2 * zm + 6, StageTwo.EffectiveLoss(o, 0, n: 2).L0, 1e-13, "n = 2");
        double n3 = Math.Pow(zm + 1, 2) + Math.Pow(zm + 3, 2) + Math.Pow(pi + 2 * zm, 2) + Math.Pow(pi + 3 * zm + 1, 2);
        Near(n3, StageTwo.EffectiveLoss(o, 0, n: 3).L0, 1e-13, "n = 3");
        Assert.Equal(0.0, StageTwo.EffectiveLoss(o, 0, n: 3).GradientL0[0]); // ℒ0 does not depend on σ_vu (n = 3)
    }

    [Fact]
    public void GradientConflictAtTheB6StartIsNearlyOpposite()
    {
        // Cosine of the α = 1 and α = 0 gradients of the B6 step-0 table.
        double[] gInf = [-0.0230760, -12.6396, -0.618901, -0.618901];
        double[] g0 = [0, 13.1797, 0.0480131, 0.0480131];
        double expected = gInf.Zip(g0, (a, b) => a * b).Sum() / Math.Sqrt(gInf.Sum(a => a * a) * g0.Sum(b => b * b));
        double cosine = StageTwo.GradientConflict(B6Start);
        Near(expected, cosine, 1e-5);
        Assert.True(cosine < -0.99);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => StageTwo.EffectiveLoss(B6Start, 1.5)).Message);
        Assert.Contains("tInf", Assert.Throws<ArgumentException>(() => StageTwo.EffectiveLoss(B6Start, 0.5, tInf: 0)).Message);
        Assert.Contains("reduced_descent.steps", Assert.Throws<ArgumentException>(() => StageTwo.Descend(B6Start, new ReducedDescentSettings { Steps = -1 })).Message);
        Assert.Equal(5, ReducedDescentSettings.FigureSet().Count);
        Assert.All(ReducedDescentSettings.TheorySet(), s => Assert.Equal(20, s.TInf));
    }
}
