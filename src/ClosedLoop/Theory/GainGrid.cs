namespace ClosedLoop.Theory;

/// <summary>Equally spaced gain values shared by <see cref="StabilityMap"/> and <see cref="GainLandscape"/>.</summary>
public static class GainGrid
{
    /// <summary>
    /// n values from <paramref name="min"/> to <paramref name="max"/> inclusive, computed as numpy's
    /// <c>linspace</c> does: min + i·(max − min)/(n − 1), with the last value set to max exactly.
    /// </summary>
    public static double[] Linspace(double min, double max, int n)
    {
        if (!double.IsFinite(min)) throw new ArgumentException($"grid.min = {min} is not allowed: it must be finite");
        if (!double.IsFinite(max) || !(max > min)) throw new ArgumentException($"grid.max = {max} is not allowed: it must be finite and > grid.min = {min}");
        if (n < 2) throw new ArgumentException($"grid.n = {n} is not allowed: it must be >= 2");
        var values = new double[n];
        double step = (max - min) / (n - 1);
        for (int i = 0; i < n; i++) values[i] = min + i * step;
        values[n - 1] = max;
        return values;
    }

    /// <summary>
    /// <paramref name="f"/>(k₁, k₂) on the n×n grid of <see cref="Linspace"/>(min, max, n), indexed [i₂, i₁]
    /// (k₂ along the first index, image origin lower left).
    /// </summary>
    public static T[,] Evaluate<T>(Func<double, double, T> f, double min, double max, int n)
    {
        var v = Linspace(min, max, n);
        var grid = new T[n, n];
        for (int i2 = 0; i2 < n; i2++)
            for (int i1 = 0; i1 < n; i1++) grid[i2, i1] = f(v[i1], v[i2]);
        return grid;
    }

    /// <summary>The same grid as CSV-friendly rows (k₁, k₂, value), k₂ in the outer loop and k₁ in the inner loop.</summary>
    public static IEnumerable<(double K1, double K2, T Value)> Points<T>(Func<double, double, T> f, double min, double max, int n)
    {
        var v = Linspace(min, max, n);
        for (int i2 = 0; i2 < n; i2++)
            for (int i1 = 0; i1 < n; i1++) yield return (v[i1], v[i2], f(v[i1], v[i2]));
    }
}
