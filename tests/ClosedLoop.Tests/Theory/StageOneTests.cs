using System.Numerics;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class StageOneTests
{
    private const double IdentityTolerance = 1e-10;
    private const double EigenTolerance = 1e-12;

    [Theory]
    // docs/science/reference-values.md A4: σ_zm, r, formula ℒ, formula ln ℒ, exact (no memory) ℒ, exact ln ℒ.
    [InlineData(-0.5, "1.5", "6.09842e17", "40.9520", "3.68623e17", "40.4486")]
    [InlineData(-0.1, "1.1", "75788.4", "11.2357", "375940", "12.8372")]
    [InlineData(-0.02, "1.02", "159.738", "5.07354", "3733.77", "8.22517")]
    [InlineData(-0.01, "1.01", "86.5931", "4.46122", "3986.53", "8.29068")]
    [InlineData(1e-4, "1.0201", "160.773", "5.07999", "191828", "12.1644")]
    [InlineData(0.01, "1.21", "5.47108e8", "20.1202", "9.43547e9", "22.9677")]
    [InlineData(0.1, "1.73246", "8.69081e23", "55.1217", "7.96286e23", "55.0342")]
    [InlineData(0.2, "2.09443", "1.22286e32", "73.8839", "4.18154e31", "72.8108")]
    [InlineData(0.3, "2.39545", "7.45188e37", "87.2041", "1.40688e37", "85.5370")]
    public void A4GeometricSumAndNoMemoryLosses(double sigma, string r, string formula, string lnFormula, string exact, string lnExact)
    {
        double growth = Complex.Abs(1 + Complex.Sqrt(sigma));
        Quoted(r, growth * growth, "r");
        double geometric = StageOne.GeometricSumLoss(sigma);
        Quoted(formula, geometric, "formula ℒ");
        Quoted(lnFormula, Math.Log(geometric), "formula ln ℒ");
        double noMemory = StageOne.NoMemoryLoss(sigma);
        Quoted(exact, noMemory, "exact ℒ");
        Quoted(lnExact, Math.Log(noMemory), "exact ln ℒ");
    }

    [Fact]
    public void A4AsymmetryRatio()
    {
        // docs/science/reference-values.md A4: ℒ(+0.1)/ℒ(−0.1) = 1.14672e19 (formula).
        Quoted("1.14672e19", StageOne.GeometricSumLoss(0.1) / StageOne.GeometricSumLoss(-0.1));
    }

    [Fact]
    public void GeometricSumAtZeroGainCountsTheTerms()
    {
        Assert.Equal(50.5, StageOne.GeometricSumLoss(0));
        Assert.Equal(0.5, StageOne.GeometricSumLoss(0.3, terms: 1)); // ½ (1 − r)/(1 − r)
    }

    [Theory]
    // docs/science/reference-values.md A5: σ_zm = −0.02 → 1 ± 0.141421i (|λ| = 1.00995); +0.05 → 1.22361 and 0.776393.
    [InlineData(-0.02, "=1", "0.141421", "=1", "-0.141421")]
    [InlineData(0.05, "1.22361", "=0", "0.776393", "=0")]
    public void A5GainSystemEigenvalues(double sigma, string plusRe, string plusIm, string minusRe, string minusIm)
    {
        var (plus, minus) = StageOne.Eigenvalues(sigma);
        Quoted(plusRe, plus.Real);
        Quoted(plusIm, plus.Imaginary);
        Quoted(minusRe, minus.Real);
        Quoted(minusIm, minus.Imaginary);
        var s = Spectrum.Of(Mat.FromRows([1, 1], [sigma, 1]));
        Near(plus, s.Eigenvalues[0], EigenTolerance);
        Near(minus, s.Eigenvalues[1], EigenTolerance);
    }

    [Fact]
    public void A5ComplexPairModulus() => Quoted("1.00995", StageOne.Eigenvalues(-0.02).Plus.Magnitude);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-0.02)]
    [InlineData(0.1)]
    public void SimulatedLossOfANetworkWithoutMemoryIsTheNoMemoryLoss(double sigma)
    {
        var net = RandomRankOne(5, overlapTarget: sigma);
        Array.Clear(net.U);
        Array.Clear(net.V);
        Relative(StageOne.NoMemoryLoss(sigma), StageOne.SimulatedLoss(net), IdentityTolerance);
    }

    [Theory]
    [InlineData(31UL, -0.1)]
    [InlineData(32UL, 0.2)]
    public void SimulatedLossOfARankOneNetworkEqualsTheReducedModelLoss(ulong seed, double sigma)
    {
        var net = RandomRankOne(seed, overlapTarget: sigma);
        double reduced = new RankOneModel(OrderParameters.Of(net)).Rollout([1.0, -1.0], 100).HalfSquaredStateSum();
        Relative(reduced, StageOne.SimulatedLoss(net), IdentityTolerance);
    }

    [Fact]
    public void SimulatedLossNeedsALinearNetwork()
    {
        var tanh = B3Network(ClosedLoop.Controllers.Activation.Tanh);
        Assert.Contains("network.activation", Assert.Throws<ArgumentException>(() => StageOne.SimulatedLoss(tanh)).Message);
    }
}
