using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class PeakMetricsTests
{
    private const double RatioTolerance = 1e-12;

    [Fact]
    public void PeakRules_C7()
    {
        // docs/science/reference-values.md C7: [10, 12, 30, 20, 8, 2] → post-initial peak (argmax 2, 30 > 15), spike (30 > 20),
        // peak/initial 3, peak/final 15.
        var r = PeakMetrics.Analyze([10, 12, 30, 20, 8, 2]);
        Assert.True(r.InputFinite);
        Assert.Equal(2, r.PeakEpoch);
        Assert.Equal(30, r.Peak);
        Assert.True(r.PostInitialPeak);
        Assert.True(r.Spike);
        Assert.True(Math.Abs(r.PeakOverInitial - 3) < RatioTolerance);
        Assert.True(Math.Abs(r.PeakOverFinal - 15) < RatioTolerance);
        Assert.Equal(1, r.SeparationEpoch);
    }

    [Fact]
    public void MonotoneDecrease_HasNoPeakAndNoSpike()
    {
        var r = PeakMetrics.Analyze([100, 50, 20, 10]);
        Assert.Equal(0, r.PeakEpoch);
        Assert.False(r.PostInitialPeak);
        Assert.False(r.Spike);
    }

    [Fact]
    public void ModestRise_IsNeitherPeakNorSpike()
    {
        // max 14 is not above 1.5·10 = 15 and not above 2·max(10, 9) = 20.
        var r = PeakMetrics.Analyze([10, 14, 9]);
        Assert.Equal(1, r.PeakEpoch);
        Assert.False(r.PostInitialPeak);
        Assert.False(r.Spike);
    }

    [Fact]
    public void SeparationEpoch_IsTheMinimumBeforeTheLaterPeak()
    {
        // docs/science/analysis-maths.md §10: argmin over [1, e_peak] with e_peak = argmax_{e ≥ 1}.
        Assert.Equal(2, PeakMetrics.SeparationEpoch([100, 50, 20, 40, 300, 10]));
        Assert.Null(PeakMetrics.SeparationEpoch([1.0]));
    }

    [Fact]
    public void NonfiniteSeries_IsReportedNotThrown()
    {
        var r = PeakMetrics.Analyze([10, double.PositiveInfinity, 5]);
        Assert.False(r.InputFinite);
        Assert.Null(r.PeakEpoch);
        Assert.False(r.Spike);
        Assert.Throws<ArgumentException>(() => PeakMetrics.Analyze([]));
    }
}
