using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class BootstrapTests
{
    /// <summary>Relative agreement of the bootstrap half-width with the normal approximation 1.96·s/√n.</summary>
    private const double NormalApproximationTolerance = 0.15;

    [Fact]
    public void SmallSample_C8()
    {
        // docs/science/reference-values.md C8: [1, 2, 3] → mean 2 and lo ≤ 2 ≤ hi.
        var r = Bootstrap.MeanInterval([1, 2, 3]);
        Assert.Equal(2.0, r.Mean);
        Assert.True(r.Lower <= 2 && 2 <= r.Upper, $"[{r.Lower}, {r.Upper}]");
        Assert.True(r.Lower >= 1 && r.Upper <= 3);
        Assert.Equal((2000, 0UL, 0.95, 3), (r.Resamples, r.Seed, r.Level, r.Count));
    }

    [Fact]
    public void SameSeed_SameInterval_OtherSeed_OtherInterval()
    {
        double[] values = [0.3, 1.7, 2.2, 0.9, 5.1, 3.3, 2.8];
        var a = Bootstrap.MeanInterval(values, 500, seed: 0);
        var b = Bootstrap.MeanInterval(values, 500, seed: 0);
        var c = Bootstrap.MeanInterval(values, 500, seed: 1);
        Assert.Equal(a, b);
        Assert.NotEqual((a.Lower, a.Upper), (c.Lower, c.Upper));
    }

    [Fact]
    public void SingleValue_GivesADegenerateInterval()
    {
        var r = Bootstrap.MeanInterval([4.5]);
        Assert.Equal((4.5, 4.5, 4.5), (r.Mean, r.Lower, r.Upper));
    }

    [Fact]
    public void LargeSample_AgreesWithTheNormalApproximation()
    {
        var rng = new RandomStream(99);
        var values = new double[200];
        rng.FillNormal(values, 3, 2);
        var r = Bootstrap.MeanInterval(values);
        var s = Descriptive.Summarize(values);
        double expectedHalf = 1.959964 * s.StandardDeviation / Math.Sqrt(values.Length);
        double half = (r.Upper - r.Lower) / 2;
        Assert.InRange(half / expectedHalf, 1 - NormalApproximationTolerance, 1 + NormalApproximationTolerance);
        Assert.True(r.Lower < r.Mean && r.Mean < r.Upper);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([]));
        var ex = Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1, double.NaN]));
        Assert.Contains("bootstrap.values[1]", ex.Message);
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1, 2], level: 1));
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1, 2], resamples: 0));
    }
}
