namespace ClosedLoop.Training;

/// <summary>
/// The named terms of an episode loss (docs/science/model-and-training.md §5): state cost <c>w ν_S Σ_t S_t</c>, control cost
/// <c>w β ν_K Σ_t K_t</c> (β included) and, in open loop, the imitation cost; <see cref="Total"/> is their sum.
/// </summary>
public readonly record struct LossTerms(double State, double Control, double Imitation)
{
    public double Total => State + Control + Imitation;

    /// <summary>True when every term is finite.</summary>
    public bool IsFinite => double.IsFinite(State) && double.IsFinite(Control) && double.IsFinite(Imitation);
}
