using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyClaimsTests
{
    private static StudyRow Row(double beta, long seed, double d, double energy, string cls = "stable") =>
        new("B", "full", beta, seed, 3, 40, 40, 41, new Deployment(d, energy, 50, 50), 0.7, [], -0.3, -0.8, cls, double.NaN, 10, null);

    private static StudySeed Seed(long seed, params double[] d) => new(seed, d.Select((v, j) => Row(j, seed, v, 1.0 / (1 + j))).ToList());

    private static Claim TrendOf(params StudySeed[] sets)
    {
        var claims = new ClaimSet("beta");
        StudyClaims.Trend(claims, "1b", "D increases with beta", sets, "final D", r => r.Final.StateLoss, Trend.Increasing);
        return Assert.Single(claims.Items);
    }

    [Fact]
    public void Trend_claim_holds_when_four_of_five_seeds_are_monotone_up_to_one_inversion()
    {
        var c = TrendOf(Seed(0, 1, 2, 3), Seed(1, 1, 3, 2), Seed(2, 1, 2, 3), Seed(3, 1, 2, 3), Seed(4, 3, 2, 1));
        Assert.True(c.Pass);
        Assert.Equal(ClaimCategory.Empirical, c.Category);
        Assert.Equal(4, c.Seeds!.Supporting);
        Assert.Equal(new double[] { 0, 1, 0, 0, 2 }, c.Seeds.Values);
        Assert.Equal("adjacent steps of final D along beta that are not increasing <= 1", c.Expected);
    }

    [Fact]
    public void Trend_claim_fails_when_two_of_five_seeds_invert_twice()
    {
        Assert.False(TrendOf(Seed(0, 1, 2, 3), Seed(1, 3, 2, 1), Seed(2, 1, 2, 3), Seed(3, 1, 2, 3), Seed(4, 3, 2, 1)).Pass);
    }

    [Fact]
    public void Stable_claim_counts_the_final_policies_outside_the_stable_class()
    {
        var claims = new ClaimSet("beta");
        var unstable = new StudySeed(1, [Row(0, 1, 1, 1), Row(1, 1, 2, 1, "unstable_osc")]);
        StudyClaims.Stable(claims, "3b", "stable", [Seed(0, 1, 2), unstable, Seed(2, 1, 2), Seed(3, 1, 2), Seed(4, 1, 2)]);
        var c = Assert.Single(claims.Items);
        Assert.Equal(new double[] { 0, 1, 0, 0, 0 }, c.Seeds!.Values);
        Assert.True(c.Pass); // 4 of 5
    }

    [Fact]
    public void Medians_are_reported_per_value_with_the_runs_that_have_none()
    {
        var claims = new ClaimSet("horizon");
        var sets = new[] { new StudySeed(0, [Row(10, 0, 1, 1), Row(25, 0, double.NaN, 1)]), new StudySeed(1, [Row(10, 1, 3, 1), Row(25, 1, 4, 1)]) };
        var c = StudyClaims.Medians(claims, "4b", "D against T", sets, [10, 25], r => r.Final.StateLoss);
        Assert.Equal(ClaimCategory.Reported, c.Category);
        Assert.Equal("10: 2, 25: 4 (1 runs without a value, e.g. not stabilised)", c.Measured);
    }
}
