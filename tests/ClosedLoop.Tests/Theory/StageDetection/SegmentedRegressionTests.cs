using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.StageDetection;

public class SegmentedRegressionTests
{
    /// <summary>Slopes of exactly piecewise-linear data are recovered to round-off.</summary>
    private const double SlopeTolerance = 1e-9;

    /// <summary>docs/science/reference-values.md C5: ln L over epochs 0..179.</summary>
    private static double[] C5Series()
        => Enumerable.Range(0, 50).Select(j => 8 - 0.08 * j)
            .Concat(Enumerable.Range(0, 70).Select(j => 4 - 0.002 * j))
            .Concat(Enumerable.Range(0, 60).Select(j => 3.86 - 0.03 * j)).ToArray();

    [Fact]
    public void ThreeSegments_C5()
    {
        // docs/science/reference-values.md C5: stride 1, minimum segment 15 → boundaries 50 and 120, slopes −0.08, −0.002, −0.03,
        // main-variant criteria satisfied.
        var settings = SegmentedRegressionSettings.Main with { Stride = 1, MinSegment = 15 };
        var r = SegmentedRegression.Fit(C5Series(), settings);
        Assert.Equal(SegmentedRegressionStatus.Ok, r.Status);
        Assert.Equal(50, r.Boundary1);
        Assert.Equal(120, r.Boundary2);
        Assert.InRange(r.Boundary1!.Value, 35, 65);
        Assert.InRange(r.Boundary2!.Value, 105, 135);
        var (a1, a2, a3) = r.Slopes;
        Assert.True(Math.Abs(a1 + 0.08) < SlopeTolerance && Math.Abs(a2 + 0.002) < SlopeTolerance && Math.Abs(a3 + 0.03) < SlopeTolerance, $"{a1} {a2} {a3}");
        Assert.True(r.Fast && r.Slow && r.Reaccelerates && r.ThreeStages);
        Assert.True(r.ThreeSegmentError < 1e-12);
        Assert.True(r.ReductionVsOne > 0.999 && r.ReductionVsTwo > 0.999);
        Assert.Equal(8.0, r.Segments[0].Intercept, 9);
        Assert.Equal((50, 119, 70), (r.Segments[1].StartEpoch, r.Segments[1].EndEpoch, r.Segments[1].Points));
    }

    [Fact]
    public void DefaultStride_ReportsBoundariesInEpochs()
    {
        var r = SegmentedRegression.Fit(C5Series(), SegmentedRegressionSettings.ShortSegment);
        Assert.Equal(50, r.Boundary1);
        Assert.Equal(120, r.Boundary2);
        Assert.True(Math.Abs(r.Slopes.A1 + 0.08) < SlopeTolerance);
    }

    [Fact]
    public void PrefixSumSearch_MatchesBruteForce()
    {
        var rng = new RandomStream(5);
        for (int trial = 0; trial < 5; trial++)
        {
            var y = new double[60];
            rng.FillNormal(y, 0, 1);
            var settings = SegmentedRegressionSettings.Main with { Stride = 1, MinSegment = 5 };
            var r = SegmentedRegression.Fit(y, settings);
            var (b1, b2, best) = BruteForce(y, 5);
            Assert.Equal(b1, r.Boundary1);
            Assert.Equal(b2, r.Boundary2);
            Assert.True(Math.Abs(best - r.ThreeSegmentError) < 1e-9 * (1 + best));
        }
    }

    [Fact]
    public void FiveHundredPoints_AreSearchedExhaustively()
    {
        var y = Enumerable.Range(0, 500).Select(e => e < 100 ? 10 - 0.05 * e : e < 350 ? 5 - 0.001 * (e - 100) : 4.75 - 0.02 * (e - 350)).ToArray();
        var r = SegmentedRegression.Fit(y, SegmentedRegressionSettings.Main with { Stride = 1 });
        Assert.Equal((100, 350), (r.Boundary1, r.Boundary2));
        Assert.True(r.ThreeStages);
    }

    [Fact]
    public void Variants_MatchTheTable()
    {
        var v = SegmentedRegressionSettings.Variants;
        Assert.Equal(["main", "loose", "strict", "short-segment", "very-loose"], v.Select(x => x.Name));
        Assert.Equal([20, 20, 20, 10, 20], v.Select(x => x.MinSegment));
        Assert.Equal([-0.02, -0.01, -0.04, -0.02, -0.005], v.Select(x => x.FastSlope));
        Assert.Equal([0.35, 0.50, 0.20, 0.35, 0.75], v.Select(x => x.SlowRatio));
        Assert.Equal([0.004, 0.006, 0.002, 0.004, 0.010], v.Select(x => x.SlowAbsolute));
        Assert.Equal([0.002, 0.001, 0.004, 0.002, 0.0005], v.Select(x => x.Reacceleration));
        Assert.All(v, x => Assert.Equal(2, x.Stride));
    }

    [Fact]
    public void ShortOrNonfiniteInput_IsReportedNotThrown()
    {
        Assert.Equal(SegmentedRegressionStatus.TooShort, SegmentedRegression.Fit(new double[100]).Status); // 50 points < 60
        var y = C5Series();
        y[10] = double.NegativeInfinity;
        var r = SegmentedRegression.Fit(y);
        Assert.Equal(SegmentedRegressionStatus.NonfiniteInput, r.Status);
        Assert.False(r.ThreeStages);
        Assert.True(double.IsNaN(r.Slopes.A1));
    }

    private static (int B1, int B2, double Error) BruteForce(double[] y, int m)
    {
        int n = y.Length, best1 = 0, best2 = 0;
        double best = double.PositiveInfinity;
        for (int b1 = m; b1 <= n - 2 * m; b1++)
            for (int b2 = b1 + m; b2 <= n - m; b2++)
            {
                double e = Sse(y, 0, b1) + Sse(y, b1, b2) + Sse(y, b2, n);
                if (e < best) (best1, best2, best) = (b1, b2, e);
            }
        return (best1, best2, best);
    }

    private static double Sse(double[] y, int i, int j)
    {
        double mx = 0, my = 0;
        for (int k = i; k < j; k++) { mx += k; my += y[k]; }
        mx /= j - i;
        my /= j - i;
        double sxx = 0, sxy = 0;
        for (int k = i; k < j; k++) { sxx += (k - mx) * (k - mx); sxy += (k - mx) * (y[k] - my); }
        double a = sxy / sxx, e = 0;
        for (int k = i; k < j; k++) { double r = y[k] - my - a * (k - mx); e += r * r; }
        return e;
    }
}
