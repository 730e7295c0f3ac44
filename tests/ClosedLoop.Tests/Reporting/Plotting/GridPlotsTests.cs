using ClosedLoop.Reporting.Plotting;
using ScottPlot;
using SkiaSharp;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class GridPlotsTests
{
    /// <summary>Inset (pixels) from the data-area corner where a corner cell's colour is sampled.</summary>
    private const int CornerInset = 6;

    [Fact]
    public void Heatmap_origin_is_lower_left()
    {
        // Large only at (xMin, yMin) = row 0, column 0.
        var values = new double[3, 4];
        values[0, 0] = 100;
        var grid = new Grid2D(-1, 2, 10, 20, values);
        Plot plot = Figures.Create();
        GridPlots.AddHeatmap(plot, grid);
        using SKBitmap bitmap = SKBitmap.Decode(FigureWriter.RenderPng(plot, FigureSize.Default));
        PixelRect data = plot.LastRender.DataRect;

        SKColor lowerLeft = bitmap.GetPixel((int)data.Left + CornerInset, (int)data.Bottom - CornerInset);
        SKColor upperLeft = bitmap.GetPixel((int)data.Left + CornerInset, (int)data.Top + CornerInset);
        SKColor lowerRight = bitmap.GetPixel((int)data.Right - CornerInset, (int)data.Bottom - CornerInset);
        Assert.True(Brightness(lowerLeft) > 150, $"lower-left {lowerLeft} should be the bright (yellow) end of viridis");
        Assert.True(Brightness(upperLeft) < 100, $"upper-left {upperLeft} should be dark");
        Assert.True(Brightness(lowerRight) < 100, $"lower-right {lowerRight} should be dark");
    }

    [Fact]
    public void Heatmap_sets_the_axis_limits_to_the_grid_extent()
    {
        Plot plot = Figures.Create();
        GridPlots.AddHeatmap(plot, Grid2D.Sample(-1.2, 0.6, 5, -1.2, 0.6, 5, (x, y) => x + y));
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal((-1.2, 0.6, -1.2, 0.6), (limits.Left, limits.Right, limits.Bottom, limits.Top));
    }

    [Fact]
    public void Contours_of_a_class_grid_hold_both_levels()
    {
        // Class map of docs/science/analysis-maths.md §8.2 on a coarse grid: the boundary k1 = 0 between stable (2) and unstable real (0)
        // crosses both 1.5 and 0.5.
        Grid2D classes = Grid2D.Sample(-1.2, 0.6, 40, -1.2, 0.6, 40, PlotGallery.StabilityClass);
        Plot plot = Figures.Create();
        LineSegments contours = GridPlots.AddContours(plot, classes, [0.5, 1.5]);
        int expected = MarchingSquares.Contour(classes, 0.5).Count + MarchingSquares.Contour(classes, 1.5).Count;
        Assert.Equal(expected, contours.Segments.Count);
        Assert.Contains(plot.GetPlottables(), p => ReferenceEquals(p, contours));
    }

    [Fact]
    public void Path_has_start_and_end_markers_at_its_ends()
    {
        Plot plot = Figures.Create();
        PathPlottables path = GridPlots.AddPath(plot, [0.0, -0.1, -0.3], [0.0, -0.2, -1.0], new PathStyle { StartLabel = "Start" });
        Assert.Equal(new Coordinates(0, 0), path.Start.Location);
        Assert.Equal(new Coordinates(-0.3, -1.0), path.End.Location);
        Assert.Equal(Figures.Crimson, path.Start.MarkerFillColor);
    }

    [Fact]
    public void Grid_coordinates_are_inclusive_linspace()
    {
        var grid = Grid2D.Sample(-1.2, 0.6, 50, 0, 1, 3, (x, y) => 10 * x + y);
        Assert.Equal(-1.2, grid.X(0));
        Assert.Equal(0.6, grid.X(49));
        Assert.Equal(0.5, grid.Y(1));
        Assert.Equal(10 * grid.X(7) + grid.Y(2), grid.Values[2, 7]);
    }

    [Fact]
    public void Grid_rejects_empty_extents_and_single_samples()
    {
        Assert.Equal("xMax", Assert.Throws<ArgumentException>(() => new Grid2D(1, 1, 0, 1, new double[2, 2])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new Grid2D(0, 1, 0, 1, new double[1, 5])).ParamName);
    }

    /// <summary>Luma (Rec. 601): viridis yellow #FDE725 ≈ 215, viridis purple #440154 ≈ 30.</summary>
    private static double Brightness(SKColor c) => 0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue;
}
