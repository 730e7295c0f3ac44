using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using ClosedLoop.Experiments;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Bench.Runs;

/// <summary>
/// What the run machinery (plan, store, lock, failure records, the local work queue) costs per run, measured on runs
/// whose training is nearly free (a 1-epoch network of 4 units): <see cref="Direct"/> trains and reads back a run with
/// <see cref="TrainingRun.Execute"/> alone; <see cref="ThroughCache"/> obtains the same kind of run through
/// <see cref="RunCache.Get"/> (naming, state check, plan, queue, executor); the difference is the machinery's cost.
/// <see cref="ReuseHundred"/> finds 100 finished runs (what every later call of a reproduction or sweep pays).
/// </summary>
[Config(typeof(SchedulingConfig))]
public class SchedulingBenchmarks
{
    private string _root = "";
    private long _seed;
    private RunCache _done = null!;
    private List<RunSettings> _hundred = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "closedloop-bench-" + Guid.NewGuid().ToString("N"));
        _hundred = Enumerable.Range(0, 100).Select(i => Tiny(1_000_000 + i)).ToList();
        _done = new RunCache(Path.Combine(_root, "done"), 1);
        _done.GetAll(_hundred);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public double Direct()
    {
        var s = Tiny(Interlocked.Increment(ref _seed));
        string dir = Path.Combine(_root, "direct", s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TrainingRun.Execute(s, new RunOutput(dir, ExistingRun.Replace));
        return RunRecord.Open(dir).Summary.FinalLoss;
    }

    [Benchmark]
    public double ThroughCache() => new RunCache(Path.Combine(_root, "cache"), 1).Get(Tiny(Interlocked.Increment(ref _seed))).Summary.FinalLoss;

    [Benchmark]
    public int ReuseHundred() => _done.GetAll(_hundred).Count;

    private static RunSettings Tiny(long seed) =>
        RunConfig.FromPreset("tanh", ["network.hidden=4", "episode.batch=2", "episode.steps=5", "evaluation.count=2", "epochs=1", $"seed={seed}"]);

    private sealed class SchedulingConfig : ManualConfig
    {
        public SchedulingConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(3).WithIterationCount(15)
            .WithInvocationCount(20).WithUnrollFactor(1).WithLaunchCount(1));
    }
}
