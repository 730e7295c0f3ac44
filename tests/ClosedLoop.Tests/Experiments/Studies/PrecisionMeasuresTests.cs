using ClosedLoop.Experiments.Studies;

namespace ClosedLoop.Tests.Experiments.Studies;

public class PrecisionMeasuresTests
{
    private static readonly PrecisionRun Finite = new(false, null, [1.0], [1.0]);
    private static readonly PrecisionRun Overflowed = new(true, 7, [1.0], [double.PositiveInfinity]);

    private static PrecisionSeed Row(double d, double s, PrecisionRun? single = null) => new(0, [d], [s], Finite, single ?? Finite, double.NaN);

    [Fact]
    public void Differences_are_in_epochs_or_relative_and_undefined_values_compare_as_the_issue_says()
    {
        Assert.Equal(3, Row(100, 103).Difference(0, QuantityScale.Epochs));
        Assert.Equal(0.25, Row(4, 3).Difference(0, QuantityScale.Relative), 15);
        Assert.Equal(0, Row(double.NaN, double.NaN).Difference(0, QuantityScale.Epochs)); // both never reached it
        Assert.Equal(double.PositiveInfinity, Row(100, double.NaN).Difference(0, QuantityScale.Epochs));
        Assert.Equal(double.PositiveInfinity, Row(100, 100, Overflowed).Difference(0, QuantityScale.Epochs));
        Assert.True(Row(1, 1, Overflowed).SingleOverflowed);
    }

    [Fact]
    public void The_verdict_names_the_largest_difference_or_every_seed_that_differs()
    {
        var c = new PrecisionCase("x", _ => throw new InvalidOperationException(), [0, 1],
            [new PrecisionQuantity("e", QuantityScale.Epochs, _ => 0)], Judged: true);
        var agree = new PrecisionCaseData(c, [Row(100, 102), Row(50, 47) with { Seed = 1 }], PrecisionMeasures.EpochTolerance(100));
        Assert.Equal(5, PrecisionMeasures.EpochTolerance(100));
        Assert.Equal(30, PrecisionMeasures.EpochTolerance(3000));
        Assert.Equal("agrees within 3 epochs over 2 seeds", PrecisionMeasures.Verdict(agree, 0));
        var differ = agree with { Seeds = [Row(100, 120), Row(50, 50, Overflowed) with { Seed = 1 }] };
        Assert.Equal("differs: seed 0: 100 in double, 120 in single; seed 1 overflowed in single precision (first non-finite epoch 7)",
            PrecisionMeasures.Verdict(differ, 0));
        Assert.Equal("per seed (double, single): seed 0: 100, 120; seed 1: 50, diverged", PrecisionMeasures.PerSeed(differ, 0));
    }
}
