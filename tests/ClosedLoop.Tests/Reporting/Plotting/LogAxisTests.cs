using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class LogAxisTests
{
    private static Tick[] Generate(double min, double max, Edge edge, float pixels, LogTickStyle style = LogTickStyle.Exponent)
    {
        var generator = new LogDecadeTicks(style);
        using var paint = Paint.NewDisposablePaint();
        generator.Regenerate(new CoordinateRange(min, max), edge, new PixelLength(pixels), paint, new LabelStyle());
        return generator.Ticks;
    }

    [Fact]
    public void Majors_are_labelled_decades_with_log_spaced_minors()
    {
        Tick[] ticks = Generate(0, 6.5, Edge.Left, 480);
        Assert.Equal(["1e0", "1e1", "1e2", "1e3", "1e4", "1e5", "1e6"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6], ticks.Where(t => t.IsMajor).Select(t => t.Position));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(2)) < 1e-12);
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - (6 + Math.Log10(3))) < 1e-12);
        Assert.Equal(6 * 8 + 2, ticks.Count(t => !t.IsMajor)); // 2..9 in six decades, 2 and 3 in the seventh
    }

    [Fact]
    public void Crowded_decades_are_thinned_to_every_kth()
    {
        Tick[] ticks = Generate(-30, 30, Edge.Left, 300);
        double[] majors = ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        Assert.True(majors.Length is > 2 and < 15, $"{majors.Length} major ticks");
        double step = majors[1] - majors[0];
        Assert.True(step > 1);
        Assert.All(majors, m => Assert.Equal(0, m % step));
    }

    [Fact]
    public void Short_ranges_get_labels_at_one_two_and_five()
    {
        Tick[] ticks = Generate(0.2, 1.5, Edge.Bottom, 600);
        Assert.Equal(["2e0", "5e0", "1e1", "2e1"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void Superscript_labels()
    {
        Assert.Equal("10⁻²", LogAxis.DecadeLabel(-2, LogTickStyle.Superscript));
        Assert.Equal("10¹⁵", LogAxis.DecadeLabel(15, LogTickStyle.Superscript));
        Assert.Equal("1e-2", LogAxis.DecadeLabel(-2, LogTickStyle.Exponent));
    }

    [Fact]
    public void Mapping_uses_log10_and_the_epoch_plus_one_abscissa()
    {
        Assert.Equal(3, LogAxis.Map(1000), 1e-15);
        Assert.True(double.IsNaN(LogAxis.Map(0)));
        Assert.True(double.IsNaN(LogAxis.Map(-1)));
        Assert.Equal(0, LogAxis.MapEpoch(0));
        Assert.Equal(2, LogAxis.MapEpoch(99), 1e-15);
    }

    [Fact]
    public void Degenerate_ranges_give_no_ticks()
    {
        Assert.Empty(Generate(double.NaN, 1, Edge.Left, 400));
        Assert.Empty(Generate(1, 1, Edge.Left, 400));
    }
}
