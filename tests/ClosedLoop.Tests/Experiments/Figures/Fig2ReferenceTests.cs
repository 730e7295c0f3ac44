using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Figures;

/// <summary>Claim 1 of Fig. 2 and the LQR reference file against docs/science/reference-values.md §A6, §A7 and §A9.</summary>
public class Fig2ReferenceTests
{
    /// <summary>A9 prints S, K and the eigenvalues to 6 significant digits.</summary>
    private const double PrintedAbsolute = 5e-6;

    [Fact]
    public void Landscape_and_stability_map_match_the_reference_points()
    {
        Assert.True(Fig2Reference.LandscapeError() <= Fig2Reference.PrintedTolerance);
        Assert.True(Fig2Reference.GridExtremaError() <= Fig2Reference.PrintedTolerance);
        var (mismatches, radius) = Fig2Reference.StabilityErrors();
        Assert.Equal(0, mismatches);
        Assert.True(radius <= Fig2Reference.PrintedTolerance);
    }

    [Fact]
    public void Lqr_cases_reproduce_the_golden_ratio_solution()
    {
        var cases = Fig2Reference.LqrCases();
        Assert.Equal(2, cases.Count);
        double phi = (1 + Math.Sqrt(5)) / 2;
        foreach (var c in cases)
        {
            Assert.True(c.Solved, c.Name);
            Assert.True(c.Residual < 1e-12, $"{c.Name}: residual {c.Residual}");
            Assert.Equal(phi - 1, c.K![0], PrintedAbsolute);
            Assert.Equal(phi, c.K[1], PrintedAbsolute);
            Assert.Equal(-c.K[0], c.CodeGains![0]);
            Assert.Equal(phi * phi, c.Solution![0][0], PrintedAbsolute);
            Assert.Equal(1 / (phi * phi), c.ClosedLoopEigenvalues![0].Real, PrintedAbsolute);
        }
    }
}
