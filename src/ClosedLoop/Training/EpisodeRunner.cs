using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>How the batch of an epoch is split into parts (<see cref="EpisodeRunner{T}"/>).</summary>
internal static class EpisodeRunner
{
    /// <summary>Parts of a batch simulated trajectory by trajectory.</summary>
    public const int BatchParts = 2;

    /// <summary>Number of parts the batch of these settings is split into.</summary>
    public static int PartsOf(RunSettings s) =>
        Superposition.MayApply(s) || s.Plant.ProcessNoise > 0 || s.Plant.ObservationNoise > 0 || s.Episode.Batch < 2 * BatchParts ? 1 : BatchParts;
}

/// <summary>
/// Loss and exact gradient of one training epoch in element type T (double, or float in single precision). The batch
/// is split into a fixed number of parts — two when the batch is simulated trajectory by trajectory, one when a
/// superposition basis may be used or the plant is noisy — whose losses and gradients are summed in part order. The
/// parts run on <see cref="PartWorkers"/> threads when available; because the split is fixed by the settings, the
/// result is the same whatever the thread count. The draws are float64 in every precision (<see cref="RecordDraws"/>).
/// </summary>
internal sealed class EpisodeRunner<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RunSettings _s;
    private readonly int _k, _c, _batch, _parts;
    private readonly int[] _start, _size;
    private readonly ClosedLoopProblem<T>[]? _closed;
    private readonly OpenLoopProblem<T>[]? _open;
    private readonly NetworkWeights<T>[] _grads;
    private readonly EpisodeOutcome[] _outcomes;
    private readonly BatchDraw _whole;
    private readonly BatchDraw[] _partDraws;
    private readonly T[][] _partNoise;
    private readonly PartWorkers _workers;
    private readonly Action<int> _runPart;
    private readonly RandomStream _trainIc, _reference, _openLoop, _noise;
    private double[] _xi = [];
    private NetworkWeights<T>? _target;
    private T[][] _targetBlocks = [];
    private T[][][] _partBlocks = [];
    private NetworkWeights<T> _p = null!;
    private NetworkWeights<T>? _teacher;

    public EpisodeRunner(RunSettings s, RandomStreams streams, int threads)
    {
        _s = s;
        var plant = s.Plant.Build();
        var net = s.LearnerNetwork;
        _k = plant.StateSize;
        _c = plant.ObservationSize;
        _batch = s.Episode.Batch;
        _parts = EpisodeRunner.PartsOf(s);
        _start = new int[_parts];
        _size = new int[_parts];
        for (int i = 0, at = 0; i < _parts; i++)
        {
            _size[i] = _batch / _parts + (i < _batch % _parts ? 1 : 0);
            _start[i] = at;
            at += _size[i];
        }
        int phases = s.Reference?.Components.Count ?? 0;
        _whole = BatchDraw.Allocate(_batch, _k, phases, _batch);
        _partDraws = _size.Select(n => BatchDraw.Allocate(n, _k, phases, _batch)).ToArray();
        _partNoise = _size.Select(n => new T[s.Episode.Steps * n * net.Inputs]).ToArray();
        _grads = _size.Select(_ => new NetworkWeights<T>(net)).ToArray();
        _outcomes = new EpisodeOutcome[_parts];
        if (s.Mode == LoopMode.Open)
            _open = _size.Select(n => new OpenLoopProblem<T>(plant, net, s.Episode, s.Objective, s.Reference, s.OpenLoop.Variant, s.Superposition, n)).ToArray();
        else
            _closed = _size.Select(n => new ClosedLoopProblem<T>(plant, net, s.Episode, s.Objective, s.Reference, s.Superposition, n)).ToArray();
        _workers = new PartWorkers(Math.Min(threads, _parts));
        _runPart = RunPart;
        _trainIc = streams.TrainInitialConditions();
        _reference = streams.Reference();
        _openLoop = streams.OpenLoop();
        _noise = streams.Noise();
        if (IsWhiteNoise) _xi = new double[s.Episode.Steps * _batch * net.Inputs];
    }

    private bool IsWhiteNoise => _open is not null && _s.OpenLoop.Variant == OpenLoopVariant.WhiteNoise;

    public int Parts => _parts;

    /// <summary>The states of the training streams by name (everything an epoch draws; see <see cref="RandomStreams"/>).</summary>
    public IReadOnlyDictionary<string, ulong[]> CaptureStreams() => new SortedDictionary<string, ulong[]>(StringComparer.Ordinal)
    {
        ["train-ic"] = _trainIc.GetState(),
        ["reference"] = _reference.GetState(),
        ["openloop"] = _openLoop.GetState(),
        ["noise"] = _noise.GetState(),
    };

    /// <summary>Continues every training stream from states taken by <see cref="CaptureStreams"/>.</summary>
    public void RestoreStreams(IReadOnlyDictionary<string, ulong[]> states)
    {
        foreach (var (name, stream) in new[] { ("train-ic", _trainIc), ("reference", _reference), ("openloop", _openLoop), ("noise", _noise) })
            stream.SetState(states.TryGetValue(name, out var s) ? s : throw new InvalidDataException($"the saved random streams lack '{name}'"));
    }

    /// <summary>
    /// Draws the epoch's batch (initial states, reference phases, white-noise inputs), runs the parts and writes the
    /// summed gradient of the trainable blocks into <paramref name="grad"/>.
    /// </summary>
    public EpisodeOutcome Run(NetworkWeights<T> p, NetworkWeights<T>? teacher, NetworkWeights<T> grad)
    {
        _p = p;
        _teacher = teacher;
        Draw();
        _workers.Run(_parts, _runPart);
        var loss = new LossTerms(0, 0, 0);
        var path = _outcomes[0].Path;
        for (int i = 0; i < _parts; i++)
        {
            var l = _outcomes[i].Loss;
            loss = new LossTerms(loss.State + l.State, loss.Control + l.Control, loss.Imitation + l.Imitation);
            if (_outcomes[i].Path != SimulationPath.Basis) path = _outcomes[i].Path;
        }
        Sum(grad);
        return new EpisodeOutcome(loss, path);
    }

    private void Draw()
    {
        if (IsWhiteNoise)
        {
            _openLoop.FillNormal(_xi, 0, 1);
            for (int i = 0; i < _parts; i++)
                OpenLoopProblem<T>.CopyNoisePart(_xi, _batch, _start[i], _size[i], _s.Episode.Steps, _s.LearnerNetwork.Inputs, _partNoise[i]);
            return;
        }
        var phases = _open is null ? _reference : _openLoop;
        BatchSampler.DrawInto(_whole, _s.Episode.InitialStates, _k, _s.Reference, _trainIc, phases);
        for (int i = 0; i < _parts; i++) _partDraws[i].CopyPartOf(_whole, _start[i]);
    }

    /// <summary>
    /// The arrays every epoch draws, as views on this runner's buffers that each <see cref="Run"/> refills (names and
    /// shapes: <see cref="DrawnArray"/>). From this call on, a noisy plant also tapes its noise. In single precision these
    /// are the float64 draws before they are rounded to float.
    /// </summary>
    public IReadOnlyList<DrawnArray> RecordDraws()
    {
        int steps = _s.Episode.Steps;
        if (IsWhiteNoise) return [new("white_noise_inputs", [steps, _batch, _s.LearnerNetwork.Inputs], _xi)];
        var draws = new List<DrawnArray> { new("initial_states", [_batch, _k], _whole.InitialStates) };
        if (_whole.Phases is { } phases) draws.Add(new("reference_phases", [_batch, phases.Length / _batch], phases));
        if (_s.Plant.ProcessNoise > 0 || _s.Plant.ObservationNoise > 0)
        {
            // a noisy plant is simulated as one part (PartsOf), by one rollout
            var rollout = _closed is not null ? _closed[0].Rollout : _open![0].TeacherRollout;
            var tape = rollout.Tape = new NoiseTape(steps, _batch, _k, _c);
            if (_s.Plant.ProcessNoise > 0) draws.Add(new("process_noise", [steps, _batch, _k], tape.Process));
            if (_s.Plant.ObservationNoise > 0) draws.Add(new("observation_noise", [steps, _batch, _c], tape.Observation));
        }
        return draws;
    }

    private void RunPart(int i)
    {
        var noise = _parts == 1 ? _noise : null;
        _outcomes[i] = _closed is not null
            ? _closed[i].Run(_p, _partDraws[i], _grads[i], noise)
            : _s.OpenLoop.Variant == OpenLoopVariant.WhiteNoise
                ? _open![i].Run(_p, _teacher!, null, _partNoise[i], _grads[i], null, _batch)
                : _open![i].Run(_p, _teacher!, _partDraws[i], null, _grads[i], noise);
    }

    private void Sum(NetworkWeights<T> grad)
    {
        if (!ReferenceEquals(grad, _target))
        {
            _target = grad;
            _targetBlocks = grad.TrainableBlocks().Select(b => b.Values).ToArray();
            _partBlocks = _grads.Select(g => g.TrainableBlocks().Select(b => b.Values).ToArray()).ToArray();
        }
        for (int b = 0; b < _targetBlocks.Length; b++)
        {
            var d = _targetBlocks[b];
            _partBlocks[0][b].CopyTo(d, 0);
            for (int i = 1; i < _parts; i++) Gemm.Axpy(T.One, _partBlocks[i][b], d);
        }
    }

    public void Dispose() => _workers.Dispose();
}
