using System.CommandLine;
using System.Globalization;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop bench WORKLOAD [--epochs N]</c>: the side-by-side speed workloads of bench/torch_reference.py
/// and bench/torch_gru.py;
/// prints one JSON line with <c>ms_per_epoch</c>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Argument<string>("workload") { Description = string.Join(", ", BenchWorkload.Names) };
        workload.AcceptOnlyFromAmong([.. BenchWorkload.Names]);
        var epochs = new Option<int>("--epochs") { Description = "epochs to time", DefaultValueFactory = _ => 200 };
        var seed = new Option<long>("--seed") { Description = "root seed", DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--runs") { Description = "independent runs at once (one thread each); prints one line per run", DefaultValueFactory = _ => 1 };
        var precision = new Option<Precision>("--precision") { Description = "element type of the training loop: double (default) or single (docs/engine.md)", DefaultValueFactory = _ => Precision.Double };
        var threads = new Option<int>("--threads") { Description = "threads for the parts of a batch (results do not depend on it); default: the number of cores, as for train", DefaultValueFactory = _ => Environment.ProcessorCount };
        var allowLarge = CommonOptions.AllowLarge();
        var cmd = new Command("bench", "Time a training workload (same models as bench/torch_reference.py); prints one JSON line.") { workload, epochs, seed, threads, runs, precision, allowLarge };
        cmd.SetAction(parse =>
        {
            SizeLimits.Count("--threads", parse.GetValue(threads), 1, SizeLimits.MaxThreads);
            SizeLimits.Count("--runs", parse.GetValue(runs), 1, SizeLimits.MaxThreads);
            SizeLimits.Count("--epochs", parse.GetValue(epochs), 1, SizeLimits.MaxEpochs);
            var check = parse.GetValue(allowLarge) ? SizeCheck.AllowLarge : SizeCheck.Enforce;
            var p = parse.GetValue(precision);
            var estimate = ResourceEstimates.Of(BenchWorkload.Settings(parse.GetValue(workload)!, parse.GetValue(epochs), precision: p), parse.GetValue(threads), withMonitors: false);
            ResourceBudget.Ensure(estimate, MachineLimits.Current(), check, parse.GetValue(runs), "the benchmark");
            var results = parse.GetValue(runs) == 1
                ? [BenchWorkload.Run(parse.GetValue(workload)!, parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(threads), p)]
                : BenchWorkload.RunConcurrently(parse.GetValue(workload)!, parse.GetValue(epochs), parse.GetValue(runs), parse.GetValue(seed), p);
            foreach (var r in results) parse.InvocationConfiguration.Output.WriteLine(r.JsonLine(parse.GetValue(runs)));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
