using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class DescriptiveTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void MedianAndQuantiles_MatchNumpyLinear()
    {
        Assert.Equal(2.0, Descriptive.Median([3, 1, 2]));
        Assert.Equal(2.5, Descriptive.Median([4, 1, 3, 2]));
        // numpy.percentile([1, 2, 3, 4], [25, 75]) = [1.75, 3.25]
        Assert.Equal(1.75, Descriptive.Quantile([4, 1, 3, 2], 0.25));
        Assert.Equal(3.25, Descriptive.Quantile([4, 1, 3, 2], 0.75));
        Assert.Equal(1.0, Descriptive.Quantile([4, 1, 3, 2], 0));
        Assert.Equal(4.0, Descriptive.Quantile([4, 1, 3, 2], 1));
        Assert.Throws<ArgumentException>(() => Descriptive.Median([]));
    }

    [Fact]
    public void Summary_ExcludesAndCountsFailures()
    {
        var s = Descriptive.Summarize([2, 4, double.NaN, 4, 4, 5, double.PositiveInfinity, 5, 7, 9]);
        Assert.Equal(8, s.Count);
        Assert.Equal(2, s.Failures);
        Assert.Equal(5.0, s.Mean);
        Assert.True(Math.Abs(s.StandardDeviation - Math.Sqrt(32.0 / 7)) < Tolerance); // n − 1 denominator
        Assert.Equal(4.5, s.Median);
        Assert.Equal(4.0, s.LowerQuartile);
        Assert.Equal(5.5, s.UpperQuartile);
        Assert.Equal(1.5, s.InterquartileRange);
    }

    [Fact]
    public void Summary_OfNothingOrOneValue()
    {
        var empty = Descriptive.Summarize([double.NaN]);
        Assert.Equal((0, 1), (empty.Count, empty.Failures));
        Assert.True(double.IsNaN(empty.Mean));
        var one = Descriptive.Summarize([3.0]);
        Assert.Equal(3.0, one.Mean);
        Assert.True(double.IsNaN(one.StandardDeviation));
    }

    [Fact]
    public void Support_CountsFailuresSeparately()
    {
        var s = Descriptive.Support([true, false, true, null, true]);
        Assert.Equal((3, 4, 1), (s.Supported, s.Evaluated, s.Failures));
        Assert.Equal(0.75, s.Fraction);
        Assert.Equal(0.6, s.FractionOfAll);
    }
}
