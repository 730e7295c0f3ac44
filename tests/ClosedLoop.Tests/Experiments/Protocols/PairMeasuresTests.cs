using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class PairMeasuresTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// A closed learner with a known spectral story over 40 epochs: k1 = −0.02, unstable complex pair with ρ = 1.2 before
    /// epoch 20, ρ = 0.9 after; |λ3| = 0.1 until 20, then rising linearly to 0.5 at the last epoch; ρ(W) = 0.1 + 0.01e.
    /// </summary>
    internal static LearnerSeries Closed(Func<int, double>? deployed = null, int n = 40, double finalK2 = -0.7) =>
        new(Enumerable.Range(0, n).Select(e => deployed?.Invoke(e) ?? 100.0 / (e + 1)).ToArray(),
            Enumerable.Range(0, n).Select(e => e < 20 ? 1.2 : 0.9).ToArray(),
            Enumerable.Range(0, n).Select(e => 0.1 + 0.01 * e).ToArray(),
            Enumerable.Repeat(-0.02, n - 1).Append(-0.3).ToArray(),
            Enumerable.Repeat(0.0, n - 1).Append(finalK2).ToArray(),
            Enumerable.Range(0, n).Select(e => e < 20).ToArray(),
            Enumerable.Range(0, n).Select(e => e <= 20 ? 0.1 : 0.1 + 0.4 * (e - 20) / (n - 21.0)).ToArray());

    /// <summary>An open student whose deployed loss is <paramref name="deployed"/> (ρ = 1.1 throughout, final gains (−0.3, −0.8)).</summary>
    internal static LearnerSeries Open(double[] deployed) =>
        new(deployed, Enumerable.Repeat(1.1, deployed.Length).ToArray(), Enumerable.Repeat(0.2, deployed.Length).ToArray(),
            Enumerable.Repeat(-0.3, deployed.Length).ToArray(), Enumerable.Repeat(-0.8, deployed.Length).ToArray(),
            Enumerable.Repeat(true, deployed.Length).ToArray(), Enumerable.Repeat(0.1, deployed.Length).ToArray());

    [Fact]
    public void Peak_rules_follow_reference_C7()
    {
        // docs/science/reference-values.md §C7: D_open = [10, 12, 30, 20, 8, 2].
        var m = PairMeasures.Compute(0, Closed(e => 10.0 / (e + 1), n: 6), Open([10, 12, 30, 20, 8, 2]));
        Assert.True(m.Peak.PostInitialPeak);
        Assert.True(m.Peak.Spike);
        Assert.Equal(2, m.Peak.PeakEpoch);
        Assert.Equal(3.0, m.Peak.PeakOverInitial, Tolerance);
        Assert.Equal(15.0, m.Peak.PeakOverFinal, Tolerance);
        Assert.Equal(0.0, m.InitialGap);
        Assert.False(m.Failed);
    }

    [Fact]
    public void Spectral_stages_crossing_and_rho_w_are_read_on_the_closed_learner()
    {
        var closed = Closed();
        var m = PairMeasures.Compute(4, closed, Open(closed.Deployed.Select(d => d * 1.1).ToArray()));
        Assert.Equal(0, m.Spectral.Stage1End);
        Assert.Equal(20, m.Spectral.Stage2End);
        Assert.Equal(20, m.Spectral.StrictStabilization);
        Assert.Equal(0.4, m.Spectral.Growth!.Value, 1e-9);
        Assert.True(m.ThreeStages);
        Assert.Equal(0.3, m.RhoWAtCrossing, Tolerance);
        Assert.Equal(0.49, m.RhoWFinal, Tolerance);
        Assert.Equal(0.9, m.FinalRho);
        Assert.Null(m.OpenCrossing);
        Assert.Equal(SegmentedRegressionSettings.Variants.Count, m.ChangePoints.Count);
        Assert.All(m.ChangePoints, r => Assert.Equal(SegmentedRegressionStatus.TooShort, r.Status));
    }

    [Fact]
    public void Gap_and_gain_distance_use_the_final_epoch()
    {
        var closed = Closed(e => e == 39 ? 1.0 : 5.0);
        var open = Open(Enumerable.Range(0, 40).Select(e => e == 39 ? 1.1 : 5.0).ToArray());
        var m = PairMeasures.Compute(1, closed, open);
        Assert.Equal(0.1, m.Comparison.RelativeGap, 1e-12);
        Assert.True(m.Comparison.LossDivergence);
        Assert.Equal(0.1, m.Comparison.GainDistance!.Value, 1e-12);
        Assert.True(m.Comparison.GainDivergence);
        Assert.True(m.Comparison.Recovered);
    }

    [Fact]
    public void A_non_finite_deployed_loss_makes_the_seed_a_failure_not_a_verdict()
    {
        var closed = Closed();
        var open = Open(closed.Deployed.Select((d, e) => e == 30 ? double.PositiveInfinity : d).ToArray());
        var m = PairMeasures.Compute(2, closed, open);
        Assert.True(m.Failed);
        Assert.False(m.ThreeStages);
        Assert.True(double.IsNaN(PairQuantities.Of(m, "final_d_closed")));
        Assert.All(PairQuantities.All, q => Assert.True(double.IsNaN(PairQuantities.Value(m, q.Get))));
    }

    [Fact]
    public void Quantity_names_are_unique_and_criteria_are_flags()
    {
        Assert.Equal(PairQuantities.All.Count, PairQuantities.All.Select(q => q.Name).Distinct().Count());
        var m = PairMeasures.Compute(0, Closed(e => 10.0 / (e + 1), n: 6), Open([10, 12, 30, 20, 8, 2]));
        Assert.Equal(1.0, PairQuantities.Of(m, "post_initial_peak"));
        Assert.Equal(2.0, PairQuantities.Of(m, "open_peak_epoch"));
    }

    [Fact]
    public void Too_short_series_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PairMeasures.Compute(0, Closed(n: 1), Open([1.0])));
        Assert.Contains("pair.epochs", e.Message);
    }
}
