using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Bench.Epochs;

/// <summary>
/// One training epoch of each speed workload (the models of bench/torch_reference.py): draw the batch, roll
/// out, loss, exact gradient, clipping and the optimiser step — no monitors, no files. The weights keep training
/// across iterations, as in a run. <see cref="Threads"/> is the number of threads for the parts of a batch
/// (results do not depend on it).
/// </summary>
[Config(typeof(EpochConfig))]
[MemoryDiagnoser]
public class EpochBenchmarks
{
    private EpisodeRunner _runner = null!;
    private NetworkParameters _params = null!, _grad = null!, _teacher = null!;
    private Optimizer _optimizer = null!;
    private List<double[]> _paramBlocks = null!, _gradBlocks = null!;
    private double? _clip;

    [Params("lowrank", "tanh", "tracking")]
    public string Workload { get; set; } = "tanh";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var s = BenchWorkload.Settings(Workload, epochs: 1);
        var streams = new RandomStreams(s.Seed, s.EvalSeed);
        _params = Initializer.Create(s.Network, streams.Init());
        _teacher = _params.Clone();
        _grad = new NetworkParameters(s.Network);
        _runner = new EpisodeRunner(s, streams, Threads);
        _paramBlocks = _params.TrainableBlocks().Select(b => b.Values).ToList();
        _gradBlocks = _grad.TrainableBlocks().Select(b => b.Values).ToList();
        _optimizer = new Optimizer(s.Optimizer, _paramBlocks.Select(b => b.Length).ToList());
        _clip = s.Optimizer.ClipNorm;
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public double Epoch()
    {
        var outcome = _runner.Run(_params, _teacher, _grad);
        GradientClipping.Apply(_gradBlocks, _clip);
        if (outcome.Loss.IsFinite) _optimizer.Step(_paramBlocks, _gradBlocks);
        return outcome.Loss.Total;
    }

    private sealed class EpochConfig : ManualConfig
    {
        public EpochConfig() => AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(20).WithLaunchCount(1));
    }
}
