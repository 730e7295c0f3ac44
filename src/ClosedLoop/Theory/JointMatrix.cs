using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// The joint agent–environment matrix P of docs/science/analysis-maths.md §1: for a linear network driving a linear plant the stacked
/// state s_t = (x_t; h_t) obeys s_{t+1} = P s_t, with
/// <code>
/// P = [ A               B_eff Z                              ]
///     [ γ D M_obs C A   (1−γ) I_N + γ D (W + M_obs C B_eff Z) ]      ((k+N)×(k+N))
/// </code>
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Column form (docs/science/model-and-training.md §0): A (k×k), B_eff = f_B·B (k×n_u), C (c×k), M = W_ihᵀ (N×n_in) of which M_obs is
/// the first c columns (the observation inputs; further inputs such as tracking references are exogenous and do
/// not enter P), W = W_hhᵀ including the low-rank part U Vᵀ (N×N), Z = W_hoᵀ (n_u×N), γ = dt/τ the leak.</item>
/// <item>Timing of docs/science/model-and-training.md §4: at step t the network reads C x_t, updates h, emits u_t = Z h_t and the plant steps.
/// With FirstControl = Zero and h₀ = 0 a linear rollout is exactly s_t = Pᵗ s₀, s₀ = (x₀; 0).</item>
/// <item>D = diag(φ'(b_h)) is the slope of the activation at the origin: the identity for linear φ and for tanh with
/// zero hidden bias (tanh'(0) = 1), so P is then the Jacobian of the closed-loop map at s = 0. relu has no
/// derivative at 0 (docs/science/model-and-training.md §2.2, decision 19 of docs/science/decisions.md): no P is defined for it.</item>
/// <item>Biases do not enter P (for a linear network P is the linear part of an affine map). Noise, observation
/// noise and the clamp are ignored (the clamp is assumed inactive).</item>
/// <item>The published code multiplies the M C B Z term by 1 instead of γ; this engine uses γ (identical whenever
/// γ = 1 or C B = 0, which covers every experiment).</item>
/// </list>
/// </remarks>
public static class JointMatrix
{
    /// <summary>Builds P; returns false (and a null matrix) when the activation has no slope at the origin (relu).</summary>
    public static bool TryBuild(LinearPlant plant, NetworkParameters parameters, out Mat matrix)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckShapes(plant, parameters);
        var slope = SlopeAtOrigin(parameters);
        if (slope is null)
        {
            matrix = null!;
            return false;
        }
        matrix = Assemble(plant, parameters, slope);
        return true;
    }

    /// <summary>Builds P; throws for relu networks, which have no linearisation at the origin.</summary>
    public static Mat Build(LinearPlant plant, NetworkParameters parameters)
    {
        if (TryBuild(plant, parameters, out var matrix)) return matrix;
        throw new ArgumentException(
            $"network.activation = {parameters.Settings.Activation} is not allowed for the joint matrix: relu has no derivative at 0, " +
            "so no linearised P exists without an operating point; allowed activations are Linear and Tanh");
    }

    private static void CheckShapes(LinearPlant plant, NetworkParameters p)
    {
        if (p.Settings.Outputs != plant.ControlSize)
            throw new ArgumentException($"network.outputs = {p.Settings.Outputs} is not allowed: the plant '{plant.Name}' takes {plant.ControlSize} controls");
        if (p.Settings.Inputs < plant.ObservationSize)
            throw new ArgumentException($"network.inputs = {p.Settings.Inputs} is not allowed: the plant '{plant.Name}' has {plant.ObservationSize} observed components, so at least that many inputs are needed");
    }

    /// <summary>φ'(b_h,i) per hidden unit, or null for relu.</summary>
    private static double[]? SlopeAtOrigin(NetworkParameters p)
    {
        var bias = p.HiddenBias;
        return p.Settings.Activation switch
        {
            Activation.Linear => Enumerable.Repeat(1.0, p.N).ToArray(),
            Activation.Tanh => bias.Select(b => 1 - Math.Tanh(b) * Math.Tanh(b)).ToArray(),
            _ => null,
        };
    }

    private static Mat Assemble(LinearPlant plant, NetworkParameters p, double[] slope)
    {
        int k = plant.StateSize, n = p.N, c = plant.ObservationSize;
        double gamma = p.Settings.Gamma;
        var bz = plant.EffectiveB * p.ReadoutColumnForm();       // k×N
        var mObs = ObservationColumns(p.InputColumnForm(), c);   // N×c
        var mc = mObs * plant.C;                                 // N×k
        var lowerLeft = mc * plant.A;                            // N×k
        var inner = p.RecurrentColumnForm() + mc * bz;           // N×N
        var result = new Mat(k + n, k + n);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) result[i, j] = plant.A[i, j];
            for (int j = 0; j < n; j++) result[i, k + j] = bz[i, j];
        }
        for (int i = 0; i < n; i++)
        {
            double g = gamma * slope[i];
            for (int j = 0; j < k; j++) result[k + i, j] = g * lowerLeft[i, j];
            for (int j = 0; j < n; j++) result[k + i, k + j] = g * inner[i, j] + (i == j ? 1 - gamma : 0.0);
        }
        return result;
    }

    private static Mat ObservationColumns(Mat m, int c)
    {
        if (m.Cols == c) return m;
        var obs = new Mat(m.Rows, c);
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < c; j++) obs[i, j] = m[i, j];
        return obs;
    }
}
