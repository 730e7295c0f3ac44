using ClosedLoop.Experiments;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Figures;

/// <summary>
/// The claim logic of Fig. 2 on synthetic gain paths built from the published single-run values
/// (docs/science/reference-values.md §D1–D2) and the stability-map points of §A7.
/// </summary>
public class Fig2MeasuresTests
{
    private const double Tolerance = 1e-12;

    private static GainPath Path(params (double K1, double K2)[] points) => new(points.Select(p => p.K1).ToArray(), points.Select(p => p.K2).ToArray());

    [Fact]
    public void Gain_path_classes_follow_the_stability_map_and_nan_gains_have_no_class()
    {
        var p = Path((-0.02, 0), (0.05, 0), (-0.365, -1.003), (double.NaN, 0));
        Assert.Equal([GainClass.UnstableOscillatory, GainClass.UnstableReal, GainClass.Stable, null], p.Classes);
        Assert.Equal(2, p.LastValid);
        Assert.Equal([0, 1, 2], p.ValidEpochs());
    }

    [Fact]
    public void Strict_gain_stabilisation_ignores_an_early_stable_epoch_followed_by_an_unstable_one()
    {
        // §D1: stable at 108, unstable at 109, stable from 110 on → 110 (here shifted to indices 0..3).
        var p = Path((-0.0222, -0.0245), (-0.0222, -0.02), (-0.0222, -0.0245), (-0.06, -0.155));
        Assert.Equal(2, p.StableFrom());
        Assert.Null(Path((-0.0222, -0.0245), (-0.02, 0)).StableFrom());
    }

    [Fact]
    public void Stage1_point_accepts_the_published_epoch24_gains_only()
    {
        var p = Path((-0.0021, 0.0838), (-0.0203, -0.0001), (0.0001, 0.0002), (-0.02, 0.02));
        var (value, holds) = Fig2Measures.Stage1Point(p, 1);
        Assert.True(holds);
        Assert.Equal(-0.0203, value, Tolerance);
        Assert.False(Fig2Measures.Stage1Point(p, 2).Holds); // positive k1: unstable real, outside the window
        Assert.False(Fig2Measures.Stage1Point(p, 3).Holds); // |k2| too large
        Assert.False(Fig2Measures.Stage1Point(p, null).Holds);
    }

    [Fact]
    public void Stage2_box_needs_the_whole_window_inside_and_an_oscillatory_to_stable_crossing()
    {
        // e1 = 0 ... e_stab = 3: (−0.0209, −0.0023) §D1 epoch 50, (−0.0214, −0.016) epoch 100, just above k2 = k1, then §D1 epoch 110.
        var good = Path((-0.0203, -0.0001), (-0.0209, -0.0023), (-0.0214, -0.016), (-0.0222, -0.0245), (-0.06, -0.155));
        var (fraction, holds) = Fig2Measures.Stage2Box(good, 0, 3);
        Assert.True(holds);
        Assert.Equal(1.0, fraction, Tolerance);

        var outside = Path((-0.0203, -0.0001), (-0.08, -0.0023), (-0.0214, -0.016), (-0.0222, -0.0245));
        var (f2, h2) = Fig2Measures.Stage2Box(outside, 0, 3);
        Assert.False(h2);
        Assert.Equal(0.75, f2, Tolerance);

        // Crossing through k1 = 0 (unstable real → stable) is not the Stage-2 exit.
        var viaReal = Path((-0.0203, -0.0001), (0.001, -0.002), (-0.0222, -0.0245));
        Assert.False(Fig2Measures.Stage2Box(viaReal, 0, 2).Holds);
    }

    [Fact]
    public void End_point_and_endpoint_gap_use_the_published_endpoints()
    {
        var closed = Path((0, 0), (-0.365, -1.003));
        var open = Path((0, 0), (-0.340, -1.012));
        var (distance, holds) = Fig2Measures.EndPoint(closed);
        Assert.True(holds);
        Assert.Equal(0, distance, Tolerance);
        Assert.False(Fig2Measures.EndPoint(Path((-0.1, -0.5))).Holds);
        var (gap, close) = Fig2Measures.EndpointGap(closed, open);
        Assert.True(close);
        Assert.Equal(Math.Sqrt(0.025 * 0.025 + 0.009 * 0.009), gap, Tolerance);
    }

    [Fact]
    public void Open_overshoot_requires_a_visit_the_closed_path_never_makes()
    {
        var closed = Path((-0.02, 0), (-0.022, -0.0245), (-0.365, -1.003));
        var open = Path((-0.02, 0), (-0.105, -0.028), (-0.340, -1.012));
        var (visits, holds) = Fig2Measures.OpenOvershoot(closed, open);
        Assert.True(holds);
        Assert.Equal(1, visits);
        Assert.False(Fig2Measures.OpenOvershoot(open, open).Holds);
    }

    [Fact]
    public void Peak_class_later_stabilisation_and_swing_follow_the_published_open_run()
    {
        var open = Path((-0.002, 0.08), (-0.026, -0.001), (-0.07, -0.015), (-0.538, -0.6), (-0.340, -1.012));
        double[] loss = [96918, 733, 508266, 1e4, 6.34];
        var (peak, inOsc) = Fig2Measures.PeakInOscillatoryClass(open, loss);
        Assert.Equal(2, peak);
        Assert.True(inOsc);
        Assert.Equal((176.0, true), Fig2Measures.LaterStabilization(110, 286));
        Assert.False(Fig2Measures.LaterStabilization(110, 100).Holds);
        Assert.True(Fig2Measures.LaterStabilization(110, null).Holds);
        var (minK1, swings) = Fig2Measures.OpenSwing(open);
        Assert.Equal(-0.538, minK1, Tolerance);
        Assert.True(swings);
        Assert.False(Fig2Measures.OpenSwing(Path((-0.1, -0.2), (-0.34, -1.0))).Holds);
    }
}
