using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Output;

public class ClaimTallyTests
{
    private static Claim Claim(string id, ClaimCategory category, bool? pass, int seeds = 5, int applicable = 5) => new()
    {
        Id = id, Category = category, Statement = id, Rule = category == ClaimCategory.Reported ? SeedRule.None : SeedRule.EverySeed,
        Expected = "", Pass = pass,
        Seeds = seeds == 0 ? null : new SeedStatistics
        {
            Seeds = Enumerable.Range(0, seeds).Select(i => (long)i).ToList(), Values = new double[seeds],
            Supports = Enumerable.Range(0, seeds).Select(i => i < applicable ? (bool?)true : null).ToList(), Median = 0,
        },
    };

    [Fact]
    public void The_headline_counts_empirical_claims_apart_from_exact_checks_and_names_other_seed_counts()
    {
        var claims = new[]
        {
            Claim("a.1", ClaimCategory.Exact, true, seeds: 0), Claim("a.2", ClaimCategory.Exact, true),
            Claim("a.3", ClaimCategory.Empirical, true), Claim("a.4", ClaimCategory.Empirical, false), Claim("a.5", ClaimCategory.Empirical, true, applicable: 3),
            Claim("b.1", ClaimCategory.Empirical, true, seeds: 2), Claim("b.2", ClaimCategory.Reported, null, applicable: 0), Claim("b.3", ClaimCategory.Empirical, null, applicable: 0),
        };
        var t = ClaimTally.Of(claims);
        Assert.Equal("3 of 4 empirical claims hold over 5 seeds (b.1 over 2); 2 of 2 exact checks hold; 1 empirical claim not judged (no seed applies)", t.Headline());
        Assert.Equal((1, 2), (t.Reported, t.WithNotApplicable));
    }

    [Fact]
    public void Without_empirical_claims_the_headline_still_reads()
    {
        Assert.Equal("0 of 0 empirical claims hold; 0 of 0 exact checks hold", ClaimTally.Of([Claim("r", ClaimCategory.Reported, null)]).Headline());
    }
}
