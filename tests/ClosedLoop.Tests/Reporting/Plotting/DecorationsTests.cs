using ClosedLoop.Reporting.Plotting;
using ScottPlot;
using ScottPlot.Plottables;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class DecorationsTests
{
    [Fact]
    public void Stage_spans_cover_the_three_intervals_behind_the_data()
    {
        Plot plot = Figures.Create();
        Series.Add(plot, [0.0, 3], [1.0, 2], new SeriesStyle());
        var spans = Decorations.StageSpans(plot, 0, 1.1, 2.0, 3.0);
        Assert.Equal([(0.0, 1.1), (1.1, 2.0), (2.0, 3.0)], spans.Select(s => (s.X1, s.X2)));
        Assert.Equal(Figures.StageFills, spans.Select(s => s.FillColor));
        Assert.IsType<HorizontalSpan>(plot.GetPlottables().First());
        Assert.IsType<Scatter>(plot.GetPlottables().Last());
    }

    [Fact]
    public void Nan_boundary_drops_the_spans_that_need_it()
    {
        var spans = Decorations.StageSpans(Figures.Create(), 0, 1.1, double.NaN, 3.0);
        Assert.Equal([(0.0, 1.1)], spans.Select(s => (s.X1, s.X2)));
    }

    [Fact]
    public void Reference_line_is_thin_and_dotted()
    {
        VerticalLine line = Decorations.ReferenceLine(Figures.Create(), 2.04);
        Assert.Equal(2.04, line.X);
        Assert.Equal(1, line.LineWidth);
        Assert.Equal(LinePattern.Dotted.Name, line.LinePattern.Name);
    }

    [Fact]
    public void Right_axis_series_uses_the_right_axis()
    {
        Plot plot = Figures.Create();
        Scatter s = Series.Add(plot, [1.0, 2], [3.0, 4], new SeriesStyle { Axis = AxisSide.Right, Line = LineKind.Dashed });
        Assert.Same(plot.Axes.Right, s.Axes.YAxis);
        Assert.Equal(LinePattern.Dashed.Name, s.LinePattern.Name);
    }

    [Fact]
    public void Series_lengths_must_match()
    {
        var e = Assert.Throws<ArgumentException>(() => Series.Add(Figures.Create(), [1.0, 2], [3.0], new SeriesStyle()));
        Assert.Equal("ys", e.ParamName);
    }

    [Fact]
    public void Figures_use_the_project_font_when_it_is_installed()
    {
        Plot plot = Figures.Create("t", "x", "y");
        if (Figures.FontFound) Assert.Equal(Figures.FontFamily, plot.Axes.Left.Label.FontName);
        else Assert.NotEqual(Figures.FontFamily, Fonts.Default);
    }
}
