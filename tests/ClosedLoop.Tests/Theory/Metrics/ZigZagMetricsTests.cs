using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.Metrics;

public class ZigZagMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Index_CountsSignChangesOfTheModulusSteps()
    {
        Assert.Equal(1.0, ZigZagMetrics.Index([1.010, 1.012, 1.010, 1.012, 1.010]));
        Assert.Equal(0.0, ZigZagMetrics.Index([1.05, 1.04, 1.03, 1.02]));
        // steps +, +, −, + → pairs (+,+) (+,−) (−,+): 2 of 3
        Assert.Equal(2.0 / 3, ZigZagMetrics.Index([1.0, 1.1, 1.2, 1.1, 1.3]), 12);
        Assert.True(double.IsNaN(ZigZagMetrics.Index([1.0, 2.0])));
        Assert.Throws<ArgumentException>(() => ZigZagMetrics.Index([1.0, double.NaN, 2.0]));
    }

    [Fact]
    public void SuccessiveCosine_IsMinusOneForBackAndForthUpdates()
    {
        double[] u = [0.3, -0.4, 1.2];
        double[] minusU = u.Select(x => -x).ToArray();
        Assert.True(Math.Abs(ZigZagMetrics.MeanSuccessiveCosine([u, minusU, u, minusU]) + 1) < Tolerance);
        Assert.True(Math.Abs(ZigZagMetrics.MeanSuccessiveCosine([u, u, u]) - 1) < Tolerance);
        // pairs with a zero update are skipped
        Assert.True(double.IsNaN(ZigZagMetrics.MeanSuccessiveCosine([u, new double[3], u])));
        Assert.True(Math.Abs(ZigZagMetrics.MeanSuccessiveCosine([u, new double[3], u, u]) - 1) < Tolerance);
    }

    [Fact]
    public void UpdateCosineFromSnapshots_UsesDifferences()
    {
        // θ: 0 → (1, 0) → (1, 1) → (0, 1): updates (1,0), (0,1), (−1,0): cosines 0 and 0.
        double[][] snapshots = [[0, 0], [1, 0], [1, 1], [0, 1]];
        Assert.True(Math.Abs(ZigZagMetrics.MeanSuccessiveUpdateCosine(snapshots)) < Tolerance);
        // θ: 0 → 1 → 0 → 1: updates +1, −1, +1: mean cosine −1.
        Assert.True(Math.Abs(ZigZagMetrics.MeanSuccessiveUpdateCosine([[0.0], [1.0], [0.0], [1.0]]) + 1) < Tolerance);
    }

    [Fact]
    public void Cosine_OfKnownVectors()
    {
        Assert.True(Math.Abs(ZigZagMetrics.Cosine([1, 0], [1, 1]) - Math.Sqrt(0.5)) < Tolerance);
        Assert.True(double.IsNaN(ZigZagMetrics.Cosine([0, 0], [1, 1])));
        Assert.Throws<ArgumentException>(() => ZigZagMetrics.Cosine([1, 0], [1, 0, 0]));
    }
}
