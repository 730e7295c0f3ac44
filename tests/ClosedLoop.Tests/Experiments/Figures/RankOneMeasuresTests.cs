using System.Numerics;
using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Figures;

public class RankOneMeasuresTests
{
    private const double Tight = 1e-12;

    [Fact]
    public void Sign_changes_skip_exact_zeros()
    {
        // From (1, −1) the position is exactly 0 at t = 1: that is not a change of sign by itself.
        Assert.Equal(0, RankOneMeasures.SignChanges([1, 0, 2, 3]));
        Assert.Equal(1, RankOneMeasures.SignChanges([1, 0, -2, -3]));
        Assert.Equal(3, RankOneMeasures.SignChanges([1, -1, 0, 1, -1]));
        Assert.Equal(0, RankOneMeasures.SignChanges([]));
    }

    [Fact]
    public void Max_abs_over_a_clipped_window()
    {
        double[] x = [1, -5, 2, -3];
        Assert.Equal(5, RankOneMeasures.MaxAbs(x, 0, 1));
        Assert.Equal(3, RankOneMeasures.MaxAbs(x, 2, 99));
        Assert.True(double.IsNaN(RankOneMeasures.MaxAbs(x, 10, 20)));
    }

    [Fact]
    public void Excursions_count_maximal_runs_below_the_level()
    {
        Assert.Equal(1, RankOneMeasures.ExcursionsBelow([1, -1.5, -2, -1.2, 0, 0.1], -1));
        Assert.Equal(2, RankOneMeasures.ExcursionsBelow([-2, 0, -2, 0], -1));
        Assert.Equal(0, RankOneMeasures.ExcursionsBelow([-1, 0, 1], -1)); // at the level is not below it
    }

    [Fact]
    public void Increasing_pairs_are_the_inversions_of_a_decreasing_sequence()
    {
        Assert.Equal(0, RankOneMeasures.IncreasingPairs([5, 4, 3, 2, 1]));
        Assert.Equal(1, RankOneMeasures.IncreasingPairs([5, 4, 2, 3, 1]));
        Assert.Equal(10, RankOneMeasures.IncreasingPairs([1, 2, 3, 4, 5]));
        Assert.Equal(1, RankOneMeasures.IncreasingPairs([2, 2])); // ties do not decrease
        Assert.Equal(2, RankOneMeasures.IncreasingPairs([2, double.NaN, 1]));
    }

    [Fact]
    public void Strict_decrease()
    {
        Assert.True(RankOneMeasures.DecreasesStrictly([3, 2, 1]));
        Assert.False(RankOneMeasures.DecreasesStrictly([3, 3, 1]));
        Assert.True(RankOneMeasures.DecreasesStrictly([1]));
    }

    [Fact]
    public void While_inside_stops_at_the_first_point_outside()
    {
        Complex[] path = [new(1, 0.2), new(1, 0.1), new(1, 0.01), new(1, 0.1)];
        var kept = RankOneMeasures.WhileInside(path, 0.97, 1.01, 0.06, 0.25);
        Assert.Equal(2, kept.Count);
    }

    [Theory]
    [InlineData(6.09842e17, "6.09842e17", 0)]
    [InlineData(6.09843e17, "6.09842e17", 1)]
    [InlineData(-0.07045, "-0.0704", 0.5)]
    [InlineData(40.95205, "40.9520", 0.5)]
    [InlineData(7.735e-4 + 2e-7, "7.735e-4", 2)]
    public void Quoted_units_are_counted_in_the_last_quoted_digit(double measured, string quoted, double units)
    {
        Assert.Equal(units, RankOneMeasures.QuotedUnits(measured, quoted), 6);
    }

    [Fact]
    public void Max_step_ignores_non_finite_neighbours()
    {
        Assert.Equal(0.5, RankOneMeasures.MaxStep([0, 0.25, double.NaN, 1, 1.5]), Tight);
    }

    [Fact]
    public void Linspace_matches_numpy_and_hits_both_ends()
    {
        var x = RankOneMeasures.Linspace(-0.2, 0.2, 10);
        Assert.Equal(10, x.Length);
        Assert.Equal(-0.2, x[0]);
        Assert.Equal(0.2, x[^1]);
        Assert.Equal(-0.2 + 0.4 / 9, x[1], Tight);
        Assert.Throws<ArgumentException>(() => RankOneMeasures.Linspace(0, 1, 1));
    }

    [Fact]
    public void Start_snapshot_is_max_of_10_and_e1_plus_2_within_the_record()
    {
        // decision 17 of docs/science/decisions.md: e_s = max(10, e1 + 2).
        Assert.Equal(10, new RankOneStages(0, 100, true, 999).StartSnapshot);
        Assert.Equal(10, new RankOneStages(null, 100, true, 999).StartSnapshot);
        Assert.Equal(14, new RankOneStages(12, 245, true, 999).StartSnapshot);
        Assert.Equal(7, new RankOneStages(12, null, false, 7).StartSnapshot);
    }

    [Fact]
    public void Spectrum_structure_classes()
    {
        Complex[] realDominant = [0.7, new(0.4, 0.5), new(0.4, -0.5)];
        Complex[] pairDominant = [new(0.75, 0.22), new(0.75, -0.22), 0.36];
        Complex[] allReal = [0.9, 0.5, -0.1];
        Assert.Equal("real+pair", Fig5Claims.Structure(realDominant));
        Assert.Equal("pair+real", Fig5Claims.Structure(pairDominant));
        Assert.Equal("real", Fig5Claims.Structure(allReal));
        Assert.Equal("nan", Fig5Claims.Structure([Complex.NaN, 0, 0]));
    }

    [Theory]
    [InlineData(1.01, 0.999, 0.15, -0.07, true)]
    [InlineData(1.04, 0.999, 0.15, -0.07, false)] // ρ above 1.03
    [InlineData(1.01, 0.999, 0.05, -0.07, false)] // Im below 0.08
    [InlineData(1.01, 0.999, 0, -0.07, false)]    // not complex
    [InlineData(1.01, 0.999, 0.15, 0.3, false)]   // |λ3| >= 0.25
    public void Stage_two_bounds_of_fig4_claim_2(double rho, double re, double im, double l3, bool holds)
    {
        Assert.Equal(holds, Fig4Stage2.WithinStage2Bounds(rho, re, im, l3));
    }
}
