using System.Numerics;
using ClosedLoop.Experiments.Studies;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyPlotsTests
{
    [Fact]
    public void Fitted_windows_contain_the_points_and_keep_a_legible_aspect()
    {
        var pts = new[] { new Complex(0.98, 0.1), new Complex(1.0, 0.6), new Complex(0.99, 0.3) };
        var w = StudyPlots.FitWindow(pts);
        Assert.All(pts, z => Assert.True(z.Real > w.ReMin && z.Real < w.ReMax && z.Imaginary > w.ImMin && z.Imaginary < w.ImMax));
        Assert.InRange(w.Aspect, 0.6 - 1e-12, 2.2 + 1e-12);
    }
}
