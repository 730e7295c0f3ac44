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
}
