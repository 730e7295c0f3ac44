using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ClosedLoop.Bench.Kernels;

/// <summary>
/// Shared configuration of the kernel benchmarks: one short job (3 warm-up and 12 measured iterations, enough for
/// these steady, allocation-free kernels) and the GFLOP/s column.
/// </summary>
public sealed class KernelConfig : ManualConfig
{
    public KernelConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12).WithLaunchCount(1));
        AddColumn(new GflopsColumn());
    }
}
