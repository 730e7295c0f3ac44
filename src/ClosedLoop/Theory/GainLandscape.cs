namespace ClosedLoop.Theory;

/// <summary>
/// Loss landscape of the double integrator in gain space (docs/science/analysis-maths.md §8.3, Fig. 2b): roll out
/// x_{t+1} = x_t + v_t, v_{t+1} = v_t + u_t with u_t = k₁x_t + k₂v_t from (x₀, v₀) and sum
/// L(k) = Σ_{t=1}^{steps} (x_t² + v_t²); the plotted value is ln(L/steps) (natural log).
/// </summary>
/// <remarks>
/// Defaults follow the current published figure: x₀ = (1, 1), 50 steps, grid linspace(−1.2, 0.6, 50)²
/// (decision 27 of docs/science/decisions.md). Unstable gains overflow to +∞ only for far larger horizons than the default.
/// </remarks>
public static class GainLandscape
{
    /// <summary>L(k) = Σ_{t=1}^{steps} ‖x_t‖² under u_t = k₁x_t + k₂v_t.</summary>
    public static double Loss(double k1, double k2, double x0 = 1, double v0 = 1, int steps = 50)
    {
        if (steps < 1) throw new ArgumentException($"landscape.steps = {steps} is not allowed: it must be >= 1");
        if (!double.IsFinite(k1) || !double.IsFinite(k2)) throw new ArgumentException($"landscape.k = ({k1}, {k2}) is not allowed: both gains must be finite");
        if (!double.IsFinite(x0) || !double.IsFinite(v0)) throw new ArgumentException($"landscape.x0 = ({x0}, {v0}) is not allowed: the initial state must be finite");
        double x = x0, v = v0, sum = 0;
        for (int t = 0; t < steps; t++)
        {
            double u = k1 * x + k2 * v;
            (x, v) = (x + v, v + u);
            sum += x * x + v * v;
        }
        return sum;
    }

    /// <summary>The plotted value ln(L / steps).</summary>
    public static double Value(double k1, double k2, double x0 = 1, double v0 = 1, int steps = 50)
        => Math.Log(Loss(k1, k2, x0, v0, steps) / steps);

    /// <summary>
    /// n×n values of <see cref="Value"/>: element [i2, i1] at k₁ = v[i1], k₂ = v[i2] with
    /// v = <see cref="GainGrid.Linspace"/>(min, max, n) (k₂ along the first index, image origin lower left).
    /// </summary>
    public static double[,] Grid(double min = -1.2, double max = 0.6, int n = 50) => GainGrid.Evaluate((k1, k2) => Value(k1, k2), min, max, n);

    /// <summary>The same grid as CSV-friendly rows (k₁, k₂, value), k₂ outer and k₁ inner.</summary>
    public static IEnumerable<(double K1, double K2, double Value)> GridPoints(double min = -1.2, double max = 0.6, int n = 50) =>
        GainGrid.Points((k1, k2) => Value(k1, k2), min, max, n);
}
