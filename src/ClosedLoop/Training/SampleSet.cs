namespace ClosedLoop.Training;

/// <summary>
/// The trajectories one rollout simulates, in the engine's element type T. Either the batch itself (<see cref="Gram"/> null: every trajectory has
/// weight one), or — for linear controllers of a noise-free linear plant — a basis of <see cref="Samples"/>
/// trajectories whose linear combinations are the batch: trajectory b of the batch is
/// <c>Σ_s Coefficients[b, s] · trajectory s</c>, and every quadratic loss over the batch equals the loss over the basis
/// weighted by the Gram matrix <c>G = Σ_b c_b c_bᵀ</c> (see docs/superposition.md).
/// </summary>
internal sealed class SampleSet<T> where T : unmanaged
{
    /// <summary>Number of simulated trajectories S.</summary>
    public required int Samples { get; set; }
    /// <summary>Batch size n_b used by the loss reductions (the real number of trajectories).</summary>
    public required int Batch { get; set; }
    /// <summary>Initial plant states, S×k.</summary>
    public required T[] InitialStates { get; set; }
    /// <summary>Exogenous reference per step, shape (steps, S, 2) flattened, or null.</summary>
    public T[]? Reference { get; set; }
    /// <summary>Loss weights between simulated trajectories (S×S), or null for the identity (a plain batch).</summary>
    public T[]? Gram { get; set; }
    /// <summary>Batch-from-basis coefficients (n_b×S) when this is a basis, else null.</summary>
    public T[]? Coefficients { get; set; }

    /// <summary>True when the trajectories are a basis rather than the batch itself.</summary>
    public bool IsBasis => Gram is not null;
}
