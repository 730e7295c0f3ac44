using System.Diagnostics;
using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>Timing of one speed workload.</summary>
/// <param name="Workload">lowrank, tanh, tracking or gru.</param>
/// <param name="Precision">The element type of the training loop.</param>
/// <param name="Epochs">Epochs timed.</param>
/// <param name="Threads">Threads the run could use.</param>
/// <param name="Seconds">Wall time of the epochs.</param>
/// <param name="MsPerEpoch">Wall time per epoch.</param>
/// <param name="CpuMsPerEpoch">Processor time of the whole process per epoch (all threads): on a loaded machine, with one
/// thread, the best estimate of the wall time on a quiet one.</param>
/// <param name="FirstLoss">Training loss of the first epoch.</param>
/// <param name="LastLoss">Training loss of the last epoch.</param>
/// <param name="BasisEpochs">Epochs simulated through the superposition basis rather than the whole batch.</param>
/// <param name="GcCollections">Garbage collections (all generations) during the epochs.</param>
public sealed record BenchResult(string Workload, Precision Precision, int Epochs, int Threads, double Seconds, double MsPerEpoch, double CpuMsPerEpoch, double FirstLoss, double LastLoss, int BasisEpochs, int GcCollections)
{
    /// <summary>
    /// The line <c>closedloop bench</c> prints: one JSON object, times rounded to 0.1 µs, a loss that is not finite as
    /// <c>null</c> (as in summary.json), and how many runs were timed at once.
    /// </summary>
    public string JsonLine(int concurrentRuns) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["workload"] = Workload,
        ["precision"] = Precision == Precision.Single ? "single" : "double",
        ["epochs"] = Epochs,
        ["threads"] = Threads,
        ["seconds"] = Math.Round(Seconds, 4),
        ["ms_per_epoch"] = Math.Round(MsPerEpoch, 4),
        ["cpu_ms_per_epoch"] = Math.Round(CpuMsPerEpoch, 4),
        ["first_loss"] = double.IsFinite(FirstLoss) ? FirstLoss : null,
        ["last_loss"] = double.IsFinite(LastLoss) ? LastLoss : null,
        ["basis_epochs"] = BasisEpochs,
        ["gc_collections"] = GcCollections,
        ["concurrent_runs"] = concurrentRuns,
    });
}

/// <summary>
/// The side-by-side speed workloads of <c>bench/torch_reference.py</c> and <c>bench/torch_gru.py</c>: the
/// training loop only (no monitors, no files), with the preset of the same model — <c>lowrank</c> (rank-1 linear
/// network, SGD, clipping, update every epoch), <c>tanh</c> (dense tanh network, β = 0.005, no update at epoch 0),
/// <c>tracking</c> (linear continuous-time network on the point mass, 300 steps, Adam) and <c>gru</c> (a GRU of
/// N = 100 on the double integrator, Adam, clipping; docs/generalisation.md), in double or single precision.
/// </summary>
public static class BenchWorkload
{
    /// <summary>The workload names.</summary>
    public static readonly IReadOnlyList<string> Names = ["lowrank", "tanh", "tracking", "gru"];

    /// <summary>The training settings of workload <paramref name="name"/>.</summary>
    public static RunSettings Settings(string name, int epochs, long seed = 0, Precision precision = Precision.Double)
    {
        if (!Names.Contains(name)) throw new ArgumentException($"workload = '{name}' is not known: allowed workloads are {string.Join(", ", Names)}");
        if (epochs < 1) throw new ArgumentException($"epochs = {epochs} is not allowed: it must be >= 1");
        return Presets.Get(name) with { Epochs = epochs, Seed = seed, Precision = precision };
    }

    /// <summary>
    /// Runs the workload and times its epoch loop: wall clock and processor time from the start of epoch 0 to the end
    /// of the last epoch, so setting up the run (settings, weights, buffers) is excluded as the PyTorch references
    /// exclude building their model; compiling the training code during the first epochs is included.
    /// </summary>
    /// <remarks>
    /// <see cref="BenchResult.GcCollections"/> counts the garbage collections during the epochs (setup excluded).
    /// </remarks>
    public static BenchResult Run(string name, int epochs, long seed = 0, int threads = 1, Precision precision = Precision.Double)
    {
        var s = Settings(name, epochs, seed, precision);
        var recorder = new LossRecorder();
        var result = Trainer.Run(s, new TrainingInputs { Threads = threads }, [], recorder);
        recorder.Clock.Stop();
        var wall = recorder.Clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - recorder.Cpu0;
        return new BenchResult(name, precision, epochs, threads, wall.TotalSeconds, wall.TotalMilliseconds / epochs, cpu.TotalMilliseconds / epochs,
            recorder.First, recorder.Last, result.BasisEpochs, result.GcCollections);
    }

    /// <summary>
    /// Runs <paramref name="runs"/> independent copies of the workload at once (seeds seed, seed+1, …), one thread each,
    /// and returns each run's timing; used to check that independent runs scale across cores.
    /// </summary>
    public static IReadOnlyList<BenchResult> RunConcurrently(string name, int epochs, int runs, long seed = 0, Precision precision = Precision.Double)
    {
        if (runs < 1) throw new ArgumentException($"runs = {runs} is not allowed: it must be >= 1");
        var results = new BenchResult[runs];
        var threads = Enumerable.Range(0, runs).Select(i => new Thread(() => results[i] = Run(name, epochs, seed + i, 1, precision), 64 << 20)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return results;
    }

    /// <summary>Records the first and last loss and starts the clocks when epoch 0 begins.</summary>
    private sealed class LossRecorder : IRunObserver
    {
        public double First { get; private set; } = double.NaN;
        public double Last { get; private set; } = double.NaN;
        public Stopwatch Clock { get; } = new();
        public TimeSpan Cpu0 { get; private set; }

        public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns)
        {
            Cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            Clock.Start();
        }

        public void OnEpoch(EpochRecord record)
        {
            if (record.Epoch == 0) First = record.Loss.Total;
            Last = record.Loss.Total;
        }

        public void OnSnapshot(int epoch, NetworkParameters parameters) { }
    }
}
