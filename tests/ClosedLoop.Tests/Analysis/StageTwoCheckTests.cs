using ClosedLoop.Analysis;
using ClosedLoop.Tests.Theory;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Analysis;

public class StageTwoCheckTests
{
    [Theory]
    [InlineData(null, 10)]
    [InlineData(0, 10)]
    [InlineData(8, 10)]
    [InlineData(12, 14)]
    public void The_start_snapshot_is_max_of_10_and_e1_plus_2(int? e1, int expected) =>
        Assert.Equal(expected, StageTwoCheck.StartEpochFor(e1, new Stage2CheckSettings())); // decision 17 of docs/science/decisions.md

    [Fact]
    public void From_the_B6_start_alpha_0_climbs_and_alpha_1_descends()
    {
        // docs/science/reference-values.md B6: start (σ_vu, σ_zm, σ_vm, σ_zu) = (−0.0704, −0.0276, 0.0278, 0.0278), figure set.
        var start = StageTwo.FromPublishedOrder([-0.0704, -0.0276, 0.0278, 0.0278]);
        var c = StageTwoCheck.Run(10, 8, start, new Stage2CheckSettings());
        Assert.Equal(new[] { 0, 0.48, 0.52, 0.55, 1 }, c.Paths.Select(p => p.Alpha));
        Assert.Equal(new[] { 240, 300, 240, 190, 240 }, c.Paths.Select(p => p.Steps));
        Assert.True(c.Paths[0].ImaginaryChange > 0, "alpha = 0 must move the dominant pair up");
        Assert.True(c.Paths[^1].ImaginaryChange < 0, "alpha = 1 must move the dominant pair down");
        // B6 end points: first snapshot inside the unit disk 237 (α = 0.52) and 173 (α = 0.55), none for α = 0, 0.48.
        Assert.Equal(new int?[] { null, null, 237, 173 }, c.Paths.Take(4).Select(p => p.FirstInsideUnitDisk));
        AnalysisAssert.Quoted(0.516744, c.Paths[0].FinalRoot.Imaginary);
        Assert.Equal(c.Paths.Sum(p => p.Steps + 1), c.Rows().Count());
        Assert.All(c.Rows(), r => Assert.Equal(StageTwoCheck.Header.Count, r.Length));
    }
}
