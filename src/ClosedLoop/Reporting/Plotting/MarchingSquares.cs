namespace ClosedLoop.Reporting.Plotting;

/// <summary>A straight line segment from (X1, Y1) to (X2, Y2) in plot coordinates.</summary>
public readonly record struct Segment(double X1, double Y1, double X2, double Y2);

/// <summary>
/// Contour lines of a <see cref="Grid2D"/> by marching squares: in each grid cell the level crossings on the four
/// edges are found by linear interpolation and joined into one or two segments. A corner counts as above the level
/// when its value is strictly greater; saddle cells are resolved by the mean of the four corners; cells with a NaN
/// corner are skipped. Output order is deterministic (rows bottom to top, cells left to right).
/// </summary>
public static class MarchingSquares
{
    /// <summary>The segments of the contour at <paramref name="level"/>.</summary>
    public static IReadOnlyList<Segment> Contour(Grid2D grid, double level)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!double.IsFinite(level)) throw new ArgumentException($"level = {level} must be finite", nameof(level));
        var segments = new List<Segment>();
        for (int j = 0; j + 1 < grid.Ny; j++)
            for (int i = 0; i + 1 < grid.Nx; i++)
                AddCell(grid, i, j, level, segments);
        return segments;
    }

    private static void AddCell(Grid2D g, int i, int j, double level, List<Segment> output)
    {
        double v00 = g.Values[j, i], v10 = g.Values[j, i + 1], v11 = g.Values[j + 1, i + 1], v01 = g.Values[j + 1, i];
        if (double.IsNaN(v00) || double.IsNaN(v10) || double.IsNaN(v11) || double.IsNaN(v01)) return;
        double x0 = g.X(i), x1 = g.X(i + 1), y0 = g.Y(j), y1 = g.Y(j + 1);
        // Crossings on the bottom, right, top and left edges (null when the edge is not crossed).
        var bottom = Cross(x0, y0, v00, x1, y0, v10, level);
        var right = Cross(x1, y0, v10, x1, y1, v11, level);
        var top = Cross(x0, y1, v01, x1, y1, v11, level);
        var left = Cross(x0, y0, v00, x0, y1, v01, level);
        var crossed = new[] { bottom, right, top, left }.Where(p => p.HasValue).Select(p => p!.Value).ToArray();
        if (crossed.Length == 2)
        {
            output.Add(new Segment(crossed[0].X, crossed[0].Y, crossed[1].X, crossed[1].Y));
            return;
        }
        if (crossed.Length != 4) return;
        bool centreAbove = (v00 + v10 + v11 + v01) / 4 > level;
        if (centreAbove == v00 > level)
        {
            // v00 and v11 connect through the centre: cut off the v10 and v01 corners.
            output.Add(Join(bottom!.Value, right!.Value));
            output.Add(Join(left!.Value, top!.Value));
        }
        else
        {
            output.Add(Join(bottom!.Value, left!.Value));
            output.Add(Join(right!.Value, top!.Value));
        }
    }

    private static (double X, double Y)? Cross(double xa, double ya, double va, double xb, double yb, double vb, double level)
    {
        if (va > level == vb > level) return null;
        double t = (level - va) / (vb - va);
        return (xa + t * (xb - xa), ya + t * (yb - ya));
    }

    private static Segment Join((double X, double Y) a, (double X, double Y) b) => new(a.X, a.Y, b.X, b.Y);
}
