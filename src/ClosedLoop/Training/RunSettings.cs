using System.Text.Json.Serialization;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Training;

/// <summary>Closed-loop training (BPTT through the plant) or open-loop imitation of a teacher.</summary>
public enum LoopMode { Closed, Open }

/// <summary>The element type of the training loop (docs/engine.md "Precision"; docs/findings/precision.md says when single is safe).</summary>
public enum Precision
{
    /// <summary>float64 everywhere (the default).</summary>
    Double,
    /// <summary>Rollouts, backward passes, optimiser state and kernels in float32; monitors and theory in float64.</summary>
    Single,
}

/// <summary>When the optimiser updates (docs/science/model-and-training.md §8.4).</summary>
public enum UpdateSchedule
{
    /// <summary>Every epoch updates; row e of the history describes the weights before update e (lr-published).</summary>
    EveryEpoch,
    /// <summary>Epoch 0 records its loss but does not update; row e describes the weights after the update of epoch e.</summary>
    SkipFirstEpoch,
}

/// <summary>Settings of the open-loop twin of a preset (docs/science/model-and-training.md §6.2).</summary>
public sealed record OpenLoopSettings
{
    public OpenLoopVariant Variant { get; init; } = OpenLoopVariant.WhiteNoise;
    /// <summary>Blocks the student trains (null: the closed-loop network's set).</summary>
    public ParameterBlocks? Trainable { get; init; }
}

/// <summary>How checkpoints are evaluated in closed loop (docs/science/model-and-training.md §6.3).</summary>
public sealed record EvaluationSettings
{
    /// <summary>Number of evaluation trajectories n_ev.</summary>
    public int Count { get; init; } = 10;
    /// <summary>Initial states of the evaluation set (regulation).</summary>
    public InitialStates InitialStates { get; init; } = InitialStates.Box(1.0);
    /// <summary>Evaluate every this many epochs (the first and last epochs always).</summary>
    public int Every { get; init; } = 1;
    /// <summary>Extra deployed-loss horizons D_H (may exceed the episode length).</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [];
    /// <summary>Record spectra every this many epochs (0: never).</summary>
    public int SpectrumEvery { get; init; } = 1;
    /// <summary>Evaluate the tracking probes every this many epochs (0: never).</summary>
    public int ProbeEvery { get; init; } = 10;
    /// <summary>Which spectra to record.</summary>
    public SpectrumKinds Spectra { get; init; } = SpectrumKinds.Joint;
    /// <summary>How the effective gains are fitted (docs/science/analysis-maths.md §8.1).</summary>
    public Theory.GainFit GainFit { get; init; } = Theory.GainFit.Published;
    /// <summary>Where the joint Jacobian whose spectrum is recorded is taken (docs/generalisation.md; default the origin: P).</summary>
    public Theory.JacobianSettings Jacobian { get; init; } = new();
}

/// <summary>Which parameter snapshots are written (docs/science/model-and-training.md §8.5).</summary>
public enum SnapshotSchedule
{
    /// <summary>Every epoch (small models: the rank-1 model and reduced models).</summary>
    EveryEpoch,
    /// <summary>Epoch 0, the final epoch and a log-spaced set in between (dense networks).</summary>
    LogSpaced,
}

/// <summary>
/// Start a run from a checkpoint of another run instead of the init stream (restarts of Figs 4e, 5d). A relative
/// <see cref="Run"/> is resolved against the parent directory of the run being trained (its siblings).
/// </summary>
public sealed record StartFrom(string Run, int? Epoch = null);

/// <summary>Everything one training run needs; serialised as the <c>settings</c> of the run manifest.</summary>
public sealed record RunSettings
{
    public string Preset { get; init; } = "custom";
    public LoopMode Mode { get; init; } = LoopMode.Closed;
    public long Seed { get; init; }
    public long EvalSeed { get; init; } = Numerics.RandomStreams.DefaultEvalSeed;
    public int Epochs { get; init; } = 1000;
    public UpdateSchedule Updates { get; init; } = UpdateSchedule.EveryEpoch;
    public PlantSettings Plant { get; init; } = new();
    public NetworkSettings Network { get; init; } = new();
    public EpisodeSettings Episode { get; init; } = new();
    public ObjectiveSettings Objective { get; init; } = new();
    public OptimizerSettings Optimizer { get; init; } = new();
    public TrackingReference? Reference { get; init; }
    public OpenLoopSettings OpenLoop { get; init; } = new();
    public EvaluationSettings Evaluation { get; init; } = new();
    public SnapshotSchedule Snapshots { get; init; } = SnapshotSchedule.LogSpaced;
    /// <summary>Extra epochs whose snapshots are always written (stage boundaries, restarts).</summary>
    public IReadOnlyList<int> SnapshotEpochs { get; init; } = [];
    public SuperpositionUse Superposition { get; init; } = SuperpositionUse.Auto;
    /// <summary>
    /// The element type of the training loop. Left out of the JSON when it is double, so that the settings (and the
    /// names of cached run directories, <c>RunNaming</c>) of double-precision runs are the same as before it existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Precision Precision { get; init; } = Precision.Double;
    /// <summary>Initial weights from a checkpoint of another run (null: drawn from the seed's init stream).</summary>
    public StartFrom? Start { get; init; }

    /// <summary>Checks every field and the consistency between them; throws naming the field.</summary>
    public RunSettings Validated()
    {
        SizeLimits.Count("epochs", Epochs, 1, SizeLimits.MaxEpochs);
        if (Seed < 0) throw new ArgumentException($"seed = {Seed} is not allowed: it must be >= 0");
        var plant = Plant.Build();
        Network.Validated();
        Episode.Validated();
        Episode.InitialStates.Validated(plant.StateSize, "episode.initial_states");
        Objective.Validated(plant.StateSize);
        Optimizer.Validated();
        Reference?.Validated();
        if (Network.Outputs != plant.ControlSize) throw new ArgumentException($"network.outputs = {Network.Outputs} is not allowed: the plant takes {plant.ControlSize} controls");
        int exo = Reference is null ? 0 : 2;
        if (Network.Inputs != plant.ObservationSize + exo)
            throw new ArgumentException($"network.inputs = {Network.Inputs} is not allowed: the controller reads {plant.ObservationSize} observations{(exo > 0 ? " and 2 reference channels" : "")}, so it must be {plant.ObservationSize + exo}");
        if (Objective.Task == TaskKind.Tracking && Reference is null) throw new ArgumentException("objective.task = tracking needs a reference");
        if (plant is RingPlant) ValidateRing();
        if (Reference is not null && Reference.Steps < Episode.Steps) throw new ArgumentException($"reference.steps = {Reference.Steps} is shorter than episode.steps = {Episode.Steps}");
        SizeLimits.Count("evaluation.count", Evaluation.Count, 1, SizeLimits.MaxBatch);
        if (Evaluation.Every < 1) throw new ArgumentException($"evaluation.every = {Evaluation.Every} is not allowed: it must be >= 1");
        if (Evaluation.SpectrumEvery < 0) throw new ArgumentException($"evaluation.spectrum_every = {Evaluation.SpectrumEvery} is not allowed: it must be >= 0");
        foreach (var h in Evaluation.Horizons)
            if (h < 1 || h > SizeLimits.MaxSteps) throw new ArgumentException($"evaluation.horizons contains {h}: horizons must be in [1, {SizeLimits.MaxSteps}]");
        SizeLimits.Count("the length of evaluation.horizons", Evaluation.Horizons.Count, 0, SizeLimits.MaxListLength);
        SizeLimits.Count("the length of snapshot_epochs", SnapshotEpochs.Count, 0, SizeLimits.MaxListLength);
        Evaluation.InitialStates.Validated(plant.StateSize, "evaluation.initial_states");
        SizeLimits.CheckProducts(this, plant.StateSize);
        return this;
    }

    private void ValidateRing()
    {
        if (Objective.Task != TaskKind.Regulation || Reference is not null)
            throw new ArgumentException($"objective.task = {Objective.Task} is not allowed with plant.kind = ring: the ring regulates the angle error to its own target (plant.ring), so the task must be regulation with no reference");
        if (Objective.Target is not null)
            throw new ArgumentException("objective.target is not allowed with plant.kind = ring: the target angle is plant.ring.target_amplitude / target_frequency");
    }

    /// <summary>The network settings of the learner of this mode (the open-loop student may train other blocks).</summary>
    [JsonIgnore]
    public NetworkSettings LearnerNetwork => Mode == LoopMode.Open && OpenLoop.Trainable is { } t ? Network with { Trainable = t } : Network;
}
