using System.Numerics;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Theory;

/// <summary>
/// Settings of Stage-3 reduced-model training (docs/science/analysis-maths.md §6) with the `lr-published` protocol: per epoch a batch
/// x₀ ~ U(−L, L)², a rollout of P_eff from κ = 0 for T steps, loss mean_{t,i,b} x² + β·mean_b Σ_t u_t², and one
/// optimiser update (every epoch, including epoch 0).
/// </summary>
public sealed record ReducedTrainingSettings
{
    /// <summary>Number of epochs E (one batch and one update each).</summary>
    public int Epochs { get; init; } = 1000;
    /// <summary>Batch size n_b.</summary>
    public int Batch { get; init; } = 100;
    /// <summary>Episode length T.</summary>
    public int Steps { get; init; } = 50;
    /// <summary>Half-width L of the initial-state box U(−L, L)².</summary>
    public double InitialRange { get; init; } = 2.0;
    /// <summary>Control-penalty weight β.</summary>
    public double Beta { get; init; }
    /// <summary>Optimiser and clipping (default SGD, lr 0.01, clip 1.0).</summary>
    public OptimizerSettings Optimizer { get; init; } = new();

    /// <summary>Checks every field; throws naming the field, the value and what is allowed.</summary>
    public ReducedTrainingSettings Validated()
    {
        if (Epochs < 1) throw new ArgumentException($"reduced_training.epochs = {Epochs} is not allowed: it must be >= 1");
        if (Batch < 1) throw new ArgumentException($"reduced_training.batch = {Batch} is not allowed: it must be >= 1");
        if (Steps < 1) throw new ArgumentException($"reduced_training.steps = {Steps} is not allowed: it must be >= 1");
        if (!(InitialRange > 0) || double.IsInfinity(InitialRange)) throw new ArgumentException($"reduced_training.initial_range = {InitialRange} is not allowed: it must be > 0 and finite");
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw new ArgumentException($"reduced_training.beta = {Beta} is not allowed: it must be >= 0 and finite");
        ArgumentNullException.ThrowIfNull(Optimizer, "reduced_training.optimizer");
        Optimizer.Validated();
        return this;
    }
}

/// <summary>The reduced-model loss of the `lr-published` protocol and its gradient.</summary>
/// <param name="Value">Total loss = StateTerm + ControlTerm.</param>
/// <param name="StateTerm">mean over steps t = 0..T−1, components and batch of x².</param>
/// <param name="ControlTerm">β · mean over batch of Σ_t u_t².</param>
/// <param name="Gradient">Gradient with respect to (σ_zm, σ_zu, σ_vm, σ_vu).</param>
public sealed record ReducedLoss(double Value, double StateTerm, double ControlTerm, double[] Gradient);

/// <summary>
/// Per-epoch history of reduced-model training. Entry e uses the parameters after e updates (loss e is computed with
/// them); <see cref="Final"/> holds the parameters after all E updates.
/// </summary>
public sealed record ReducedTrainingResult(
    ReducedTrainingSettings Settings,
    OrderParameters Start,
    double[] Losses,
    double[] StateLosses,
    double[] ControlLosses,
    double[] GradientNorms,
    OrderParameters[] Parameters,
    Complex[][] CubicRoots,
    OrderParameters Final);
