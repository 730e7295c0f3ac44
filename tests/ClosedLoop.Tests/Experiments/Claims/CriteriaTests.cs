using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Claims;

public class CriteriaTests
{
    private sealed record Row(long Seed, double X) : ISeeded;

    private static readonly Quantity<Row> X = new("D(0)/D(e1)", r => r.X);

    [Theory]
    [InlineData(Comparison.Below, 5, 4.9, true)]
    [InlineData(Comparison.Below, 5, 5, false)]
    [InlineData(Comparison.AtMost, 5, 5, true)]
    [InlineData(Comparison.Above, 5, 5, false)]
    [InlineData(Comparison.AtLeast, 5, 5, true)]
    [InlineData(Comparison.AtLeast, 5, double.NaN, false)]
    [InlineData(Comparison.Below, 5, double.NaN, false)]
    [InlineData(Comparison.AtLeast, 5, double.PositiveInfinity, true)]
    public void A_threshold_compares_and_never_accepts_NaN(Comparison op, double bound, double value, bool holds) =>
        Assert.Equal(holds, new Threshold<Row>(X, op, bound).Holds(new Row(0, value)));

    [Fact]
    public void The_text_of_a_condition_is_generated_from_its_quantity_and_bound()
    {
        Assert.Equal("D(0)/D(e1) >= 5", X.AtLeast(5).Text);
        Assert.Equal("D(0)/D(e1) < 0.01", X.Below(0.01).Text);
        Assert.Equal("D(0)/D(e1) <= 1e-12", X.AtMost(1e-12).Text);
        Assert.Equal("D(0)/D(e1) in [100, 400]", X.Within(100, 400).Text);
        Assert.True(X.Within(100, 400).Holds(new Row(0, 400)));
        Assert.False(X.Within(100, 400).Holds(new Row(0, 400.5)));
        Assert.Equal("stable class", Criteria.Is<Row>("stable class", r => r.X > 0).Text);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.005, "0.005")]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(1e-9, "1e-9")]
    [InlineData(2.5e7, "2.5e7")]
    [InlineData(-0.36, "-0.36")]
    public void Numbers_are_written_short_and_culture_independent(double x, string text) => Assert.Equal(text, Number.Text(x));

    [Fact]
    public void A_verdict_reports_its_value_and_judges_by_its_function()
    {
        var v = new Verdict<Row>("k1(e1)", "k1(e1) in the window", r => (r.X, r.X < 0));
        Assert.True(v.Holds(new Row(0, -1)));
        Assert.Equal(-1, v.Measured!.Value(new Row(0, -1)));
        Assert.Equal("k1(e1)", v.Measured.Name);
    }
}
