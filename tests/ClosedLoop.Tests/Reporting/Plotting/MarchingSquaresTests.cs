using ClosedLoop.Reporting.Plotting;

namespace ClosedLoop.Tests.Reporting.Plotting;

public class MarchingSquaresTests
{
    private const double LineTolerance = 1e-12;

    [Fact]
    public void Contour_of_a_linear_field_lies_exactly_on_its_level_line()
    {
        var grid = Grid2D.Sample(-1, 1, 21, -1, 1, 21, (x, y) => x + 2 * y);
        const double level = 0.3;
        var segments = MarchingSquares.Contour(grid, level);
        Assert.NotEmpty(segments);
        foreach (var s in segments)
        {
            Assert.Equal(level, s.X1 + 2 * s.Y1, LineTolerance);
            Assert.Equal(level, s.X2 + 2 * s.Y2, LineTolerance);
        }
    }

    [Fact]
    public void Contour_of_a_circle_field_stays_near_the_circle()
    {
        const int n = 101;
        double h = 2.0 / (n - 1);
        var grid = Grid2D.Sample(-1, 1, n, -1, 1, n, (x, y) => x * x + y * y);
        var segments = MarchingSquares.Contour(grid, 0.25);
        // Linear interpolation of r² across a cell errs by at most about h²/4 in r², i.e. h²/(4·2r) in r.
        double tolerance = h * h / (4 * 2 * 0.5) + LineTolerance;
        foreach (var s in segments)
            Assert.Equal(0.5, Math.Sqrt(s.X1 * s.X1 + s.Y1 * s.Y1), tolerance);
        double length = segments.Sum(s => Math.Sqrt((s.X2 - s.X1) * (s.X2 - s.X1) + (s.Y2 - s.Y1) * (s.Y2 - s.Y1)));
        Assert.Equal(2 * Math.PI * 0.5, length, 0.01);
    }

    [Fact]
    public void Saddle_cell_gives_two_segments_separated_by_the_centre_value()
    {
        // Corners: (0,0)=1, (1,0)=0, (1,1)=1, (0,1)=0; centre mean 0.5 is not above 0.5, so the high corners are cut off.
        var grid = new Grid2D(0, 1, 0, 1, new double[,] { { 1, 0 }, { 0, 1 } });
        var segments = MarchingSquares.Contour(grid, 0.5);
        Assert.Equal(2, segments.Count);
        Assert.Contains(new Segment(0.5, 0, 0, 0.5), segments);   // around corner (0, 0)
        Assert.Contains(new Segment(1, 0.5, 0.5, 1), segments);   // around corner (1, 1)
    }

    [Fact]
    public void Constant_field_and_nan_cells_give_no_segments()
    {
        Assert.Empty(MarchingSquares.Contour(Grid2D.Sample(0, 1, 5, 0, 1, 5, (_, _) => 2), 1));
        var values = new double[,] { { 0, 1 }, { double.NaN, 1 } };
        Assert.Empty(MarchingSquares.Contour(new Grid2D(0, 1, 0, 1, values), 0.5));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var grid = Grid2D.Sample(-1.2, 0.6, 60, -1.2, 0.6, 60, PlotGallery.StabilityClass);
        Assert.Equal(MarchingSquares.Contour(grid, 1.5), MarchingSquares.Contour(grid, 1.5));
    }
}
