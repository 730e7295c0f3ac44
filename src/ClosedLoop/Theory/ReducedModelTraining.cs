using System.Numerics;
using ClosedLoop.Numerics;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Theory;

/// <summary>
/// Stage-3 reduced-model training (docs/science/analysis-maths.md §6): the four order parameters of P_eff are trained as independent
/// scalars with the same protocol as the full rank-1 model (`lr-published`). Gradients come from a hand-written
/// backward pass through the P_eff rollout. Parameter vectors are in the order (σ_zm, σ_zu, σ_vm, σ_vu).
/// </summary>
/// <remarks>
/// Batches are drawn per epoch as ONE call <c>rng.FillUniform(span of length 2·n_b, −L, L)</c>, sample-major
/// (<c>[2b + i]</c>, i = position, velocity) — the way the training engine draws its batches, so the full and the reduced
/// model see the same batches from the same stream. Gradient descent here is not gradient descent on the full model
/// (docs/science/analysis-maths.md §3.7): agreement with a full-model restart is empirical.
/// </remarks>
public static class ReducedModelTraining
{
    /// <summary>Trains from <paramref name="start"/>, drawing a fresh batch from <paramref name="initialConditions"/> every epoch.</summary>
    public static ReducedTrainingResult Run(OrderParameters start, ReducedTrainingSettings s, RandomStream initialConditions)
    {
        ArgumentNullException.ThrowIfNull(initialConditions);
        ArgumentNullException.ThrowIfNull(s);
        double range = s.InitialRange;
        return Run(start, s, batch => initialConditions.FillUniform(batch, -range, range));
    }

    /// <summary>Trains from <paramref name="start"/> on the same fixed batch every epoch (sample-major, length 2·Batch).</summary>
    public static ReducedTrainingResult Run(OrderParameters start, ReducedTrainingSettings s, ReadOnlySpan<double> fixedBatch)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (fixedBatch.Length != 2 * s.Batch)
            throw new ArgumentException($"fixedBatch has {fixedBatch.Length} values: reduced_training.batch = {s.Batch} needs {2 * s.Batch} (sample-major position, velocity)", nameof(fixedBatch));
        var copy = fixedBatch.ToArray();
        return Run(start, s, batch => copy.CopyTo(batch));
    }

    /// <summary>
    /// The `lr-published` loss of P_eff and its exact gradient with respect to (σ_zm, σ_zu, σ_vm, σ_vu):
    /// s₀ = (x₀, 0, 0), s_{t+1} = P_eff s_t, u_t = σ_zm κ_m + σ_zu κ_u,
    /// loss = mean_{t,i,b} x²_{t,b,i} (t = 0..T−1) + β·mean_b Σ_t u²_{t,b}.
    /// </summary>
    /// <param name="o">Order parameters.</param>
    /// <param name="batch">Initial states, sample-major <c>[2b + i]</c> (position, velocity).</param>
    /// <param name="steps">Episode length T ≥ 1.</param>
    /// <param name="beta">Control-penalty weight β ≥ 0.</param>
    public static ReducedLoss LossAndGradient(OrderParameters o, ReadOnlySpan<double> batch, int steps, double beta)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (batch.Length == 0 || batch.Length % 2 != 0)
            throw new ArgumentException($"batch has {batch.Length} values: it must hold (position, velocity) pairs for at least one sample", nameof(batch));
        if (steps < 1) throw new ArgumentException($"steps = {steps} is not allowed: it must be >= 1", nameof(steps));
        if (!(beta >= 0)) throw new ArgumentException($"beta = {beta} is not allowed: it must be >= 0", nameof(beta));
        int n = batch.Length / 2;
        double a = 1.0 / (2.0 * steps * n), c = beta / n;
        var s = new double[4 * steps];
        var grad = new double[4];
        double stateSum = 0, controlSum = 0;
        for (int b = 0; b < n; b++)
        {
            Forward(o, batch[2 * b], batch[2 * b + 1], s, ref stateSum, ref controlSum);
            Backward(o, s, steps, 2 * a, 2 * c, grad);
        }
        double state = a * stateSum, control = c * controlSum;
        return new ReducedLoss(state + control, state, control, grad);
    }

    private static void Forward(OrderParameters o, double x0, double v0, double[] s, ref double stateSum, ref double controlSum)
    {
        double x = x0, v = v0, km = 0, ku = 0;
        int steps = s.Length / 4;
        for (int t = 0; t < steps; t++)
        {
            s[4 * t] = x;
            s[4 * t + 1] = v;
            s[4 * t + 2] = km;
            s[4 * t + 3] = ku;
            double u = o.SigmaZm * km + o.SigmaZu * ku;
            stateSum += x * x + v * v;
            controlSum += u * u;
            double xNext = x + v;
            (x, v, km, ku) = (xNext, v + u, xNext, o.SigmaVm * km + o.SigmaVu * ku);
        }
    }

    /// <summary>
    /// Adjoint pass for one trajectory: g_t = ∂ℓ_t/∂s_t + P_effᵀ g_{t+1}; ∂L/∂P_eff = Σ_t g_{t+1} s_tᵀ, plus the direct
    /// control terms. <paramref name="wx"/> = 2a and <paramref name="wu"/> = 2c are the per-element loss slopes.
    /// </summary>
    private static void Backward(OrderParameters o, double[] s, int steps, double wx, double wu, double[] grad)
    {
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0; // g_{t+1}
        for (int t = steps - 1; t >= 0; t--)
        {
            double x = s[4 * t], v = s[4 * t + 1], km = s[4 * t + 2], ku = s[4 * t + 3];
            double u = o.SigmaZm * km + o.SigmaZu * ku;
            // ∂L/∂P_eff entries (1,2) σ_zm, (1,3) σ_zu, (3,2) σ_vm, (3,3) σ_vu from the transition s_t → s_{t+1}.
            grad[0] += g1 * km + wu * u * km;
            grad[1] += g1 * ku + wu * u * ku;
            grad[2] += g3 * km;
            grad[3] += g3 * ku;
            double n0 = wx * x + g0 + g2;
            double n1 = wx * v + g0 + g1 + g2;
            double n2 = wu * u * o.SigmaZm + o.SigmaZm * g1 + o.SigmaVm * g3;
            double n3 = wu * u * o.SigmaZu + o.SigmaZu * g1 + o.SigmaVu * g3;
            (g0, g1, g2, g3) = (n0, n1, n2, n3);
        }
    }

    private static ReducedTrainingResult Run(OrderParameters start, ReducedTrainingSettings s, Action<Span<double>> fillBatch)
    {
        ArgumentNullException.ThrowIfNull(start);
        s.Validated();
        int epochs = s.Epochs;
        var theta = start.ToArray();
        var optimizer = new Optimizer<double>(s.Optimizer, [4]);
        var batch = new double[2 * s.Batch];
        var losses = new double[epochs];
        var stateLosses = new double[epochs];
        var controlLosses = new double[epochs];
        var norms = new double[epochs];
        var parameters = new OrderParameters[epochs];
        var roots = new Complex[epochs][];
        for (int e = 0; e < epochs; e++)
        {
            var o = new OrderParameters(theta[0], theta[1], theta[2], theta[3]);
            fillBatch(batch);
            var loss = LossAndGradient(o, batch, s.Steps, s.Beta);
            (losses[e], stateLosses[e], controlLosses[e]) = (loss.Value, loss.StateTerm, loss.ControlTerm);
            parameters[e] = o;
            roots[e] = RankOneModel.CubicRootsOrNaN(o);
            var gradient = loss.Gradient;
            (norms[e], _) = GradientClipping.Apply([gradient], s.Optimizer.ClipNorm);
            optimizer.Step([theta], [gradient]);
        }
        var final = new OrderParameters(theta[0], theta[1], theta[2], theta[3]);
        return new ReducedTrainingResult(s, start, losses, stateLosses, controlLosses, norms, parameters, roots, final);
    }
}
