using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class FigureWriterTests
{
    private static Plot SolidPlot()
    {
        Plot plot = Figures.Create("t", "x", "y");
        Series.Add(plot, [0.0, 1, 2], [1.0, 3, 2], new SeriesStyle { Color = Figures.ClosedLoop });
        return plot;
    }

    [Fact]
    public void Solid_plot_gets_an_svg_and_a_dashed_one_removes_the_stale_svg()
    {
        using var dir = new TempDirectory();
        var data = FigureData.FromColumns(("x", [0.0, 1, 2]), ("y", [1.0, 3, 2]));
        SavedFigure first = FigureWriter.Save(SolidPlot(), dir.Path, "panel", data);
        Assert.NotNull(first.SvgPath);
        Assert.Equal(["panel.csv", "panel.png", "panel.svg"], dir.ListFiles());

        Plot dashed = SolidPlot();
        Decorations.ReferenceLine(dashed, 1.5);
        Assert.True(FigureWriter.HasDashedLines(dashed));
        SavedFigure second = FigureWriter.Save(dashed, dir.Path, "panel", data);
        Assert.Null(second.SvgPath);
        Assert.Equal(["panel.csv", "panel.png"], dir.ListFiles());
    }

    [Fact]
    public void The_same_plot_gives_the_same_svg_bytes_whatever_was_drawn_before()
    {
        using var tmp = new TempDirectory();
        string Draw(string name)
        {
            var plot = Figures.Create("t", "x", "y");
            Series.Add(plot, [0, 1, 2], [1, 3, 2], new SeriesStyle { Marker = MarkerShape.FilledCircle });
            return File.ReadAllText(FigureWriter.Save(plot, tmp.Path, name, FigureData.FromColumns(("x", [0.0, 1, 2]))).SvgPath!);
        }
        string first = Draw("a");
        Figures.Create("another").GetSvgXml(100, 100); // advances Skia's process-wide clip-path counter
        string second = Draw("b");
        Assert.Contains("clip-path=\"url(#cl_0)\"", first);
        Assert.Equal(first, second);
        Assert.Equal("<g id=\"cl_0\"><use href=\"url(#cl_1)\"/></g><x id=\"cl_1\"/>",
            FigureWriter.CanonicalIds("<g id=\"cl_a\"><use href=\"url(#cl_4)\"/></g><x id=\"cl_4\"/>"));
    }

    [Fact]
    public void Dashes_are_detected_on_series_circles_and_contours()
    {
        Assert.False(FigureWriter.HasDashedLines(SolidPlot()));
        Plot a = SolidPlot();
        Series.Add(a, [0.0, 1], [0.0, 1], new SeriesStyle { Line = LineKind.Dashed });
        Assert.True(FigureWriter.HasDashedLines(a));
        Plot b = SolidPlot();
        ComplexPlane.AddUnitCircle(b);
        Assert.True(FigureWriter.HasDashedLines(b));
        Plot c = SolidPlot();
        GridPlots.AddContours(c, Grid2D.Sample(0, 1, 4, 0, 1, 4, (x, y) => x), [0.5]).LinePattern = LinePattern.Dotted;
        Assert.True(FigureWriter.HasDashedLines(c));
        Plot d = SolidPlot();
        Series.Add(d, [0.0, 1], [0.0, 1], new SeriesStyle { Line = LineKind.None, Marker = MarkerShape.FilledCircle });
        Assert.False(FigureWriter.HasDashedLines(d));
    }

    [Fact]
    public void Csv_beside_the_figure_holds_the_data_with_the_missing_convention()
    {
        using var dir = new TempDirectory();
        var data = new FigureData(["epoch", "loss", "class"], [[0, 1.5, "stable"], [1, double.NaN, null]]);
        SavedFigure saved = FigureWriter.Save(SolidPlot(), dir.Path, "fig", data);
        Assert.Equal("epoch,loss,class\n0,1.5,stable\n1,nan,\n", File.ReadAllText(saved.CsvPath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void Bad_panel_names_are_rejected(string name)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ArgumentException>(() => FigureWriter.Save(SolidPlot(), dir.Path, name, FigureData.FromColumns(("x", [1.0]))));
        Assert.Equal("panelName", e.ParamName);
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Figure_size_is_validated()
    {
        Assert.Equal("Width", Assert.Throws<ArgumentException>(() => new FigureSize(0, 600).Checked()).ParamName);
    }

    [Fact]
    public void Figure_data_builders_check_their_shapes()
    {
        Assert.Contains("'b'", Assert.Throws<ArgumentException>(() => FigureData.FromColumns(("a", [1.0, 2]), ("b", [1.0]))).Message);
        var part = FigureData.FromColumns(("k1", [0.1]), ("k2", [0.2]));
        FigureData stacked = FigureData.Stack("learner", ("closed", part), ("open", part));
        Assert.Equal(["learner", "k1", "k2"], stacked.Header);
        Assert.Equal(["open", 0.1, 0.2], stacked.Rows[1]);
        var grid = FigureData.FromGrid(Grid2D.Sample(0, 1, 2, 0, 1, 3, (x, y) => x + 10 * y), "k1", "k2", "value");
        Assert.Equal(6, grid.Rows.Count);
        Assert.Equal([1.0, 0.5, 6.0], grid.Rows[3]); // rows bottom to top, left to right within a row
    }
}
