using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>Loss of one episode and how it was simulated.</summary>
public readonly record struct EpisodeOutcome(LossTerms Loss, SimulationPath Path);

/// <summary>How an episode was simulated.</summary>
public enum SimulationPath
{
    /// <summary>Every trajectory of the batch.</summary>
    Batch,
    /// <summary>A superposition basis, weighted by its Gram matrix.</summary>
    Basis,
    /// <summary>A basis was tried, the clamp would have acted, and the batch was simulated instead.</summary>
    BatchAfterClamp,
}

/// <summary>
/// Closed-loop loss and exact gradient of one episode (docs/science/model-and-training.md §6.1): rollout through controller and plant,
/// objective, backward pass. Chooses between the batch and the superposition basis. Element type T: double, or float
/// in single precision.
/// </summary>
internal sealed class ClosedLoopProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPlant _plant;
    private readonly EpisodeSettings _ep;
    private readonly ObjectiveSettings _obj;
    private readonly SuperpositionUse _sup;
    private readonly ClosedLoopRollout<T> _rollout;
    private readonly Objective<T> _objective;
    private readonly T[] _dLdX, _dLdU, _scratch;
    private readonly SampleSets<T> _sets;

    public ClosedLoopProblem(IPlant plant, NetworkSettings net, EpisodeSettings ep, ObjectiveSettings obj,
        TrackingReference? reference, SuperpositionUse sup, int maxBatch)
    {
        _plant = plant;
        _ep = ep;
        _obj = obj;
        _sup = sup;
        int steps = ep.Steps, k = plant.StateSize;
        _rollout = new ClosedLoopRollout<T>(plant, net, maxBatch, steps);
        _objective = new Objective<T>(obj, plant, ep.LossTiming);
        _dLdX = new T[(steps + 1) * maxBatch * k];
        _dLdU = new T[steps * maxBatch * plant.ControlSize];
        _scratch = new T[maxBatch * k];
        _sets = new SampleSets<T>(reference, k);
    }

    public ClosedLoopRollout<T> Rollout => _rollout;
    public Objective<T> Objective => _objective;

    /// <summary>
    /// Runs the episode of <paramref name="draw"/> with weights <paramref name="p"/>; when <paramref name="grad"/> is
    /// given, writes the gradient of the total loss into its trainable blocks.
    /// </summary>
    public EpisodeOutcome Run(NetworkWeights<T> p, BatchDraw draw, NetworkWeights<T>? grad, RandomStream? noise)
    {
        var (set, path) = Simulate(p, draw, noise);
        var loss = grad is null
            ? _objective.ClosedLoop(_rollout, set, default, default)
            : _objective.ClosedLoop(_rollout, set, _dLdX, _dLdU);
        if (grad is not null) _rollout.Backward(_dLdX, _dLdU, grad);
        return new EpisodeOutcome(loss, path);
    }

    /// <summary>Forward simulation of a given set of trajectories (no superposition, no gradient).</summary>
    public void RunFixed(NetworkWeights<T> p, SampleSet<T> set) =>
        _rollout.Forward(p, set, _ep.Steps, _ep.FirstControl, ClampUse.Apply, null);

    /// <summary>Forward simulation only; returns the simulated set (batch or basis) and the path taken.</summary>
    public (SampleSet<T> Set, SimulationPath Path) Simulate(NetworkWeights<T> p, BatchDraw draw, RandomStream? noise) =>
        _rollout.ForwardBatchOrBasis(p, draw, _sets, _sup == SuperpositionUse.Auto && Superposition.IsExact(p, _plant, _obj),
            _ep.Steps, _ep.FirstControl, noise, _scratch);
}
