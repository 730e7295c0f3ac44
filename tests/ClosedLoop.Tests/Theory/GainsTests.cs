using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class GainsTests
{
    /// <summary>docs/science/reference-values.md B8: the fit recovers (2, −1) within 1e−6.</summary>
    private const double B8Tolerance = 1e-6;

    private const int Steps = 20, Samples = 10;

    /// <summary>States ~ N(0, 1), shape (T+1, S, 2); controls u = k₁x + k₂v at every step, shape (T, S).</summary>
    private static (double[] States, double[] Controls) Rollout(double k1, double k2, ulong seed = 7)
    {
        var rng = new RandomStream(seed);
        var states = new double[(Steps + 1) * Samples * 2];
        rng.FillNormal(states, 0, 1);
        var controls = new double[Steps * Samples];
        for (int t = 0; t < Steps; t++)
            for (int s = 0; s < Samples; s++)
                controls[t * Samples + s] = k1 * states[(t * Samples + s) * 2] + k2 * states[(t * Samples + s) * 2 + 1];
        return (states, controls);
    }

    [Theory]
    [InlineData(GainFit.Published)]
    [InlineData(GainFit.Reproduction)]
    public void ExactLinearPolicy_IsRecovered_B8(GainFit method)
    {
        // docs/science/reference-values.md B8: controls u = 2x⁽¹⁾ − x⁽²⁾ on N(0, 1) states.
        var (states, controls) = Rollout(2, -1);
        var g = EffectiveGains.Fit(states, controls, Steps, Samples, method);
        Assert.Equal(GainFitStatus.Ok, g.Status);
        Assert.True(Math.Abs(g.K1 - 2) < B8Tolerance, $"k1 = {g.K1}");
        Assert.True(Math.Abs(g.K2 + 1) < B8Tolerance, $"k2 = {g.K2}");
        Assert.Equal(method == GainFit.Published ? (Steps - 1) * Samples : Steps * Samples, g.Rows);
    }

    [Fact]
    public void PublishedFit_IgnoresTheFirstStep()
    {
        // Corrupt u₀ only: the published fit (t = 0 dropped) is unaffected, the reproduction's is not.
        var (states, controls) = Rollout(-0.3, -1.0);
        for (int s = 0; s < Samples; s++) controls[s] = 0;
        var published = EffectiveGains.Fit(states, controls, Steps, Samples, GainFit.Published);
        var reproduction = EffectiveGains.Fit(states, controls, Steps, Samples, GainFit.Reproduction);
        Assert.True(Math.Abs(published.K1 + 0.3) < B8Tolerance && Math.Abs(published.K2 + 1.0) < B8Tolerance);
        Assert.True(Math.Abs(reproduction.K2 + 1.0) > 1e-3);
    }

    [Fact]
    public void AllZeroStates_GiveNaNGainsFlaggedSingular()
    {
        var states = new double[(Steps + 1) * Samples * 2];
        var controls = new double[Steps * Samples];
        foreach (var method in new[] { GainFit.Published, GainFit.Reproduction })
        {
            var g = EffectiveGains.Fit(states, controls, Steps, Samples, method);
            Assert.Equal(GainFitStatus.Singular, g.Status);
            Assert.False(g.IsValid);
            Assert.True(double.IsNaN(g.K1) && double.IsNaN(g.K2));
        }
    }

    [Fact]
    public void NonfiniteState_IsFlagged()
    {
        var (states, controls) = Rollout(1, 1);
        states[(5 * Samples + 3) * 2 + 1] = double.PositiveInfinity;
        var g = EffectiveGains.Fit(states, controls, Steps, Samples);
        Assert.Equal(GainFitStatus.NonfiniteInput, g.Status);
        Assert.True(double.IsNaN(g.K1));
    }

    [Fact]
    public void WrongShapes_ThrowNamingTheField()
    {
        var (states, controls) = Rollout(1, 1);
        var ex = Assert.Throws<ArgumentException>(() => EffectiveGains.Fit(states.AsSpan(2), controls, Steps, Samples));
        Assert.Contains("gains.states", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => EffectiveGains.Fit(states, controls.AsSpan(1), Steps, Samples));
        Assert.Contains("gains.controls", ex.Message);
    }

    [Fact]
    public void LqrConventionAndDistance()
    {
        var a = new Gains(-0.365, -1.003);
        Assert.Equal((0.365, 1.003), a.LqrConvention);
        Assert.Equal(0.5, a.DistanceTo(new Gains(-0.365 + 0.3, -1.003 - 0.4)), 12);
    }
}
