using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.StageDetection;

public class DerivativeStageDetectorTests
{
    private static double[] Linspace(double a, double b, int n)
        => Enumerable.Range(0, n).Select(i => i == n - 1 ? b : a + i * ((b - a) / (n - 1))).ToArray();

    [Fact]
    public void PlateauWithSlopeExit_C2()
    {
        // docs/science/reference-values.md C2 (m_p = 5, no ρ): stage1_end 15, plateau_end 30 by slope, plateau, three stages.
        var loss = Linspace(100, 10, 10).Concat(Linspace(10, 9, 20)).Concat(Linspace(9, 1, 20)).ToArray();
        var r = DerivativeStageDetector.Detect(loss, null, new DerivativeDetectorSettings { MinimumPlateau = 5 });
        Assert.Equal(15, r.Stage1End);
        Assert.Equal(30, r.PlateauEnd);
        Assert.Equal(PlateauExit.Slope, r.ExitReason);
        Assert.Null(r.Crossing);
        Assert.True(r.PlateauDetected);
        Assert.True(r.ThreeStages);
        Assert.False(r.ReachesStability);
        Assert.Equal(11, r.SmoothingWidth);
    }

    [Fact]
    public void ExitByFallback_C3()
    {
        // docs/science/reference-values.md C3 (m_p = 5): stage1_end 13, crossing 13, plateau_end 30 by fallback, plateau but not three stages.
        var loss = Linspace(100, 10, 8).Concat(Linspace(10, 9, 25)).Concat(Linspace(9, 8, 10)).ToArray();
        var rho = Enumerable.Range(0, loss.Length).Select(e => e < 8 ? 1.1 : 0.9).ToArray();
        var r = DerivativeStageDetector.Detect(loss, rho, new DerivativeDetectorSettings { MinimumPlateau = 5 });
        Assert.Equal(13, r.Stage1End);
        Assert.Equal(13, r.Crossing);
        Assert.Equal(30, r.PlateauEnd);
        Assert.Equal(PlateauExit.Fallback, r.ExitReason);
        Assert.True(r.PlateauDetected);
        Assert.False(r.ThreeStages);
        Assert.True(r.ReachesStability);
    }

    [Fact]
    public void NonfiniteLoss_C4()
    {
        // docs/science/reference-values.md C4: [1, NaN, NaN, NaN] → nonfinite_loss, no plateau, no crossing.
        var r = DerivativeStageDetector.Detect([1, double.NaN, double.NaN, double.NaN], [1.1, 1.1, 0.9, 0.9]);
        Assert.Equal(PlateauExit.NonfiniteLoss, r.ExitReason);
        Assert.False(r.PlateauDetected);
        Assert.Null(r.Crossing);
        Assert.Null(r.PlateauEnd);
        Assert.False(r.ThreeStages);
    }

    [Fact]
    public void LateCrossing_IsAStabilityExit()
    {
        // Flat loss (no steep slope anywhere) and ρ crossing well after the minimum plateau.
        var loss = Linspace(100, 10, 8).Concat(Enumerable.Repeat(10.0, 52)).ToArray();
        var rho = Enumerable.Range(0, loss.Length).Select(e => e < 35 ? 1.05 : 0.95).ToArray();
        var r = DerivativeStageDetector.Detect(loss, rho);
        Assert.Equal(35, r.Crossing);
        Assert.Equal(PlateauExit.Stability, r.ExitReason);
        Assert.Equal(35, r.PlateauEnd);
        Assert.True(r.ThreeStages);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(16, 5)]
    [InlineData(50, 11)]
    [InlineData(1000, 11)]
    public void SmoothingWidthRule(int n, int expected)
        => Assert.Equal(expected, new DerivativeDetectorSettings().WidthFor(n));

    [Fact]
    public void SmoothingAndSlopes_AreExactOnALine()
    {
        double[] y = [0, 1, 2, 3, 4, 5, 6];
        var smooth = DerivativeStageDetector.Smooth(y, 3);
        Assert.Equal([0.5, 1, 2, 3, 4, 5, 5.5], smooth);
        var slope = DerivativeStageDetector.Slopes(y);
        Assert.All(slope, s => Assert.Equal(1.0, s));
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => DerivativeStageDetector.Detect([1.0, 2.0, 3.0], [1.0]));
        var ex = Assert.Throws<ArgumentException>(() => DerivativeStageDetector.Detect([1.0, 2.0, 3.0], null, new DerivativeDetectorSettings { SmoothingWidth = 4 }));
        Assert.Contains("smoothing_width", ex.Message);
    }
}
