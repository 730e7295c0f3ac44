namespace ClosedLoop.Reporting.Plotting;

/// <summary>
/// Values sampled on a regular grid, e.g. the gain-space loss landscape or stability classes over (k₁, k₂).
/// <c>Values[j, i]</c> is the value at (x_i, y_j) with x_i = XMin + i·(XMax − XMin)/(Nx − 1) and
/// y_j = YMin + j·(YMax − YMin)/(Ny − 1) (inclusive, like <c>numpy.linspace</c>): column i runs along x, row j along
/// y, and row 0 is the bottom (y = YMin). The extent [XMin, XMax] × [YMin, YMax] is that of the sample points.
/// </summary>
public sealed record Grid2D
{
    public Grid2D(double xMin, double xMax, double yMin, double yMax, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(double.IsFinite(xMin) && double.IsFinite(xMax) && xMin < xMax))
            throw new ArgumentException($"x extent [{xMin}, {xMax}] must be finite with xMin < xMax", nameof(xMax));
        if (!(double.IsFinite(yMin) && double.IsFinite(yMax) && yMin < yMax))
            throw new ArgumentException($"y extent [{yMin}, {yMax}] must be finite with yMin < yMax", nameof(yMax));
        if (values.GetLength(0) < 2 || values.GetLength(1) < 2)
            throw new ArgumentException($"values is {values.GetLength(0)}×{values.GetLength(1)}; at least 2×2 samples are needed", nameof(values));
        (XMin, XMax, YMin, YMax, Values) = (xMin, xMax, yMin, yMax, values);
    }

    public double XMin { get; }
    public double XMax { get; }
    public double YMin { get; }
    public double YMax { get; }

    /// <summary>Samples, indexed [row j (y), column i (x)].</summary>
    public double[,] Values { get; }

    /// <summary>Number of samples along x (columns).</summary>
    public int Nx => Values.GetLength(1);

    /// <summary>Number of samples along y (rows).</summary>
    public int Ny => Values.GetLength(0);

    /// <summary>x of column <paramref name="i"/>.</summary>
    public double X(int i) => i == Nx - 1 ? XMax : XMin + i * (XMax - XMin) / (Nx - 1);

    /// <summary>y of row <paramref name="j"/>.</summary>
    public double Y(int j) => j == Ny - 1 ? YMax : YMin + j * (YMax - YMin) / (Ny - 1);

    /// <summary>Samples <paramref name="f"/>(x, y) on an <paramref name="nx"/> × <paramref name="ny"/> grid.</summary>
    public static Grid2D Sample(double xMin, double xMax, int nx, double yMin, double yMax, int ny, Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (nx < 2) throw new ArgumentException($"nx = {nx} must be at least 2", nameof(nx));
        if (ny < 2) throw new ArgumentException($"ny = {ny} must be at least 2", nameof(ny));
        var grid = new Grid2D(xMin, xMax, yMin, yMax, new double[ny, nx]);
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                grid.Values[j, i] = f(grid.X(i), grid.Y(j));
        return grid;
    }
}
