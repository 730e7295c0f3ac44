using System.Numerics;
using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Figures;

public class TrackingMeasuresTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Acquired_prefix_and_order()
    {
        Assert.Equal(2, TrackingMeasures.AcquiredPrefix([150, 700, null, null]));
        Assert.Equal(0, TrackingMeasures.AcquiredPrefix([null, 700, null, null]));
        Assert.True(TrackingMeasures.InIncreasingOrder([150, 700, 2000, null]));
        Assert.True(TrackingMeasures.InIncreasingOrder([null, null, null, null]));
        Assert.False(TrackingMeasures.InIncreasingOrder([150, null, 2000, null]));   // ω3 before ω2
        Assert.False(TrackingMeasures.InIncreasingOrder([700, 150, null, null]));    // e2 < e1
        Assert.False(TrackingMeasures.InIncreasingOrder([150, 150, null, null]));    // not strictly increasing
    }

    [Fact]
    public void Window_mean_skips_missing_values_and_clamps()
    {
        double?[] s = [1, null, 3, 5, double.NaN];
        Assert.Equal(3.0, TrackingMeasures.WindowMean(s, 2, 2), Tolerance);   // 1, 3, 5
        Assert.Equal(2.0, TrackingMeasures.WindowMean(s, 0, 2), Tolerance);   // 1, 3
        Assert.True(double.IsNaN(TrackingMeasures.WindowMean([null, null], 0, 1)));
    }

    /// <summary>A staircase: a plateau of log-slope −plateauSlope, a drop of the log by 1 over [950, 1050], and on.</summary>
    private static double?[] Staircase(double plateauSlope)
    {
        var s = new double?[2000];
        for (int e = 0; e < s.Length; e++)
        {
            double log = -plateauSlope * e;
            if (e > 950) log -= Math.Min(1.0, (e - 950) / 100.0);
            s[e] = Math.Exp(log);
        }
        return s;
    }

    [Fact]
    public void Step_contrast_compares_the_drop_rate_with_the_plateau_rate()
    {
        // Plateau log-rate 1e-4 per epoch over [300, 900]; the drop adds 1 to the log over the window [900, 1100].
        double contrast = TrackingMeasures.StepContrast(Staircase(1e-4), 200, 1000)!.Value;
        Assert.Equal((1e-4 + 1.0 / 200) / 1e-4, contrast, 1e-6);
        // A smooth exponential decay has no steps: contrast 1.
        var smooth = Enumerable.Range(0, 2000).Select(e => (double?)Math.Exp(-1e-3 * e)).ToArray();
        Assert.Equal(1.0, TrackingMeasures.StepContrast(smooth, 200, 1000)!.Value, 1e-9);
        // A flat plateau gives the cap; a plateau shorter than the window gives no value.
        Assert.Equal(TrackingMeasures.MaxContrast, TrackingMeasures.StepContrast(Staircase(0), 200, 1000));
        Assert.Null(TrackingMeasures.StepContrast(Staircase(0), 850, 1000));
        Assert.Null(TrackingMeasures.StepContrast(Staircase(0), 200, 1950));
    }

    [Fact]
    public void Recovery_after_a_transient_rise()
    {
        int[] epochs = [.. Enumerable.Range(0, 61).Select(r => r * 10)];
        // Baseline 0.55 before e2 − 100 = 200, rise to 0.574 at 300, back to 0.55 by 400.
        double[] bump = [.. epochs.Select(e => 0.55 + 0.024 * Math.Max(0, 1 - Math.Abs(e - 300) / 100.0))];
        Assert.True(TrackingMeasures.Recovers(epochs, bump, 300));
        Assert.Equal(0.024 / 0.55, ClosedLoop.Theory.TrackingAnalysis.Interference(epochs, bump, 300)!.Value, 1e-9);
        // A permanent rise does not recover.
        double[] step = [.. epochs.Select(e => e < 250 ? 0.55 : 0.6)];
        Assert.False(TrackingMeasures.Recovers(epochs, step, 300));
    }

    [Fact]
    public void First_near_and_epochs_above()
    {
        double?[] loss = [5.6, 4.8, 1.48, 1.2, 1.05];
        Assert.Equal(3, TrackingMeasures.FirstNear(loss, 1.04178, 0.3, 100));   // 1.48 is 42 % above
        Assert.Null(TrackingMeasures.FirstNear(loss, 1.04178, 0.3, 2));
        double?[] open = [5, 10, 3, null, 1];
        double?[] closed = [5, 4, 1, 1, 1];
        Assert.Equal(2, TrackingMeasures.EpochsAbove(open, closed, 2));
    }

    [Fact]
    public void Mode_match_uses_the_imaginary_part_over_tau()
    {
        Complex[] eig = [new(0.9, 1.3), new(0.9, -1.3), new(0.2, 0)];
        Assert.True(TrackingMeasures.HasMode(eig, 1.25664, 1.0));        // within 15 % of ω2
        Assert.False(TrackingMeasures.HasMode(eig, 0.628319, 1.0));      // ω1: no mode near
        Assert.True(TrackingMeasures.HasMode(eig, 0.65, 2.0));           // b/τ = 0.65
    }

    [Fact]
    public void First_mode_epoch_is_the_first_record_with_a_matching_pair()
    {
        long[] epochs = [0, 10, 20];
        Complex[][] spectra = [[new(0.1, 0)], [new(0.7, 0.3), new(0.7, -0.3)], [new(0.7, 0.6), new(0.7, -0.6)]];
        Assert.Equal(20, TrackingMeasures.FirstModeEpoch(epochs, spectra, 0.628319, 1.0));
        Assert.Null(TrackingMeasures.FirstModeEpoch(epochs, spectra, 2.51327, 1.0));
    }

    [Fact]
    public void Steady_state_excess_is_the_median_ratio_over_tracked_records()
    {
        // a = 2: steady-state loss 2ε². Records with ε ≥ 0.5 (and ε = 0) are left out.
        double[] loss = [2.0, 0.8, 0.02, 0.08, 0.5];
        double[] eps = [1.0, 0.6, 0.1, 0.1, 0.0];
        Assert.Equal(2.5, TrackingMeasures.SteadyStateExcess(loss, eps, 2.0, 0.5), Tolerance);   // ratios 1 and 4: median 2.5
        Assert.True(double.IsNaN(TrackingMeasures.SteadyStateExcess(loss, eps, 2.0, 0.05)));
    }

    [Fact]
    public void Acquisition_rules_agree_within_five_percent_plus_one_record()
    {
        Assert.True(Fig6ModeClaims.RulesAgree([150, 670, 1970, 3200], [150, 670, 1940, 3270], 10));   // 70 <= 0.05·3200 + 10
        Assert.False(Fig6ModeClaims.RulesAgree([150, 670, 1970, 3200], [150, 670, 1940, 3380], 10));  // 180 > 170
        Assert.False(Fig6ModeClaims.RulesAgree([150, 670, null, null], [150, 670, 1940, null], 10));  // different sets
        Assert.False(Fig6ModeClaims.RulesAgree([150, 670], [700, 670], 10));                          // response out of order
        Assert.Equal(70 / 3200.0, Fig6ModeClaims.MaxRelativeGap([150, 670, 1970, 3200], [150, 670, 1940, 3270]), Tolerance);
        Assert.True(double.IsNaN(Fig6ModeClaims.MaxRelativeGap([null], [null])));
    }

    [Fact]
    public void Response_step_needs_every_acquired_frequency_to_jump()
    {
        Assert.Equal((0.1 / 0.8, true), Fig6ModeClaims.Step([0.05, 0.1, null], [0.9, 0.8, null]));
        Assert.False(Fig6ModeClaims.Step([0.05, 0.3], [0.9, 0.8]).Holds);   // ω2 was already at 0.3
        Assert.False(Fig6ModeClaims.Step([0.05, 0.1], [0.9, 0.7]).Holds);   // ω2 only reached 0.7
        Assert.True(double.IsNaN(Fig6ModeClaims.Step([null], [null]).Ratio));
    }
}
