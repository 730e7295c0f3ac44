using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class OrderParametersTests
{
    private const double ExactTolerance = 1e-15;
    private const double RoundTripTolerance = 1e-12;
    private const int A10Draws = 4000;
    /// <summary>Relative tolerance on a sample standard deviation of 4000 draws (≈ 4.5 standard errors).</summary>
    private const double A10SdTolerance = 0.05;

    [Fact]
    public void A3OrderParametersArePlainDotProducts()
    {
        // docs/science/reference-values.md A3.
        var o = OrderParameters.Of(A3Network());
        Near(-0.04, o.SigmaZm, ExactTolerance, "σ_zm");
        Near(-0.13, o.SigmaZu, ExactTolerance, "σ_zu");
        Near(0.11, o.SigmaVm, ExactTolerance, "σ_vm");
        Near(-0.08, o.SigmaVu, ExactTolerance, "σ_vu");
        Near(-0.0143, o.Pi, ExactTolerance, "π");
    }

    [Fact]
    public void NetworksThatAreNotRankOneWithOneInputAndOutputAreRejected()
    {
        var dense = new NetworkParameters(new NetworkSettings { Hidden = 3 });
        Assert.Contains("rank 1", Assert.Throws<ArgumentException>(() => OrderParameters.Of(dense)).Message);
        var rankTwo = new NetworkParameters(RankOneSettings(3) with { Rank = 2 });
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => OrderParameters.Of(rankTwo)).Message);
        var twoInputs = new NetworkParameters(RankOneSettings(3) with { Inputs = 2 });
        Assert.Contains("network.inputs = 2", Assert.Throws<ArgumentException>(() => OrderParameters.Of(twoInputs)).Message);
        var twoOutputs = new NetworkParameters(RankOneSettings(3) with { Outputs = 2 });
        Assert.Contains("network.outputs = 2", Assert.Throws<ArgumentException>(() => OrderParameters.Of(twoOutputs)).Message);
    }

    [Fact]
    public void FromCubicRootsInvertsTheCubic()
    {
        // docs/science/reference-values.md A3 cubic table, first row: (σ_zm, σ_zu, σ_vm, σ_vu) = (−0.5, 1.0, 0.5, −0.4).
        var original = new OrderParameters(-0.5, 1.0, 0.5, -0.4);
        var back = OrderParameters.FromCubicRoots(new RankOneModel(original).CubicRoots(), sigmaVm: 0.5);
        Near(original.SigmaZm, back.SigmaZm, RoundTripTolerance, "σ_zm");
        Near(original.SigmaZu, back.SigmaZu, RoundTripTolerance, "σ_zu");
        Near(original.SigmaVm, back.SigmaVm, RoundTripTolerance, "σ_vm");
        Near(original.SigmaVu, back.SigmaVu, RoundTripTolerance, "σ_vu");
        Assert.Throws<ArgumentException>(() => OrderParameters.FromCubicRoots([new Complex(1, 0.2), new Complex(1, 0.2), 0.3]));
    }

    [Fact]
    public void A10InitialOrderParameterStatisticsOfTheRankOneInitialisation()
    {
        // docs/science/reference-values.md A10 (N = 100): means 0; sd 1/(3√N), 1/√(3N), 1/√(3N), 1/√N; E‖m‖² = 1/3; P(σ_zm > 0) = 1/2.
        var settings = RankOneSettings(100);
        var rng = new RandomStream(2024);
        var draws = new double[4][];
        for (int q = 0; q < 4; q++) draws[q] = new double[A10Draws];
        double mNorm = 0;
        int positive = 0;
        for (int d = 0; d < A10Draws; d++)
        {
            var p = Initializer.Create(settings, rng);
            var o = OrderParameters.Of(p);
            (draws[0][d], draws[1][d], draws[2][d], draws[3][d]) = (o.SigmaZm, o.SigmaZu, o.SigmaVm, o.SigmaVu);
            mNorm += Gemm.Dot(p.Input, p.Input);
            if (o.SigmaZm > 0) positive++;
        }
        double[] expectedSd = [0.0333333, 0.0577350, 0.0577350, 0.1];
        for (int q = 0; q < 4; q++)
        {
            double mean = draws[q].Average();
            double sd = Math.Sqrt(draws[q].Sum(x => (x - mean) * (x - mean)) / (A10Draws - 1));
            Assert.InRange(mean, -4 * expectedSd[q] / Math.Sqrt(A10Draws), 4 * expectedSd[q] / Math.Sqrt(A10Draws));
            Assert.InRange(sd / expectedSd[q], 1 - A10SdTolerance, 1 + A10SdTolerance);
        }
        Assert.InRange(mNorm / A10Draws, 1.0 / 3 - 0.002, 1.0 / 3 + 0.002);
        Assert.InRange(positive / (double)A10Draws, 0.5 - 0.032, 0.5 + 0.032);
    }

    [Fact]
    public void A11OverConstructionSetsSigmaZmExactly()
    {
        // docs/science/reference-values.md A11: m = (0.1, −0.2, 0.05), drawn z = (−0.3, 0.1, 0.2), target s = −0.1.
        var z = (double[])A3Z.Clone();
        Initializer.SetOverlap(z, A3M, -0.1);
        Quoted("-0.219991", z[0]);
        Quoted("0.374045", z[1]);
        Quoted("-0.0638390", z[2]);
        var o = OrderParameters.Of(RankOne(A3M, z, A3U, A3V));
        Near(-0.1, o.SigmaZm, ExactTolerance, "σ_zm");
        double[] parallel = A3M.Select(x => -0.1 / Gemm.Dot(A3M, A3M) * x).ToArray();
        double[] perpendicular = z.Select((x, i) => x - parallel[i]).ToArray();
        Near(0.1, Math.Sqrt(Gemm.Dot(perpendicular, perpendicular) / Gemm.Dot(parallel, parallel)), RoundTripTolerance, "norm ratio");
    }

    [Fact]
    public void OverlapTargetOfARandomNetworkIsReadBackExactly()
    {
        var o = OrderParameters.Of(RandomRankOne(11, overlapTarget: 0.2));
        Near(0.2, o.SigmaZm, 1e-14, "σ_zm");
    }
}
