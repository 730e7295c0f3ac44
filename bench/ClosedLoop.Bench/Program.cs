using BenchmarkDotNet.Running;

// Runs any benchmark class of this assembly, e.g.
//   dotnet run -c Release --project bench/ClosedLoop.Bench -- --filter '*GemmBenchmarks*'
// (with no arguments BenchmarkDotNet lists the classes and asks which to run).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
