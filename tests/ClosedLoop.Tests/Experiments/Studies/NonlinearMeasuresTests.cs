using System.Numerics;
using ClosedLoop.Experiments;
using ClosedLoop.Reporting.Plotting;

namespace ClosedLoop.Tests.Experiments.Studies;

/// <summary>Measures and helpers of the nonlinear study (docs/science/figures-and-studies.md §11) on synthetic data.</summary>
public class NonlinearMeasuresTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Radius_around_the_crossing_takes_the_window_maximum_when_recorded_every_epoch()
    {
        var radius = Enumerable.Range(0, 300).Select(e => (e, e == 200 ? 0.9 : 0.01 * (e % 7))).ToList();
        Assert.Equal(0.06, NonlinearMeasures.AroundCrossing(radius, 110), Tolerance);
        Assert.Equal(0.9, NonlinearMeasures.AroundCrossing(radius, 180), Tolerance); // 200 is within ±25 of 180
    }

    [Fact]
    public void Radius_around_the_crossing_falls_back_to_the_bracketing_snapshots()
    {
        // The log-spaced snapshot epochs near the published crossing 110 are 100, 120 (within ±25) ...
        (int, double)[] snapshots = [(0, 0.1), (100, 0.2), (120, 0.3), (150, 0.6), (1000, 0.88)];
        Assert.Equal(0.3, NonlinearMeasures.AroundCrossing(snapshots, 110), Tolerance);
        // ... and far from any snapshot the nearest one on either side counts.
        Assert.Equal(0.88, NonlinearMeasures.AroundCrossing(snapshots, 500), Tolerance);
        Assert.True(double.IsNaN(NonlinearMeasures.AroundCrossing([], 10)));
    }

    [Fact]
    public void Spectrum_shape_separates_the_outlier_from_the_bulk()
    {
        // §D1: a bulk of radius about 0.1 plus one real outlier near −0.88.
        Complex[] real = [new(-0.88, 0), new(0.1, 0.02), new(0.1, -0.02), new(-0.05, 0)];
        var (outlier, bulk) = NonlinearMeasures.Shape(real);
        Assert.Equal(-0.88, outlier.Real, Tolerance);
        Assert.Equal(new Complex(0.1, 0.02).Magnitude, bulk, Tolerance);
        // A complex outlier pair counts as the outlier: the bulk starts after its conjugate.
        Complex[] pair = [new(0.5, 0.5), new(0.5, -0.5), new(0.2, 0)];
        Assert.Equal(0.2, NonlinearMeasures.Shape(pair).BulkRadius, Tolerance);
        Assert.True(double.IsNaN(NonlinearMeasures.Shape([]).BulkRadius));
    }

    [Fact]
    public void Enlarged_window_contains_every_point_and_keeps_a_legible_aspect()
    {
        Complex[] points = [new(0.95, 0.05), new(1.02, 0.25)];
        var w = ComplexPanels.Enlarge(ComplexPanels.Fig4cWindow, points);
        foreach (var z in points)
            Assert.True(z.Real >= w.ReMin && z.Real <= w.ReMax && z.Imaginary >= w.ImMin && z.Imaginary <= w.ImMax);
        Assert.InRange(w.Aspect, 0.7 - Tolerance, 1.8 + Tolerance);
        // Points inside the window leave it unchanged except for the aspect rule.
        var same = ComplexPanels.Enlarge(new ComplexWindow(0, 1, 0, 1), [new Complex(0.5, 0.5)]);
        Assert.Equal((0.0, 1.0, 0.0, 1.0), (same.ReMin, same.ReMax, same.ImMin, same.ImMax));
    }
}
