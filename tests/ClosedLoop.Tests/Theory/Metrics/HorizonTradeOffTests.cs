using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class HorizonTradeOffTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void ReferenceVector_C6()
    {
        // docs/science/reference-values.md C6: D_short = e^{−0.1e}, D_long = 1 + 0.08e, ρ = 0.9 + 0.01e, e = 0..11 →
        // #I_s = 11, loss = radius = union = 11, fraction 1.0, union/loss/radius supported.
        var e = Enumerable.Range(0, 12).ToArray();
        var r = HorizonTradeOff.Compute(
            e.Select(x => Math.Exp(-0.1 * x)).ToArray(),
            e.Select(x => 1 + 0.08 * x).ToArray(),
            e.Select(x => 0.9 + 0.01 * x).ToArray());
        Assert.Equal(11, r.Steps);
        Assert.Equal(11, r.ShortImprovements);
        foreach (var c in new[] { TradeOffComponent.Union, TradeOffComponent.Loss, TradeOffComponent.Radius, TradeOffComponent.Both })
        {
            Assert.Equal(11, r[c].Count);
            Assert.Equal(1.0, r[c].Fraction);
            Assert.True(r[c].Supported);
        }
        Assert.Equal(0, r[TradeOffComponent.LossOnly].Count);
        Assert.Equal(0, r[TradeOffComponent.RadiusOnly].Count);
        Assert.False(r[TradeOffComponent.LossOnly].Supported);
        // −Δ_s is constant (0.1): the correlations are undefined.
        Assert.Null(r.LongCorrelation);
        Assert.Null(r.RadiusCorrelation);
    }

    [Fact]
    public void ExclusiveComponents_AndCorrelations()
    {
        // Short loss falls by varying amounts; long loss rises exactly when the short drop is large; ρ falls throughout.
        double[] shortLoss = [1, Math.Exp(-0.1), Math.Exp(-0.12), Math.Exp(-0.32), Math.Exp(-0.34), Math.Exp(-0.64)];
        double[] longLoss = [1, Math.Exp(0.1), Math.Exp(0.1), Math.Exp(0.3), Math.Exp(0.3), Math.Exp(0.6)];
        double[] radius = [1.0, 0.99, 0.98, 0.97, 0.96, 0.95];
        var r = HorizonTradeOff.Compute(shortLoss, longLoss, radius);
        Assert.Equal(5, r.ShortImprovements);
        Assert.Equal(3, r[TradeOffComponent.LossOnly].Count);
        Assert.Equal(0, r[TradeOffComponent.Radius].Count);
        Assert.Equal(0.6, r[TradeOffComponent.Loss].Fraction, 12);
        Assert.True(r[TradeOffComponent.Loss].Supported);
        // −Δ_s = (0.1, 0.02, 0.2, 0.02, 0.3) and Δ_ℓ = (0.1, 0, 0.2, 0, 0.3): nearly perfectly correlated.
        Assert.True(r.LongCorrelation > 0.99);
        Assert.Null(r.RadiusCorrelation);
    }

    [Fact]
    public void NonfiniteSteps_AreSkipped()
    {
        var r = HorizonTradeOff.Compute([1, 0.5, 0, 0.1], [1, 1, 1, 1], [1, 1, 1, 1]);
        Assert.Equal(2, r.SkippedSteps);
        Assert.Equal(1, r.Steps);
        Assert.Throws<ArgumentException>(() => HorizonTradeOff.Compute([1, 2], [1], [1, 2]));
    }

    [Fact]
    public void Correlation_OfKnownSeries()
    {
        Assert.True(Math.Abs(Descriptive.Correlation([1, 2, 3], [2, 4, 6])!.Value - 1) < Tolerance);
        Assert.True(Math.Abs(Descriptive.Correlation([1, 2, 3], [3, 2, 1])!.Value + 1) < Tolerance);
        Assert.Null(Descriptive.Correlation([1, 1, 1], [1, 2, 3]));
    }
}
