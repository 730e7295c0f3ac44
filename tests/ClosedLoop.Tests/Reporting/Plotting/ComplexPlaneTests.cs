using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class ComplexPlaneTests
{
    /// <summary>Allowed deviation of the shown window, as a fraction of its side (pixel rounding of the size).</summary>
    private const double WindowFraction = 0.01;

    private static ComplexScatterSettings Settings() => new()
    {
        Points = [new Complex(1.01, 0.2), new Complex(0.99, 0.1), new Complex(0.95, 0.05)],
        ColorValues = [0, 50, 100],
        Outlined = [2],
    };

    [Fact]
    public void At_its_size_the_window_is_shown_exactly_with_equal_units()
    {
        Plot plot = Figures.Create();
        ComplexPlane.AddScatter(plot, Settings());
        FigureSize size = ComplexPlane.SizeFor(ComplexWindow.DominantPair);
        FigureWriter.RenderPng(plot, size);
        AxisLimits limits = plot.Axes.GetLimits();
        ComplexWindow w = ComplexWindow.DominantPair;
        Assert.Equal(w.ReMin, limits.Left, (w.ReMax - w.ReMin) * WindowFraction);
        Assert.Equal(w.ReMax, limits.Right, (w.ReMax - w.ReMin) * WindowFraction);
        Assert.Equal(w.ImMin, limits.Bottom, (w.ImMax - w.ImMin) * WindowFraction);
        Assert.Equal(w.ImMax, limits.Top, (w.ImMax - w.ImMin) * WindowFraction);
        PixelRect data = plot.LastRender.DataRect;
        double unitsPerPixelX = limits.HorizontalSpan / data.Width, unitsPerPixelY = limits.VerticalSpan / data.Height;
        Assert.Equal(unitsPerPixelX, unitsPerPixelY, unitsPerPixelX * WindowFraction);
    }

    [Fact]
    public void Colour_range_defaults_to_the_data_and_drives_the_colour_bar()
    {
        Plot plot = Figures.Create();
        ColoredPoints points = ComplexPlane.AddScatter(plot, Settings());
        Assert.Equal((0.0, 100.0), (points.GetRange().Min, points.GetRange().Max));
        Assert.Equal([2], points.Outlined);
        Assert.Equal(new Coordinates(0.95, 0.05), points.Points[2]);
    }

    [Fact]
    public void Mismatched_colour_values_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ComplexPlane.AddScatter(Figures.Create(), Settings() with { ColorValues = [1.0] }));
        Assert.Equal("values", e.ParamName);
    }

    [Fact]
    public void Window_must_be_non_empty()
    {
        Assert.Equal("reMax", Assert.Throws<ArgumentException>(() => new ComplexWindow(1, 0.5, -1, 1)).ParamName);
    }
}
