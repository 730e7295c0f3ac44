using System.Diagnostics;
using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Training;

/// <summary>Optional starting points of a run, and how it executes.</summary>
public sealed record TrainingInputs
{
    /// <summary>Threads for the parts of each batch (results do not depend on it; see <see cref="EpisodeRunner"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Initial weights (default: drawn from the init stream of the seed).</summary>
    public NetworkParameters? Initial { get; init; }
    /// <summary>The fixed teacher of an open-loop run.</summary>
    public NetworkParameters? Teacher { get; init; }

    /// <summary>Continue from this state (a checkpoint of an interrupted run of the same settings) instead of epoch 0.</summary>
    public TrainingState? Resume { get; init; }

    /// <summary>What to do when an epoch's loss or gradient is not finite.</summary>
    public DivergencePolicy Divergence { get; init; } = DivergencePolicy.Continue;

    /// <summary>When to hand periodic checkpoints to the observers (one is always taken when interrupted).</summary>
    public CheckpointSchedule Checkpoints { get; init; } = CheckpointSchedule.OnlyWhenInterrupted;

    /// <summary>Receives every epoch's random draws (null: nothing recorded, at no cost).</summary>
    public IDrawRecorder? Draws { get; init; }
}

/// <summary>The end state of a run.</summary>
public sealed record TrainingResult(
    RunSettings Settings,
    NetworkParameters Initial,
    NetworkParameters Final,
    int Epochs,
    int Updates,
    int NonFiniteEpochs,
    int BasisEpochs,
    TimeSpan Elapsed,
    TrainingEnd End,
    int GcCollections,
    int? FirstNonFiniteEpoch = null)
{
    /// <summary>True when the run was interrupted before its last epoch.</summary>
    public bool Cancelled => End == TrainingEnd.Interrupted;
}

/// <summary>
/// Runs the epoch loop of docs/science/model-and-training.md §8.4: each epoch draws a fresh batch, computes the loss and its exact gradient,
/// clips, updates (by the schedule), and reports a history row for checkpoint e = the weights after e updates.
/// Loss overflow or NaN is reported and the update skipped; training goes on (or stops, by
/// <see cref="TrainingInputs.Divergence"/>). Between epochs the loop hands checkpoints of its whole state to the
/// observers (<see cref="IRunObserver.OnCheckpoint"/>) by <see cref="TrainingInputs.Checkpoints"/> and when cancelled,
/// and a run given such a state in <see cref="TrainingInputs.Resume"/> continues bit for bit.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(RunSettings settings, TrainingInputs inputs, IReadOnlyList<ICheckpointMonitor> monitors, IRunObserver observer, CancellationToken cancel = default)
    {
        settings.Validated();
        return settings.Precision == Precision.Single
            ? Run<float>(settings, inputs, monitors, observer, cancel)
            : Run<double>(settings, inputs, monitors, observer, cancel);
    }

    private static TrainingResult Run<T>(RunSettings settings, TrainingInputs inputs, IReadOnlyList<ICheckpointMonitor> monitors, IRunObserver observer, CancellationToken cancel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var session = new TrainingSession<T>(settings, inputs, monitors, observer);
        return session.Run(cancel);
    }

    /// <summary>Epochs of the <see cref="SnapshotSchedule.LogSpaced"/> schedule below <paramref name="epochs"/> (always 0 and the last).</summary>
    public static SortedSet<int> LogSpacedEpochs(int epochs)
    {
        var set = new SortedSet<int> { 0, epochs - 1 };
        double[] mantissas = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
        for (double dec = 1; dec < epochs; dec *= 10)
            foreach (var m in mantissas)
            {
                int e = (int)Math.Round(m * dec);
                if (e < epochs) set.Add(e);
            }
        return set;
    }
}

/// <summary>
/// The state of one run between epochs (weights, optimiser, streams, buffers). The training loop runs in element type T
/// (docs/engine.md "Precision"): for double the engine works on the float64 parameters themselves; for float it works on
/// float weights and optimiser state, and the float64 parameters that monitors, snapshots and checkpoints read are
/// refreshed from them (exactly: float to double) when one of those needs them, at most once per epoch.
/// </summary>
internal sealed class TrainingSession<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RunSettings _s;
    private readonly IReadOnlyList<ICheckpointMonitor> _monitors;
    private readonly IRunObserver _observer;
    private readonly NetworkParameters _params, _initial;
    private readonly NetworkWeights<T> _weights, _grad;
    private readonly NetworkWeights<T>? _teacher;
    private readonly Optimizer<T> _optimizer;
    private readonly List<T[]> _paramBlocks, _gradBlocks;
    private readonly (T[] Engine, double[] Reported, string Name)[] _sync;
    private readonly EpisodeRunner<T> _runner;
    private readonly IDrawRecorder? _drawRecorder;
    private readonly IReadOnlyList<DrawnArray> _draws = [];
    private readonly SortedSet<int> _snapshots;
    private readonly int _metricCount;
    private readonly int[] _metricOffsets;
    private readonly TrainingInputs _inputs;
    private int _checkpointUpdates, _startEpoch, _nonFinite, _basis;
    private int? _firstNonFinite;

    public TrainingSession(RunSettings s, TrainingInputs inputs, IReadOnlyList<ICheckpointMonitor> monitors, IRunObserver observer)
    {
        _s = s;
        _inputs = inputs;
        _monitors = monitors;
        _observer = observer;
        var streams = new RandomStreams(s.Seed, s.EvalSeed);
        var net = s.LearnerNetwork;
        var drawn = inputs.Initial ?? Initializer.Create(s.Network, streams.Init());
        _params = drawn.CloneWith(net);
        _weights = InEngine(_params);
        _sync = ReferenceEquals(_weights, _params) ? []
            : _weights.Blocks().Zip(_params.Blocks(), (w, p) => (w.Values, p.Values, p.Name)).ToArray();
        SyncParameters(); // a float run starts from (and reports) the float values of the drawn weights
        _initial = _params.Clone();
        _grad = new NetworkWeights<T>(net);
        if (s.Mode == LoopMode.Open)
            _teacher = InEngine(inputs.Teacher ?? throw new ArgumentException("an open-loop run needs a teacher (train the closed-loop twin first or pass --teacher)"));
        _runner = new EpisodeRunner<T>(s, streams, Math.Max(1, inputs.Threads));
        _drawRecorder = inputs.Draws;
        if (_drawRecorder is not null) _draws = _runner.RecordDraws();
        _paramBlocks = _weights.TrainableBlocks().Select(b => b.Values).ToList();
        _gradBlocks = _grad.TrainableBlocks().Select(b => b.Values).ToList();
        _optimizer = new Optimizer<T>(s.Optimizer, _paramBlocks.Select(b => b.Length).ToList());
        _snapshots = s.Snapshots == SnapshotSchedule.EveryEpoch ? new SortedSet<int>(Enumerable.Range(0, s.Epochs)) : Trainer.LogSpacedEpochs(s.Epochs);
        foreach (var e in s.SnapshotEpochs) if (e >= 0 && e < s.Epochs) _snapshots.Add(e);
        _metricOffsets = new int[monitors.Count];
        for (int i = 0; i < monitors.Count; i++)
        {
            _metricOffsets[i] = _metricCount;
            _metricCount += monitors[i].Columns.Count;
        }
        if (inputs.Resume is { } state) Restore(state);
    }

    public TrainingResult Run(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = TimeSpan.Zero;
        _observer.Begin(_s, _monitors.SelectMany(m => m.Columns).ToList());
        var end = TrainingEnd.Completed;
        int epoch = _startEpoch, gc0 = GC.CollectionCount(0);
        for (; epoch < _s.Epochs; epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                end = TrainingEnd.Interrupted;
                _observer.OnCheckpoint(Capture(epoch));
                break;
            }
            if (RunEpoch(epoch) == EpochStatus.NonFinite && _inputs.Divergence == DivergencePolicy.Stop)
            {
                end = TrainingEnd.StoppedOnDivergence;
                epoch++;
                break;
            }
            if (epoch + 1 < _s.Epochs && _inputs.Checkpoints.IsDue(epoch + 1, clock.Elapsed - lastCheckpoint))
            {
                _observer.OnCheckpoint(Capture(epoch + 1));
                lastCheckpoint = clock.Elapsed;
            }
        }
        int gc = GC.CollectionCount(0) - gc0;
        SyncParameters();
        return new TrainingResult(_s, _initial, _params.Clone(), epoch, (int)_optimizer.Steps, _nonFinite, _basis, clock.Elapsed, end, gc, _firstNonFinite);
    }

    private EpochStatus RunEpoch(int epoch)
    {
        var metrics = new double?[_metricCount];
        var arrays = new CheckpointArrays();
        bool updateFirst = _s.Updates == UpdateSchedule.SkipFirstEpoch;
        if (!updateFirst) Checkpoint(epoch, metrics, arrays);
        var outcome = LossAndGradient();
        _drawRecorder?.Record(epoch, _draws);
        var (before, after) = GradientClipping.Apply(_gradBlocks, _s.Optimizer.ClipNorm);
        var status = Update(epoch, outcome.Loss, before);
        if (status == EpochStatus.NonFinite)
        {
            _nonFinite++;
            _firstNonFinite ??= epoch;
        }
        if (outcome.Path == SimulationPath.Basis) _basis++;
        if (updateFirst) Checkpoint(epoch, metrics, arrays);
        _observer.OnEpoch(new EpochRecord(epoch, _checkpointUpdates, outcome.Loss, before, after, outcome.Path, status, metrics, arrays));
        return status;
    }

    /// <summary>The state between epochs, <paramref name="epochsDone"/> epochs in (copies: training may go on).</summary>
    private TrainingState Capture(int epochsDone)
    {
        SyncParameters();
        return new(epochsDone, _params.Clone(), _initial.Clone(), _optimizer.Capture(), _runner.CaptureStreams(), _nonFinite, _basis, _firstNonFinite);
    }

    /// <summary>The engine's weights for <paramref name="p"/>: p itself in double, a rounded copy in float.</summary>
    private static NetworkWeights<T> InEngine(NetworkParameters p)
    {
        if (p is NetworkWeights<T> same) return same;
        var w = new NetworkWeights<T>(p.Settings);
        w.CopyFrom(p);
        return w;
    }

    /// <summary>Refreshes the float64 parameters from the engine's weights (nothing to do in double: they are the same).</summary>
    private void SyncParameters()
    {
        foreach (var (engine, reported, name) in _sync) NetworkWeights<double>.Convert(engine, reported, name);
    }

    private void Restore(TrainingState state)
    {
        if (state.Epoch < 0 || state.Epoch > _s.Epochs) throw new InvalidDataException($"the saved state is at epoch {state.Epoch}, outside this run's {_s.Epochs} epochs");
        state.Parameters.CopyTo(_params);
        if (!ReferenceEquals(_weights, _params)) _weights.CopyFrom(_params);
        state.Initial.CopyTo(_initial);
        _optimizer.Restore(state.Optimizer);
        _runner.RestoreStreams(state.Streams);
        (_startEpoch, _nonFinite, _basis, _firstNonFinite) = (state.Epoch, state.NonFiniteEpochs, state.BasisEpochs, state.FirstNonFiniteEpoch);
    }

    private EpisodeOutcome LossAndGradient() => _runner.Run(_weights, _teacher, _grad);

    public void Dispose() => _runner.Dispose();

    private EpochStatus Update(int epoch, LossTerms loss, double gradNorm)
    {
        if (!loss.IsFinite || !double.IsFinite(gradNorm)) return EpochStatus.NonFinite;
        if (epoch == 0 && _s.Updates == UpdateSchedule.SkipFirstEpoch) return EpochStatus.NoUpdateScheduled;
        _optimizer.Step(_paramBlocks, _gradBlocks);
        return EpochStatus.Updated;
    }

    private void Checkpoint(int epoch, double?[] metrics, CheckpointArrays arrays)
    {
        _checkpointUpdates = (int)_optimizer.Steps;
        bool synced = false;
        for (int i = 0; i < _monitors.Count; i++)
            if (_monitors[i].IsDue(epoch, _s.Epochs))
            {
                if (!synced) SyncParameters();
                synced = true;
                _monitors[i].Evaluate(epoch, _params, metrics.AsSpan(_metricOffsets[i], _monitors[i].Columns.Count), arrays);
            }
        if (!_snapshots.Contains(epoch)) return;
        if (!synced) SyncParameters();
        _observer.OnSnapshot(epoch, _params);
    }
}
