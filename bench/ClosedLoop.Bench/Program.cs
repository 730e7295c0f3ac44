using BenchmarkDotNet.Running;
using ClosedLoop.Bench.Kernels;

// Runs any benchmark class of this assembly, e.g.
//   dotnet run -c Release --project bench/ClosedLoop.Bench -- --filter '*GemmBenchmarks*'
// (with no arguments BenchmarkDotNet lists the classes and asks which to run).
// EpochBenchmarks time one training epoch of each speed workload: --filter '*EpochBenchmarks*'.
// `-- --kernel-report [gemm] [eigen] [tanh]` prints the noise-tolerant kernel tables of
// docs/performance-kernels.md instead.
if (args is ["--kernel-report", .. var sections])
{
    KernelReport.Run(sections);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
