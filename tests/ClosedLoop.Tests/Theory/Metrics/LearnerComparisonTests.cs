using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class LearnerComparisonTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void GapsDivergenceAndRecovery()
    {
        // docs/science/analysis-maths.md §10: gap = D_open − D_closed = 0.3, relative 0.3/2 = 0.15 > 0.05, recovered 2 < 10.
        var r = LearnerComparison.Compare([10, 4, 2], [10, 30, 2.3], new Gains(-0.365, -1.003), new Gains(-0.34, -1.012));
        Assert.True(Math.Abs(r.FinalGap - 0.3) < Tolerance);
        Assert.True(Math.Abs(r.RelativeGap - 0.15) < Tolerance);
        Assert.True(r.LossDivergence);
        Assert.True(r.Recovered);
        Assert.True(Math.Abs(r.GainDistance!.Value - Math.Sqrt(0.025 * 0.025 + 0.009 * 0.009)) < Tolerance);
        Assert.False(r.GainDivergence); // 0.0266 < 0.05
    }

    [Fact]
    public void SmallGap_IsNotADivergence_AndMissingGainsGiveNull()
    {
        var r = LearnerComparison.Compare([10, 2], [10, 2.05], new Gains(0, 0), new Gains(double.NaN, double.NaN, GainFitStatus.Singular));
        Assert.False(r.LossDivergence);
        Assert.Null(r.GainDistance);
        Assert.False(r.GainDivergence);
    }

    [Fact]
    public void DivergedOpenLoop_IsNotCountedAsLossDivergence()
    {
        // "loss divergence iff finite and relative gap > 0.05": an infinite gap is a failure, not a divergence.
        var r = LearnerComparison.Compare([10, 2], [10, double.PositiveInfinity]);
        Assert.False(r.LossDivergence);
        Assert.Throws<ArgumentException>(() => LearnerComparison.Compare([], [1.0]));
    }
}
