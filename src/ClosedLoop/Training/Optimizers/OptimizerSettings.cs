namespace ClosedLoop.Training.Optimizers;

/// <summary>The optimisers of docs/science/model-and-training.md §8.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent θ ← θ − η g (no momentum, no weight decay).</summary>
    Sgd,
    /// <summary>Adam with PyTorch's semantics (ε added after the bias-corrected square root).</summary>
    Adam,
}

/// <summary>Optimiser and clipping settings.</summary>
public sealed record OptimizerSettings
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;
    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.01;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Global-norm clipping threshold c_max, or null for no clipping.</summary>
    public double? ClipNorm { get; init; } = 1.0;

    public OptimizerSettings Validated()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"optimizer.learning_rate = {LearningRate} is not allowed: it must be > 0 and finite");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"optimizer.beta1 = {Beta1} is not allowed: it must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"optimizer.beta2 = {Beta2} is not allowed: it must be in [0, 1)");
        if (!(Epsilon > 0)) throw new ArgumentException($"optimizer.epsilon = {Epsilon} is not allowed: it must be > 0");
        if (ClipNorm is { } c && !(c > 0 && double.IsFinite(c))) throw new ArgumentException($"optimizer.clip_norm = {c} is not allowed: it must be > 0 and finite, or none (no clipping)");
        return this;
    }
}
