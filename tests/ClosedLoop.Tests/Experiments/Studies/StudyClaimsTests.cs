using System.Numerics;
using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyClaimsTests
{
    private static StudyRow Row(double beta, long seed, double d, double energy) =>
        new("B", "full", beta, seed, 3, 40, 40, 41, new Deployment(d, energy, 50, 50), 0.7, [], -0.3, -0.8, "stable", double.NaN, 10, null);

    private static (long, IReadOnlyList<StudyRow>) Seed(long seed, params double[] d) =>
        (seed, d.Select((v, j) => Row(j, seed, v, 1.0 / (1 + j))).ToList());

    [Fact]
    public void Trend_claim_holds_when_four_of_five_seeds_are_monotone_up_to_one_inversion()
    {
        var claims = new ClaimList("beta");
        var sets = new[] { Seed(0, 1, 2, 3), Seed(1, 1, 3, 2), Seed(2, 1, 2, 3), Seed(3, 1, 2, 3), Seed(4, 3, 2, 1) };
        var c = Assert.Single(Tally(claims, sets));
        Assert.True(c.Pass);
        Assert.Equal(4, c.Seeds!.Supporting);
        Assert.Equal(new double[] { 0, 1, 0, 0, 2 }, c.Seeds.Values);
    }

    [Fact]
    public void Trend_claim_fails_when_two_of_five_seeds_invert_twice()
    {
        var claims = new ClaimList("beta");
        var sets = new[] { Seed(0, 1, 2, 3), Seed(1, 3, 2, 1), Seed(2, 1, 2, 3), Seed(3, 1, 2, 3), Seed(4, 3, 2, 1) };
        Assert.False(Assert.Single(Tally(claims, sets)).Pass);
    }

    private static IReadOnlyList<Claim> Tally(ClaimList claims, (long, IReadOnlyList<StudyRow>)[] sets)
    {
        BetaStudy.TrendClaim(claims, "1b", "D increases with beta", sets, r => r.Final.StateLoss, Trend.Increasing, "monotone");
        return claims.Items;
    }

    [Fact]
    public void Imaginary_shift_is_measured_from_restart_epoch_zero()
    {
        var path = new[] { new Complex(1.0, 0.15), new Complex(1.0, 0.17), new Complex(0.99, 0.21) };
        var r = new HorizonRestarts.Restart(10, null!, [0, 1, 2], path, null);
        Assert.Equal(0.06, r.ImaginaryShift(2), 12);
        Assert.True(double.IsNaN(r.ImaginaryShift(15)));
    }

    [Fact]
    public void Fitted_windows_contain_the_points_and_keep_a_legible_aspect()
    {
        var pts = new[] { new Complex(0.98, 0.1), new Complex(1.0, 0.6), new Complex(0.99, 0.3) };
        var w = StudyPlots.FitWindow(pts);
        Assert.All(pts, z => Assert.True(z.Real > w.ReMin && z.Real < w.ReMax && z.Imaginary > w.ImMin && z.Imaginary < w.ImMax));
        Assert.InRange(w.Aspect, 0.6 - 1e-12, 2.2 + 1e-12);
    }
}
