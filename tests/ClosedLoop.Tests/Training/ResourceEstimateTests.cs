using ClosedLoop.Controllers;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class ResourceEstimateTests
{
    /// <summary>Runs whose buffers dominate their memory (one epoch: what a checkpoint allocates and drops is counted once).</summary>
    public static TheoryData<string, string[]> Runs() => new()
    {
        { "tanh", ["network.hidden=300", "episode.batch=64", "episode.steps=40", "evaluation.count=20"] },
        { "tanh", ["network.hidden=60", "episode.batch=400", "episode.steps=200", "evaluation.count=10"] },
        { "lowrank", ["network.hidden=500", "episode.batch=50", "episode.steps=50", "evaluation.count=50"] },
        { "tanh", ["network.hidden=40", "episode.batch=200", "episode.steps=100", "evaluation.count=50", "optimizer.kind=adam", "evaluation.horizons=[300]"] },
        { "tracking", ["network.hidden=100", "episode.batch=20", "episode.steps=100", "reference.steps=100", "evaluation.count=10"] },
        { "tanh", ["network.hidden=300", "episode.batch=64", "episode.steps=40", "evaluation.count=20", "precision=single"] },
        { "tanh", ["network.hidden=40", "episode.batch=200", "episode.steps=100", "evaluation.count=5", "optimizer.kind=adam", "precision=single"] },
        { "gru", ["network.hidden=100", "episode.batch=100", "episode.steps=60", "evaluation.count=5", "precision=single"] },
    };

    /// <summary>
    /// The estimate bounds the memory a run really takes and is not wildly pessimistic: the bytes a run allocates
    /// (every buffer is allocated once; with one thread all of it on this thread) lie between half and all of the
    /// estimate without the runtime's baseline.
    /// </summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void The_memory_estimate_bounds_what_a_run_allocates(string preset, string[] sets)
    {
        var s = RunConfig.FromPreset(preset, [.. sets, "epochs=1"]);
        var estimate = ResourceEstimates.Of(s, threads: 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Trainer.Run(s, new TrainingInputs { Threads = 1 }, Monitors.For(s), new NullObserver());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long buffers = estimate.MemoryBytes - ResourceEstimates.BaselineBytes;
        Assert.True(allocated <= buffers, $"{preset} {string.Join(' ', sets)}: allocated {allocated:N0} bytes, estimated {buffers:N0}");
        Assert.True(allocated >= buffers / 2, $"{preset} {string.Join(' ', sets)}: allocated {allocated:N0} bytes, estimated {buffers:N0} (too pessimistic)");
    }

    [Fact]
    public void The_largest_part_is_named_by_the_settings_that_size_it()
    {
        var wide = ResourceEstimates.Of(RunConfig.FromPreset("tanh", ["network.hidden=3000"]));
        Assert.Equal("network.hidden = 3000", wide.Dominant.Fields);
        var long_ = ResourceEstimates.Of(RunConfig.FromPreset("tanh", ["network.hidden=10", "episode.steps=20000", "episode.batch=2000"]));
        Assert.Equal("episode.batch × episode.steps × network.hidden = 2000 × 20000 × 10", long_.Dominant.Fields);
        var many = ResourceEstimates.Of(RunConfig.FromPreset("lowrank", ["network.hidden=10", "epochs=50000000"]));
        Assert.Equal("epochs = 50000000", many.Dominant.Fields);
    }

    [Fact]
    public void A_request_beyond_the_machine_is_refused_naming_field_value_estimate_and_limit()
    {
        var s = RunConfig.FromPreset("tanh", ["network.hidden=3000", "epochs=10"]);
        var e = ResourceEstimates.Of(s);
        var small = new MachineLimits(e.MemoryBytes / 2, null, MachineLimits.DefaultMaxSeconds);
        var x = Assert.Throws<ArgumentException>(() => ResourceBudget.Ensure(e, small, SizeCheck.Enforce));
        Assert.StartsWith("network.hidden = 3000: the run needs about ", x.Message);
        Assert.Contains($"but {ResourceEstimate.Bytes(small.AvailableMemoryBytes)} are available", x.Message);
        Assert.Contains("--allow-large", x.Message);
        ResourceBudget.Ensure(e, small, SizeCheck.AllowLarge); // the user means it
        ResourceBudget.Ensure(e, small with { AvailableMemoryBytes = e.MemoryBytes }, SizeCheck.Enforce);

        var twice = Assert.Throws<ArgumentException>(() => ResourceBudget.Ensure(e, small with { AvailableMemoryBytes = e.MemoryBytes }, SizeCheck.Enforce, copies: 2));
        Assert.Contains("(2 at once)", twice.Message);
        var disk = Assert.Throws<ArgumentException>(() => ResourceBudget.Ensure(e, new MachineLimits(long.MaxValue, e.DiskBytes - 1, 1e9), SizeCheck.Enforce));
        Assert.Contains("free", disk.Message);
        var slow = Assert.Throws<ArgumentException>(() => ResourceBudget.Ensure(e, new MachineLimits(long.MaxValue, null, e.Seconds / 2), SizeCheck.Enforce));
        Assert.StartsWith("epochs × episode.batch × episode.steps × network.hidden = 10 × 100 × 50 × 3000: the run would take about ", slow.Message);
    }

    [Fact]
    public void Open_loop_runs_count_their_teacher_and_more_threads_take_less_time()
    {
        var closed = ResourceEstimates.Of(RunConfig.FromPreset("tanh", []), threads: 1);
        var open = ResourceEstimates.Of(RunConfig.FromPreset("tanh", ["mode=open"]), threads: 1);
        Assert.True(open.Seconds > closed.Seconds && open.DiskBytes > closed.DiskBytes && open.MemoryBytes > closed.MemoryBytes);
        if (Environment.ProcessorCount > 1)
            Assert.True(ResourceEstimates.Of(RunConfig.FromPreset("tanh", []), threads: 2).Seconds < closed.Seconds);
    }

    [Theory]
    [InlineData(999.0, "999 B")]
    [InlineData(1.5e9, "1.5 GB")]
    [InlineData(3.2e12, "3.2 TB")]
    public void Sizes_read_as_words(double bytes, string expected) =>
        Assert.Equal(expected, ResourceEstimate.Bytes(bytes));

    private sealed class NullObserver : IRunObserver
    {
        public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns) { }
        public void OnEpoch(EpochRecord record) { }
        public void OnSnapshot(int epoch, NetworkParameters parameters) { }
    }
}
