using System.Globalization;
using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>One part of a memory estimate: what it is, the settings that size it (as typed, with values) and its bytes.</summary>
/// <param name="What">What the memory holds, e.g. "trajectory buffers of the training batch".</param>
/// <param name="Fields">The settings that size it, e.g. "episode.batch × episode.steps × network.hidden = 100 × 50 × 100".</param>
/// <param name="Bytes">Its size.</param>
public sealed record MemoryTerm(string What, string Fields, long Bytes);

/// <summary>
/// What one training run needs, computed from its settings before anything is allocated (every buffer of a run is
/// sized once, from N, batch, steps, inputs, outputs, plant size, parts, monitors, the snapshot schedule and the
/// element size of the training loop (8 bytes, 4 in single precision); see docs/errors-and-limits.md). Memory is the
/// peak of the managed heap, disk the size of the run directory, time the wall time at the engine's measured speed.
/// </summary>
/// <param name="Terms">Memory by purpose, largest first.</param>
/// <param name="MemoryBytes">Total memory: the terms times <see cref="ResourceEstimates.Margin"/>, plus the runtime's own baseline.</param>
/// <param name="DiskBytes">Size of the run directory when it is finished (an open-loop run includes its teacher).</param>
/// <param name="Seconds">Estimated wall time (an open-loop run includes training its teacher).</param>
/// <param name="TimeFields">The settings that set the time, as typed, with their values.</param>
public sealed record ResourceEstimate(IReadOnlyList<MemoryTerm> Terms, long MemoryBytes, long DiskBytes, double Seconds, string TimeFields)
{
    /// <summary>The largest memory term.</summary>
    public MemoryTerm Dominant => Terms[0];

    /// <summary>Bytes in words: "999 B", "512 MB", "1.5 GB", "3.2 TB".</summary>
    public static string Bytes(double b) => b switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{b:0} B"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{b / 1e3:0.#} kB"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{b / 1e6:0.#} MB"),
        < 1e12 => string.Create(CultureInfo.InvariantCulture, $"{b / 1e9:0.#} GB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{b / 1e12:0.#} TB"),
    };

    /// <summary>Seconds in words: "40 s", "12 min", "3.5 h", "20 days".</summary>
    public static string Duration(double s) => s switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{s:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{s / 60:0} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{s / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{s / 86400:0} days"),
    };
}

/// <summary>Computes <see cref="ResourceEstimate"/>s from settings alone (nothing is allocated).</summary>
public static class ResourceEstimates
{
    /// <summary>Memory of the runtime itself (JIT, libraries, plotting) besides a run's buffers.</summary>
    public const long BaselineBytes = 64L << 20;

    /// <summary>Factor on the itemised buffers for what is not itemised (objects, small arrays, the monitors' transient
    /// matrices): measured allocations of runs whose buffers dominate come to 0.8–1.0 of the itemised sum.</summary>
    public const double Margin = 1.25;

    /// <summary>Floating-point operations per second one thread is assumed to sustain in the engine's matrix kernels
    /// in double precision (calibrated on the speed workloads, docs/errors-and-limits.md); single precision is assumed
    /// twice as fast (twice the lanes).</summary>
    public const double FlopsPerSecond = 2e10;

    /// <summary>Seconds of bookkeeping per trajectory step of the batch (drawing, reconstruction, losses), which
    /// dominate the small rank-1 model.</summary>
    public const double SecondsPerSampleStep = 1e-7;

    /// <summary>The estimate of one run (with its teacher, for an open-loop run that trains one).</summary>
    /// <param name="s">The run's settings.</param>
    /// <param name="threads">Threads for the batch parts.</param>
    /// <param name="withMonitors">False for speed workloads, which run without checkpoint monitors.</param>
    public static ResourceEstimate Of(RunSettings s, int threads = 1, bool withMonitors = true)
    {
        ArgumentNullException.ThrowIfNull(s);
        var d = new Dims(s);
        int parts = EpisodeRunner.PartsOf(s), element = s.Precision == Precision.Single ? 4 : 8;
        bool open = s.Mode == LoopMode.Open, adam = s.Optimizer.Kind == Optimizers.OptimizerKind.Adam;
        int passesPerPart = open ? 3 : 1;
        int passes = parts * passesPerPart + (withMonitors ? 1 + (Probes(s) > 0 ? 1 : 0) : 0);
        double copies = 6 + parts + (open ? 1 : 0) + (adam ? 2 : 0);
        var terms = new List<MemoryTerm>
        {
            // In single precision the float64 parameters the monitors read are two copies more (current and initial).
            new("weights, gradients and optimiser state", $"network.hidden = {d.N}",
                Bytes(copies * d.Params + passes * (d.TransposedW ? d.G * d.N * d.N : 0), element) + (element == 4 ? Bytes(2 * d.Params) : 0)),
            new("trajectory buffers of the training batch",
                $"episode.batch × episode.steps × network.hidden = {s.Episode.Batch} × {s.Episode.Steps} × {d.N}",
                Bytes(passesPerPart * Rollout(d, s.Episode.Batch, s.Episode.Steps), element) + (open ? Bytes(2.0 * s.Episode.Steps * s.Episode.Batch * d.Nin) : 0)),
        };
        if (withMonitors)
        {
            int te = EvaluationSteps(s);
            terms.Add(new("evaluation rollouts", $"evaluation.count × horizon × network.hidden = {s.Evaluation.Count} × {te} × {d.N}",
                Bytes(Rollout(d, s.Evaluation.Count, te) + (te + 1.0) * s.Evaluation.Count * d.K + Rollout(d, Probes(s), s.Episode.Steps))));
            if (s.Evaluation.Spectra != SpectrumKinds.None && s.Evaluation.SpectrumEvery > 0)
                terms.Add(new("spectra of the joint matrix", $"network.hidden + plant size = {d.N} + {d.K}", Bytes(4.0 * (d.N + d.K) * (d.N + d.K))));
            if (Responses(s) > 0)
                terms.Add(new("closed-loop frequency response", $"network.hidden + plant size = {d.N} + {d.K}",
                    Bytes((6.0 + 2 * Responses(s)) * (d.N + d.K) * (d.N + d.K))));
            terms.Add(new("per-epoch history", $"epochs = {s.Epochs}",
                Bytes(s.Epochs * (2.0 * 16 * Columns(s) + (s.Snapshots == SnapshotSchedule.EveryEpoch ? 48 : 0)))));
        }
        terms.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        long memory = BaselineBytes + (long)(Margin * terms.Sum(t => (double)t.Bytes));
        double disk = withMonitors ? Disk(s, d) : 0, seconds = Seconds(s, d, parts, threads, withMonitors, element == 4 ? 2 : 1);
        if (open)
        {
            disk *= 2;
            seconds *= 2;
        }
        string timeFields = $"epochs × episode.batch × episode.steps × network.hidden = {s.Epochs} × {s.Episode.Batch} × {s.Episode.Steps} × {d.N}";
        return new ResourceEstimate(terms, memory, (long)Math.Min(disk, long.MaxValue), seconds, timeFields);
    }

    /// <summary>Doubles of one rollout workspace of <paramref name="samples"/> trajectories of <paramref name="steps"/> steps.</summary>
    private static double Rollout(Dims d, double samples, double steps)
    {
        if (samples <= 0) return 0;
        double net = (steps + 1) * samples * d.N + (d.KeepsPhi ? steps * samples * d.N : 0) + d.PerStep * steps * samples * d.N
            + steps * samples * (d.Nin + 2.0 * d.Nout + 2.0 * d.R) + 3 * samples * d.N + samples * Math.Max(1, d.R);
        double plant = 3 * (steps + 1) * samples * d.K + steps * samples * d.Nout + samples * (5.0 * d.K + 2 * d.Nin);
        return net + plant;
    }

    private static double Disk(RunSettings s, Dims d)
    {
        double rows = s.Epochs;
        double metrics = rows * Columns(s) * 24;
        double spectra = s.Evaluation.Spectra != SpectrumKinds.None && s.Evaluation.SpectrumEvery > 0
            ? Math.Ceiling(rows / s.Evaluation.SpectrumEvery) * 16.0 * (2 * d.N + d.K) : 0;
        double snapshots = (s.Snapshots == SnapshotSchedule.EveryEpoch ? rows : 12 * Math.Log10(rows + 1) + 2) + s.SnapshotEpochs.Count + 1;
        return metrics + spectra + snapshots * (8.0 * d.Params + 1024);
    }

    private static double Seconds(RunSettings s, Dims d, int parts, int threads, bool withMonitors, double speedup)
    {
        double recurrent = d.TransposedW ? 2.0 * d.G * d.N * d.N : 0;
        double forward = recurrent + 4.0 * d.N * d.R + 2.0 * d.N * (d.Nin + d.Nout) + 12.0 * d.N + 4.0 * d.K * d.K;
        double samples = Superposition.MayApply(s) ? Math.Min(s.Episode.Batch, d.K + (s.Reference?.BasisSize ?? 0)) : s.Episode.Batch;
        double train = 3 * forward * samples * s.Episode.Steps * (s.Mode == LoopMode.Open ? 2 : 1);
        double perEpoch = train / Math.Max(1, Math.Min(Math.Min(threads, parts), Environment.ProcessorCount)) / speedup;
        if (withMonitors)
        {
            perEpoch += forward * s.Evaluation.Count * EvaluationSteps(s) / s.Evaluation.Every;
            if (s.Evaluation.Spectra != SpectrumKinds.None && s.Evaluation.SpectrumEvery > 0)
                perEpoch += 15.0 * Math.Pow(d.N + d.K, 3) / s.Evaluation.SpectrumEvery;
            if (Responses(s) > 0)
                perEpoch += Responses(s) * 8.0 / 3 * Math.Pow(d.N + d.K, 3) / s.Evaluation.ProbeEvery;
        }
        return s.Epochs * (perEpoch / FlopsPerSecond + SecondsPerSampleStep * s.Episode.Batch * s.Episode.Steps);
    }

    private static int EvaluationSteps(RunSettings s) => Math.Max(s.Episode.Steps, s.Evaluation.Horizons.Count == 0 ? 0 : s.Evaluation.Horizons.Max());

    private static int Probes(RunSettings s) =>
        s.Objective.Task == TaskKind.Tracking && s.Reference is { } r && s.Evaluation.ProbeEvery > 0 ? r.Components.Count : 0;

    /// <summary>Frequencies at which the closed-loop response is recorded (one complex LU of the joint matrix each).</summary>
    private static int Responses(RunSettings s) =>
        Probes(s) > 0 && s.LearnerNetwork.Activation == Activation.Linear ? Probes(s) : 0;

    private static int Columns(RunSettings s) => 24 + s.Evaluation.Horizons.Count + Probes(s) + 3 * Responses(s);

    private static long Bytes(double values, int size = 8) => (long)Math.Min(size * values, long.MaxValue / 4);

    /// <summary>The sizes that set the buffers.</summary>
    private readonly struct Dims
    {
        /// <summary>G gate blocks (1 for the leaky RNN, 3 for the GRU); PerStep: N-vectors kept per sample and step for the
        /// backward pass besides h (the RNN's dL/da; the GRU's gates, gh_n, dL/dgi and dL/dgh: 3 + 1 + 3 + 3).</summary>
        public readonly double N, Nin, Nout, R, K, Params, G, PerStep;
        public readonly bool KeepsPhi, TransposedW;

        public Dims(RunSettings s)
        {
            var net = s.LearnerNetwork;
            N = net.Hidden;
            Nin = net.Inputs;
            Nout = net.Outputs;
            R = net.Recurrence == Recurrence.LowRank ? net.Rank : 0;
            K = s.Plant.Build().StateSize;
            G = net.Gates;
            PerStep = net.Cell == Cell.Gru ? 10 : 1;
            Params = G * (Nin * N + N * N + N) + (net.Cell == Cell.Gru ? G * N : 0) + 2 * N * R + N * Nout + Nout;
            KeepsPhi = net.Activation != Activation.Linear && net.Gamma != 1.0;
            TransposedW = net.Recurrence == Recurrence.Dense || net.BulkGain != 0 || (net.Trainable & ParameterBlocks.RecurrentWeights) != 0;
        }
    }
}
