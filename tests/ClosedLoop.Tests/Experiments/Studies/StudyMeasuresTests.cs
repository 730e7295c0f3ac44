using System.Numerics;
using ClosedLoop.Experiments.Studies;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyMeasuresTests
{
    [Fact]
    public void Inversions_count_adjacent_steps_against_the_trend()
    {
        Assert.Equal(0, StudyMeasures.Inversions([1, 2, 3, 4], Trend.Increasing));
        Assert.Equal(3, StudyMeasures.Inversions([1, 2, 3, 4], Trend.Decreasing));
        Assert.Equal(1, StudyMeasures.Inversions([1, 3, 2, 4], Trend.Increasing));
        Assert.Equal(2, StudyMeasures.Inversions([5, 1, 4, 6], Trend.Decreasing));
    }

    [Fact]
    public void Ties_and_missing_values_count_as_inversions()
    {
        Assert.Equal(1, StudyMeasures.Inversions([1, 1, 2], Trend.Increasing));
        Assert.Equal(2, StudyMeasures.Inversions([1, double.NaN, 2], Trend.Increasing));
    }

    [Fact]
    public void Monotone_allows_one_inversion_and_needs_two_values()
    {
        Assert.True(StudyMeasures.IsMonotone([1, 3, 2, 4], Trend.Increasing));
        Assert.False(StudyMeasures.IsMonotone([3, 1, 4, 2], Trend.Increasing));
        Assert.True(StudyMeasures.IsMonotone([3, 1, 4, 2], Trend.Increasing, allowed: 2));
        Assert.False(StudyMeasures.IsMonotone([1], Trend.Increasing));
    }

    [Fact]
    public void Upper_pair_member_stays_on_the_complex_pair_when_a_real_eigenvalue_dominates()
    {
        // Stage 3 of the rank-1 model: λ3 real and dominant, the pair inside it.
        var lambda = StudyMeasures.UpperPairMember([new Complex(0.9, 0), new Complex(0.4, -0.5), new Complex(0.4, 0.5)]);
        Assert.Equal(new Complex(0.4, 0.5), lambda);
    }

    [Fact]
    public void Upper_pair_member_takes_the_largest_pair_and_falls_back_to_the_dominant_real_eigenvalue()
    {
        var pairs = StudyMeasures.UpperPairMember([new Complex(0.1, 0.2), new Complex(0.1, -0.2), new Complex(0.99, -0.15), new Complex(0.99, 0.15)]);
        Assert.Equal(new Complex(0.99, 0.15), pairs);
        var real = StudyMeasures.UpperPairMember([new Complex(0.5, 0), new Complex(-1.2, 0), new Complex(0.3, 0)]);
        Assert.Equal(new Complex(-1.2, 0), real);
        Assert.True(double.IsNaN(StudyMeasures.UpperPairMember([]).Real));
        Assert.True(double.IsNaN(StudyMeasures.UpperPairMember([new Complex(double.NaN, 0)]).Real));
    }

    [Fact]
    public void By_condition_text_names_every_condition_and_missing_values()
    {
        Assert.Equal("0: 1.5, 2: none", StudyMeasures.ByCondition(["0", "2"], [1.5, double.NaN]));
        Assert.Throws<ArgumentException>(() => StudyMeasures.ByCondition(["0"], [1, 2]));
    }

    [Fact]
    public void Median_ignores_non_finite_values()
    {
        Assert.Equal(2.0, StudyMeasures.Median([1, double.NaN, 3, 2]));
        Assert.True(double.IsNaN(StudyMeasures.Median([double.NaN])));
    }
}
