using ClosedLoop.Experiments;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

public class AdamClaimsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Adam_is_compared_with_sgd_seed_by_seed_and_a_seed_without_a_stage_2_is_not_applicable()
    {
        var sgd = new[] { Measure(0, 0.6), Measure(1, 0.5), Measure(2, 0.4), Measure(3, 0.4) };
        var adam = new[] { Measure(1, 0.2), Measure(0, 0.7), Measure(2, double.NaN), NoStage2(3, eStab: 7) };
        var c = new ClaimSet("adam");
        AdamClaims.Lower(c, "1c", "zig-zag lower", adam, sgd, "zig-zag index", m => m.ZigZag.ZigZagIndex);
        var claim = Assert.Single(c.Items);
        var s = claim.Seeds!;
        Assert.Equal([1L, 0, 2, 3], s.Seeds);
        Assert.Equal(-0.3, s.Values[0], Tolerance);
        // Lower with Adam; higher; a Stage 2 too short to measure does not support the claim; stabilising with no
        // Stage 2 at all leaves nothing to compare: n/a, neither support nor evidence against.
        Assert.Equal([true, false, false, null], s.Supports);
        Assert.False(claim.Pass); // 1 of 3 applicable seeds
        Assert.Contains("n/a in seed 3", claim.Note);
        Assert.Contains("1 seed(s) not measurable", claim.Note);
        // Without stabilisation a missing Stage 2 is just unmeasured.
        Assert.Equal([false], AdamComparison.Of([NoStage2(3, eStab: null)], sgd, m => m.ZigZag.ZigZagIndex).Select(r => r.AdamWithoutStage2));
    }

    private static AdamMeasures Measure(long seed, double index) =>
        new(AdamConfig.All[0], seed, LoopMode.Closed, new RunStages(5, 100, 100, null, 0.1, true), 100,
            new Stage2ZigZag(5, 100, false, index, double.NaN, double.NaN), 1, 1, double.NaN, double.NaN, double.NaN, double.NaN);

    private static AdamMeasures NoStage2(long seed, int? eStab) =>
        new(AdamConfig.All[1], seed, LoopMode.Closed, new RunStages(null, eStab, eStab, null, 0.1, false), eStab,
            new Stage2ZigZag(null, null, false, double.NaN, double.NaN, double.NaN), 1, 1, double.NaN, double.NaN, double.NaN, double.NaN);
}
