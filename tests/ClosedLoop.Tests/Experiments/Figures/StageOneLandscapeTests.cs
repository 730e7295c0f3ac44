using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Figures;

public class StageOneLandscapeTests
{
    [Fact]
    public void Landscape_theory_column_is_the_geometric_sum_and_the_grid_spans_both_signs()
    {
        var grid = StageOneLandscape.Grid();
        Assert.Equal(200, grid.Length);
        Assert.Equal(-0.5, grid[0]);
        Assert.Equal(0.3, grid[^1]);
        Assert.DoesNotContain(0.0, grid);
        var net = RankOneBase.Settings(ExperimentSize.Smoke, 0).Network;
        var d = StageOneLandscape.Compute(net, 0, [-0.1, 0.1]);
        // docs/science/reference-values.md A4: formula ln ℒ = 11.2357 at −0.1 and 55.1217 at +0.1.
        Assert.Equal(11.2357, d.LnTheory[0], 4);
        Assert.Equal(55.1217, d.LnTheory[1], 4);
        Assert.True(d.LnSimulated[1] > d.LnSimulated[0]);
    }

    [Fact]
    public void Asymmetry_points_come_in_minus_plus_pairs()
    {
        var net = RankOneBase.Settings(ExperimentSize.Smoke, 0).Network;
        var a = StageOneLandscape.Asymmetry(net, 0);
        Assert.Equal(StageOneLandscape.AsymmetryPoints.SelectMany(s => new[] { -s, s }), a.Sigma);
        Assert.True(Fig3Measures.SmallestAsymmetryGap(a) > 0);
    }
}
