using System.Text.Json.Serialization;
namespace ClosedLoop.Training;

/// <summary>Reduction of the per-step state term over batch and costed components (docs/science/model-and-training.md §5).</summary>
public enum StateReduction
{
    /// <summary>Mean over batch and costed components.</summary>
    MeanElements,
    /// <summary>Sum over components, mean over batch.</summary>
    SumDimsMeanBatch,
}

/// <summary>Reduction of the per-step control term (docs/science/model-and-training.md §5).</summary>
public enum ControlReduction
{
    /// <summary>Sum over batch and controls (the effective weight grows with the batch).</summary>
    SumBatch,
    /// <summary>Sum over controls, mean over batch.</summary>
    MeanBatch,
    /// <summary>Mean over batch and controls.</summary>
    MeanElements,
}

/// <summary>Reduction over time: a sum over steps (ν = 1) or a mean (ν = 1/T).</summary>
public enum TimeReduction { Sum, Mean }

/// <summary>What the state term measures.</summary>
public enum TaskKind
{
    /// <summary>Regulation: the error is x_t − x* over all state components.</summary>
    Regulation,
    /// <summary>Tracking: the error is C x − r[t] (observed positions against the reference at the same index).</summary>
    Tracking,
}

/// <summary>
/// The episode loss <c>L = w (ν_S Σ_t S_t + β ν_K Σ_t K_t)</c> and its reductions (docs/science/model-and-training.md §5).
/// </summary>
public sealed record ObjectiveSettings
{
    public TaskKind Task { get; init; } = TaskKind.Regulation;
    public StateReduction StateReduction { get; init; } = StateReduction.MeanElements;
    public TimeReduction StateTime { get; init; } = TimeReduction.Mean;
    public ControlReduction ControlReduction { get; init; } = ControlReduction.MeanBatch;
    public TimeReduction ControlTime { get; init; } = TimeReduction.Sum;
    /// <summary>Control-penalty weight β.</summary>
    public double Beta { get; init; }
    /// <summary>Step weight w (1 or dt).</summary>
    public double StepWeight { get; init; } = 1.0;
    /// <summary>Time reduction of the imitation loss (open loop).</summary>
    public TimeReduction ImitationTime { get; init; } = TimeReduction.Sum;
    /// <summary>Regulation target x* (null = 0).</summary>
    public IReadOnlyList<double>? Target { get; init; }

    public ObjectiveSettings Validated(int stateSize)
    {
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw new ArgumentException($"objective.beta = {Beta} is not allowed: it must be >= 0 and finite");
        if (!(StepWeight > 0) || double.IsInfinity(StepWeight)) throw new ArgumentException($"objective.step_weight = {StepWeight} is not allowed: it must be > 0");
        if (Target is { } t && t.Count != stateSize) throw new ArgumentException($"objective.target has {t.Count} values, expected {stateSize} (the plant state size)");
        return this;
    }

    /// <summary>True when the regulation target is the origin.</summary>
    [JsonIgnore]
    public bool TargetIsZero => Target is null || Target.All(v => v == 0);
}
