using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class GainLandscapeTests
{
    // docs/science/reference-values.md A6: (k1, k2, L, z = ln(L/50)).
    public static TheoryData<double, double, double, double> A6 => new()
    {
        { 0, 0, 45575, 6.81509 },
        { -0.02, 0, 2063.76, 3.72026 },
        { -0.365, -1.003, 8.75848, -1.74200 },
        { -1.2, -1.2, 224.723, 1.50284 },
        { 0.6, 0.6, 1.76199e33, 72.6397 },
    };

    [Theory]
    [MemberData(nameof(A6))]
    public void ReferenceRows_A6(double k1, double k2, double loss, double value)
    {
        AnalysisAssert.Quoted(loss, GainLandscape.Loss(k1, k2), what: "L");
        AnalysisAssert.Quoted(value, GainLandscape.Value(k1, k2), what: "z");
    }

    [Fact]
    public void LqrGains_A6()
    {
        // A6 rows "LQR, R → 0" and "LQR, R = 1", evaluated at the solver's gains k = −K (the table's gains are
        // rounded to 6 digits, which moves L in its 6th digit).
        var plant = ClosedLoop.Environments.Plants.DoubleIntegrator();
        var cases = new[] { (R: 0.0, L: 6.47214, Z: -2.04452), (R: 1.0, L: 7.37845, Z: -1.91346) };
        foreach (var (r, loss, value) in cases)
        {
            var k = Lqr.Solve(plant, ClosedLoop.Numerics.Mat.Identity(2), ClosedLoop.Numerics.Mat.FromRows([r])).Gain;
            AnalysisAssert.Quoted(loss, GainLandscape.Loss(-k[0, 0], -k[0, 1]), what: $"L (R = {r})");
            AnalysisAssert.Quoted(value, GainLandscape.Value(-k[0, 0], -k[0, 1]), what: $"z (R = {r})");
        }
    }

    [Fact]
    public void ZeroGains_GiveTheExactSum()
    {
        // A6: (0, 0) gives 45575 exactly: Σ_{t=1}^{50} ((1 + t)² + 1).
        Assert.Equal(45575.0, GainLandscape.Loss(0, 0));
    }

    [Fact]
    public void PlottedGrid_MinimumAndMaximum_A6()
    {
        // A6: on linspace(−1.2, 0.6, 50)², min z = −1.90898 at (−0.465306, −1.2), max z = 72.6397 at (0.6, 0.6).
        var grid = GainLandscape.Grid();
        var v = GainGrid.Linspace(-1.2, 0.6, 50);
        (int i2, int i1) argMin = (0, 0), argMax = (0, 0);
        for (int i2 = 0; i2 < 50; i2++)
            for (int i1 = 0; i1 < 50; i1++)
            {
                if (grid[i2, i1] < grid[argMin.i2, argMin.i1]) argMin = (i2, i1);
                if (grid[i2, i1] > grid[argMax.i2, argMax.i1]) argMax = (i2, i1);
            }
        AnalysisAssert.Quoted(-1.90898, grid[argMin.i2, argMin.i1]);
        AnalysisAssert.Quoted(-0.465306, v[argMin.i1]);
        Assert.Equal(-1.2, v[argMin.i2]);
        AnalysisAssert.Quoted(72.6397, grid[argMax.i2, argMax.i1]);
        Assert.Equal((49, 49), argMax);
        var points = GainLandscape.GridPoints().ToList();
        Assert.Equal(grid[argMin.i2, argMin.i1], points[argMin.i2 * 50 + argMin.i1].Value);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => GainLandscape.Loss(0, 0, steps: 0));
        Assert.Contains("landscape.steps", ex.Message);
        Assert.Throws<ArgumentException>(() => GainLandscape.Loss(double.NaN, 0));
    }
}
