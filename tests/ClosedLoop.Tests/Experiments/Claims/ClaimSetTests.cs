using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Claims;

public class ClaimSetTests
{
    private sealed record Row(long Seed, double X, bool HasStage) : ISeeded;

    private static readonly Quantity<Row> X = new("x", r => r.X);

    private static Row[] Rows(params double[] xs) => xs.Select((x, i) => new Row(i, x, true)).ToArray();

    [Fact]
    public void Every_seed_claims_need_every_applicable_seed_and_most_seeds_claims_four_of_five()
    {
        var c = new ClaimSet("fig9");
        c.EverySeed("1", "all", Rows(2, 3, 4, 5, 0), X.Above(1));
        c.MostSeeds("2", "most", Rows(2, 3, 4, 5, 0), X.Above(1));
        c.MostSeeds("3", "too few", Rows(2, 3, 4, 0, 0), X.Above(1));
        var items = c.Items;
        Assert.Equal(["fig9.1", "fig9.2", "fig9.3"], items.Select(i => i.Id));
        Assert.Equal([false, true, false], items.Select(i => i.Pass));
        Assert.All(items, i => Assert.Equal(ClaimCategory.Empirical, i.Category));
        Assert.Equal([SeedRule.EverySeed, SeedRule.MostSeeds, SeedRule.MostSeeds], items.Select(i => i.Rule));
        Assert.Equal("x > 1", items[0].Expected);
        Assert.Equal(3.0, items[1].Measured); // median of 2, 3, 4, 5, 0
        Assert.Equal("x", items[1].Quantity);
    }

    [Fact]
    public void Seeds_where_the_premise_fails_are_not_applicable_neither_support_nor_evidence_against()
    {
        var rows = new[] { new Row(0, 1, false), new Row(1, 1, false), new Row(2, 10, true), new Row(3, 20, true) };
        var c = new ClaimSet("fig3");
        c.EverySeed("4", "drop over Stage 1", rows, X.AtLeast(5)).When("Stage 1 is not empty", r => r.HasStage);
        var claim = Assert.Single(c.Items);
        Assert.Equal([null, null, true, true], claim.Seeds!.Supports);
        Assert.Equal((2, 2, 4), (claim.Seeds.Supporting, claim.Seeds.Applicable, claim.Seeds.Total));
        Assert.True(claim.Pass);
        Assert.Equal(15.0, claim.Measured); // median over the applicable seeds only
        Assert.Equal("x >= 5 (where Stage 1 is not empty)", claim.Expected);
        Assert.Contains("n/a in seeds 0, 1", claim.Note);
    }

    [Fact]
    public void A_claim_no_seed_applies_to_is_not_judged()
    {
        var c = new ClaimSet("adam");
        c.MostSeeds("1c", "lower", [new Row(0, 1, false)], X.Below(0)).When("a Stage 2 exists", r => r.HasStage);
        var claim = Assert.Single(c.Items);
        Assert.Null(claim.Pass);
        Assert.Equal(ClaimCategory.Empirical, claim.Category);
        Assert.Contains("not judged: no seed applies", claim.Note);
    }

    [Fact]
    public void Exact_checks_and_reported_quantities_carry_their_category()
    {
        var c = new ClaimSet("fig2");
        c.Exact("1a", "landscape", 2e-6, 0, 5e-6);
        c.Check("1c", "classes", 3.0, new Quantity<double>("mismatches", v => v).AtMost(0));
        c.ExactOverSeeds("1", "pairing", Rows(0, 0), X.AtMost(1e-12));
        c.Reported("lqr", "gains", "(-0.6, -1.6)");
        c.Reported("5b", "interference", Rows(0.1, 0.3), X);
        var i = c.Items;
        Assert.Equal([ClaimCategory.Exact, ClaimCategory.Exact, ClaimCategory.Exact, ClaimCategory.Reported, ClaimCategory.Reported], i.Select(x => x.Category));
        Assert.Equal([true, false, true, null, null], i.Select(x => x.Pass));
        Assert.Equal("0 (±5e-6 relative)", i[0].Expected);
        Assert.Equal((SeedRule.Single, 3.0, "mismatches <= 0"), (i[1].Rule, i[1].Measured, i[1].Expected));
        Assert.Equal("reported, not asserted", i[4].Expected);
        Assert.Equal([null, null], i[4].Seeds!.Supports);
        Assert.Equal(0.2, (double)i[4].Measured!, 12);
    }

    [Fact]
    public void Claims_rest_on_the_evidence_named_before_them_unless_they_name_their_own()
    {
        var c = new ClaimSet("fig1c");
        c.RestingOn("fig1c_top");
        c.EverySeed("2", "a", Rows(6), X.AtLeast(5));
        c.EverySeed("3", "b", Rows(6), X.AtLeast(5)).RestsOn("fig1c_bottom", "table.csv");
        c.RestingOn();
        c.Reported("r", "c", 1.0);
        Assert.Equal([["fig1c_top"], ["fig1c_bottom", "table.csv"], []], c.Items.Select(x => x.Evidence.ToArray()));
    }

    [Fact]
    public void A_judged_claim_needs_a_condition()
    {
        var c = new ClaimSet("x");
        Assert.Throws<ArgumentException>(() => c.EverySeed<Row>("1", "nothing", Rows(1)));
    }
}
