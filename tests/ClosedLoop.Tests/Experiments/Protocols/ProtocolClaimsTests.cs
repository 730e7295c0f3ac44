using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class ProtocolClaimsTests
{
    private static readonly long[] Seeds = [0, 1, 2, 3, 4];

    private static IReadOnlyList<Claim> Judge(ProtocolClaims c)
    {
        var claims = new ClaimSet("paired");
        c.Judge(claims);
        return claims.Items;
    }

    [Fact]
    public void Failed_seeds_count_apart_from_not_supported_and_against_most_seeds()
    {
        var c = new ProtocolClaims("quick note");
        c.Add(new SeedCriterion("2", "peak", "ratio", Seeds, [3, 1, double.NaN, 4, 5], [true, false, null, true, true], "ratio > 1.5", ClaimCategory.Empirical, SeedRule.MostSeeds));
        var claim = Assert.Single(Judge(c));
        Assert.Equal("paired.2", claim.Id);
        Assert.False(claim.Pass); // 3 of 5 < 4 of 5
        Assert.Equal([true, false, false, true, true], claim.Seeds!.Supports); // a failed seed is not support
        Assert.Equal(new SupportSummary(3, 4, 1), c.Criteria[0].Support);
        Assert.Contains("supported by 3 of 4 evaluated seeds, 1 failed", claim.Note);
        Assert.Contains("quick note", claim.Note);
        Assert.Equal(3.5, (double)claim.Measured!, 1e-12); // median of the finite values
        Assert.Equal("ratio", claim.Quantity);
        Assert.Equal("ratio > 1.5", claim.Expected);
        var row = Assert.Single(c.Rows("paired"));
        var header = ProtocolClaims.Header.ToList();
        Assert.Equal(header.Count, row.Count);
        Assert.Equal("paired.2", row[header.IndexOf("id")]);
        Assert.Equal(1, row[header.IndexOf("failures")]);
        Assert.Equal(3, row[header.IndexOf("supported")]);
        Assert.Equal(ClaimCategory.Empirical, row[header.IndexOf("category")]);
        Assert.Equal(false, row[header.IndexOf("pass")]);
    }

    [Fact]
    public void Four_of_five_pass_most_seeds_and_reported_claims_record_verdicts_without_a_pass()
    {
        var c = new ProtocolClaims(null);
        c.Add(new SeedCriterion("10", "three stages", "G", Seeds, [1, 1, 1, 1, 0], [true, true, true, true, false], "three stages", ClaimCategory.Empirical, SeedRule.MostSeeds));
        c.Add(new SeedCriterion("4", "divergence", "gap", Seeds, [1, 1, 1, 1, 0], [true, true, true, true, false], "gap > 0.05"));
        c.Add(new SeedCriterion("1", "pairing", "gap", Seeds, [0, 0, 0, 0, 0], [true, true, true, true, true], "gap <= 1e-12", ClaimCategory.Exact, SeedRule.EverySeed));
        var items = Judge(c);
        Assert.True(items[0].Pass);
        Assert.Null(items[1].Pass);
        Assert.Equal(ClaimCategory.Reported, items[1].Category);
        Assert.Equal([true, true, true, true, false], items[1].Seeds!.Supports);
        Assert.Equal("reported, not asserted (the spec states no outcome for §12)", items[1].Expected);
        Assert.Equal(ClaimCategory.Exact, items[2].Category);
        Assert.True(items[2].Pass);
        Assert.Equal([true, null, true], c.Rows("paired").Select(r => (bool?)r[^1]));
    }

    [Fact]
    public void A_variant_without_seeds_is_reported_as_not_run_with_its_reason()
    {
        var c = new ProtocolClaims("quick note");
        c.Add(new SeedCriterion("21", "sensitivity", "ratio", [], [], [], "peak", Note: "not run at this size"));
        var claim = Assert.Single(Judge(c));
        Assert.Equal("not run", claim.Measured);
        Assert.Null(claim.Pass);
        Assert.Equal("not run at this size", claim.Note);
        Assert.Equal(0, Assert.Single(c.Rows("paired"))[ProtocolClaims.Header.ToList().IndexOf("n")]);
    }

    [Fact]
    public void Mismatched_lengths_and_a_category_without_its_rule_are_rejected()
    {
        var c = new ProtocolClaims(null);
        Assert.Throws<ArgumentException>(() => c.Add(new SeedCriterion("1", "x", "q", Seeds, [1, 2], [true, true, true, true, true], "c")));
        Assert.Throws<ArgumentException>(() => c.Add(new SeedCriterion("1", "x", "q", Seeds, [1, 2, 3, 4, 5], [true, true, true, true, true], "c", ClaimCategory.Exact)));
        Assert.Throws<ArgumentException>(() => c.Add(new SeedCriterion("1", "x", "q", Seeds, [1, 2, 3, 4, 5], [true, true, true, true, true], "c", Rule: SeedRule.MostSeeds)));
    }

    [Fact]
    public void Summary_row_has_mean_interval_sd_quartiles_and_failures()
    {
        var row = ProtocolStatistics.Row([1, 2, 3, double.NaN]);
        var cols = ProtocolStatistics.Columns.ToList();
        Assert.Equal(3, row[cols.IndexOf("n")]);
        Assert.Equal(1, row[cols.IndexOf("failures")]);
        Assert.Equal(2.0, (double)row[cols.IndexOf("mean")]!, 1e-12);
        Assert.Equal(1.0, (double)row[cols.IndexOf("sd")]!, 1e-12);
        Assert.Equal(1.0, (double)row[cols.IndexOf("iqr")]!, 1e-12); // quartiles 1.5 and 2.5
        double lo = (double)row[cols.IndexOf("ci_low")]!, hi = (double)row[cols.IndexOf("ci_high")]!;
        Assert.InRange(2.0, lo, hi); // docs/science/reference-values.md §C8
        Assert.Null(ProtocolStatistics.Row([5])[cols.IndexOf("ci_low")]);
    }

    [Fact]
    public void Bands_are_per_epoch_quartiles_over_the_finite_values()
    {
        var b = Band.Of([[1, 10, double.NaN], [2, 20], [3, 30, 5]]);
        Assert.Equal([1.5, 15, 5], b.Lower);
        Assert.Equal([2, 20, 5], b.Median);
        Assert.Equal([2.5, 25, 5], b.Upper);
        Assert.Equal([3, 3, 1], b.Count);
    }

    [Theory]
    [InlineData(1000, 100)]
    [InlineData(120, 10)]
    [InlineData(300, 25)]
    [InlineData(0, 1)]
    public void Histogram_bins_are_round_and_about_twelve(double range, double expected) =>
        Assert.Equal(expected, StageFigures.BinWidth(range));
}
