using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;

namespace ClosedLoop.Theory;

/// <summary>
/// Stage 1 of learning, sign selection of the position gain (docs/science/analysis-maths.md §4). With W ≈ 0 the policy is
/// u_t ≈ σ_zm x⁽¹⁾_t and the closed loop is [[1, 1], [σ_zm, 1]] with eigenvalues 1 ± √σ_zm. All losses here are the
/// Stage-1 cost Σ_t ½‖x_t‖² from x₀ = (1, −1), h₀ = 0 (the `stage1-landscape` convention; ½‖x₀‖² = 1).
/// </summary>
public static class StageOne
{
    /// <summary>The Stage-1 initial state (position, velocity) = (1, −1).</summary>
    private static readonly double[] InitialState = [1.0, -1.0];

    /// <summary>
    /// Eigenvalues 1 ± √σ_zm of the gain system (principal complex square root): for σ_zm &lt; 0 a complex pair
    /// 1 ± i√|σ_zm| (Plus is the Im &gt; 0 member), for σ_zm &gt; 0 two real values (Plus is the larger).
    /// </summary>
    public static (Complex Plus, Complex Minus) Eigenvalues(double sigmaZm)
    {
        var root = Complex.Sqrt(sigmaZm);
        return (1 + root, 1 - root);
    }

    /// <summary>
    /// Geometric-sum approximation ℒ ≈ ½ (1 − r^terms)/(1 − r) with r = |1 + √σ_zm|² (principal complex square root),
    /// i.e. r = (1 + √σ_zm)² for σ_zm &gt; 0 and r = 1 + |σ_zm| for σ_zm &lt; 0; ℒ = ½·terms when r = 1.
    /// The published comparison uses 101 terms against 100 simulated states (kept for parity, decision 28 of docs/science/decisions.md).
    /// </summary>
    public static double GeometricSumLoss(double sigmaZm, int terms = 101)
    {
        if (!double.IsFinite(sigmaZm)) throw new ArgumentException($"sigmaZm = {sigmaZm} is not allowed: it must be finite", nameof(sigmaZm));
        if (terms < 1) throw new ArgumentException($"terms = {terms} is not allowed: it must be >= 1", nameof(terms));
        double r = Complex.Abs(1 + Complex.Sqrt(sigmaZm));
        r *= r;
        if (r == 1) return 0.5 * terms;
        return 0.5 * (1 - Math.Pow(r, terms)) / (1 - r);
    }

    /// <summary>
    /// Exact loss without memory: P_eff with σ_zu = σ_vm = σ_vu = 0 rolled out from (1, −1, 0, 0), summing
    /// ½(x⁽¹⁾² + x⁽²⁾²) over the recorded states s₀..s_{steps−1} (the "exact" column of reference A4).
    /// </summary>
    public static double NoMemoryLoss(double sigmaZm, int steps = 100)
    {
        if (!double.IsFinite(sigmaZm)) throw new ArgumentException($"sigmaZm = {sigmaZm} is not allowed: it must be finite", nameof(sigmaZm));
        return new RankOneModel(new OrderParameters(sigmaZm, 0, 0, 0)).Rollout(InitialState, steps).HalfSquaredStateSum();
    }

    /// <summary>
    /// The simulated Stage-1 loss of a full linear network on the double integrator: s₀ = (1, −1; h = 0) rolled out
    /// with the joint matrix P (docs/science/analysis-maths.md §1), summing ½(x⁽¹⁾² + x⁽²⁾²) over s₀..s_{steps−1}. Biases are ignored
    /// (they do not enter P).
    /// </summary>
    public static double SimulatedLoss(NetworkParameters p, int steps = 100)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Settings.Activation != Activation.Linear)
            throw new ArgumentException($"network.activation = {p.Settings.Activation} is not allowed: the simulated Stage-1 loss needs a linear network");
        if (steps < 1) throw new ArgumentException($"steps = {steps} is not allowed: it must be >= 1", nameof(steps));
        var matrix = JointMatrix.Build(Plants.DoubleIntegrator(), p);
        int dim = matrix.Rows;
        var s = new double[dim];
        var next = new double[dim];
        s[0] = InitialState[0];
        s[1] = InitialState[1];
        double sum = 0;
        for (int t = 0; t < steps; t++)
        {
            sum += 0.5 * (s[0] * s[0] + s[1] * s[1]);
            for (int i = 0; i < dim; i++)
            {
                double acc = 0;
                for (int j = 0; j < dim; j++) acc += matrix[i, j] * s[j];
                next[i] = acc;
            }
            (s, next) = (next, s);
        }
        return sum;
    }
}
