using System.Numerics;
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
/// (results do not depend on it); <see cref="Precision"/> the element type of the training loop.
/// </summary>
[Config(typeof(EpochConfig))]
[MemoryDiagnoser]
public class EpochBenchmarks
{
    private IDisposable _runner = null!;
    private Func<double> _epoch = null!;

    [Params("lowrank", "tanh", "tracking", "gru")]
    public string Workload { get; set; } = "tanh";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [Params(Precision.Double, Precision.Single)]
    public Precision Precision { get; set; } = Precision.Double;

    [GlobalSetup]
    public void Setup()
    {
        var s = BenchWorkload.Settings(Workload, epochs: 1);
        _epoch = Precision == Precision.Single ? Prepare<float>(s) : Prepare<double>(s);
    }

    private Func<double> Prepare<T>(RunSettings s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var streams = new RandomStreams(s.Seed, s.EvalSeed);
        var p = new NetworkWeights<T>(s.Network);
        p.CopyFrom(Initializer.Create(s.Network, streams.Init()));
        var teacher = new NetworkWeights<T>(s.Network);
        teacher.CopyFrom(p);
        var grad = new NetworkWeights<T>(s.Network);
        var runner = new EpisodeRunner<T>(s, streams, Threads);
        _runner = runner;
        var paramBlocks = p.TrainableBlocks().Select(b => b.Values).ToList();
        var gradBlocks = grad.TrainableBlocks().Select(b => b.Values).ToList();
        var optimizer = new Optimizer<T>(s.Optimizer, paramBlocks.Select(b => b.Length).ToList());
        var clip = s.Optimizer.ClipNorm;
        return () =>
        {
            var outcome = runner.Run(p, teacher, grad);
            GradientClipping.Apply(gradBlocks, clip);
            if (outcome.Loss.IsFinite) optimizer.Step(paramBlocks, gradBlocks);
            return outcome.Loss.Total;
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public double Epoch() => _epoch();

    private sealed class EpochConfig : ManualConfig
    {
        public EpochConfig() => AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(20).WithLaunchCount(1));
    }
}
