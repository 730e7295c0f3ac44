using System.CommandLine;
using ClosedLoop.Reporting;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Sweeps;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop sweep status DIR</c> (counts; exit 0 only when every run is done), <c>closedloop sweep collect DIR
/// [--metric NAME]</c> (results.csv, summary.csv, figures/ from whatever is done) and <c>closedloop sweep run DIR
/// --task I [--threads T]</c> (obtains run I of the plan in DIR/sweep.json: what a cluster task calls).
/// </summary>
internal static class SweepSubcommands
{
    public static IEnumerable<Command> Create() => [Status(), Collect(), Run()];

    private static Command Status()
    {
        var dir = new Argument<string>("dir") { Description = "a sweep directory" };
        var cmd = new Command("status", "Count the runs of a sweep: done, running, queued (Slurm), failed, missing; exit 0 only when all are done.") { dir };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            string d = parse.GetValue(dir)!;
            var states = SweepStatus.Of(d, Sweep.Open(d));
            o.WriteLine($"{d}: {SweepStatus.Counts(states)}");
            Failures(o, d, states);
            return states.All(s => s.Status == SweepRunStatus.Done) ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }

    private static Command Collect()
    {
        var dir = new Argument<string>("dir") { Description = "a sweep directory" };
        var metric = new Option<string?>("--metric") { Description = "the result plotted against each varied key (default: the sweep's)" };
        var cmd = new Command("collect", "Rebuild results.csv, summary.csv and figures/ of a sweep from the runs that are done.") { dir, metric };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            string d = parse.GetValue(dir)!;
            var sweep = Sweep.Open(d);
            using var held = DirectoryLock.Acquire(d, "closedloop sweep collect");
            Report(o, d, SweepCollector.Collect(d, sweep, parse.GetValue(metric)));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Run()
    {
        var dir = new Argument<string>("dir") { Description = "a directory holding a plan (sweep.json)" };
        var task = new Option<int>("--task") { Description = "the index of the run to obtain", Required = true };
        var threads = new Option<int?>("--threads") { Description = "threads for the run's batch parts (default: SLURM_CPUS_PER_TASK, else the number of cores)" };
        var cmd = new Command("run", "Obtain one run of a plan (train it unless it is done; analyse it if the plan says so): what a Slurm task calls.") { dir, task, threads };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var plan = RunPlanFile.Read(parse.GetValue(dir)!);
            int index = parse.GetValue(task), t = parse.GetValue(threads) ?? DefaultThreads();
            if (t < 1) throw new ArgumentException($"threads = {t} is not allowed: it must be >= 1");
            if (index < 0 || index >= plan.Runs.Count) throw new ArgumentException($"task = {index} is not allowed: the plan has runs 0..{plan.Runs.Count - 1}");
            o.WriteLine($"run {index} ({plan.Runs[index].Name}): starting on {Environment.MachineName} with {t} threads, {clock.Elapsed.TotalSeconds:F2} s after start");
            using var signals = StopSignals.Register(); // scancel, a time limit: checkpoint, record, exit 143
            var result = RunExecutor.Execute(plan, index, t);
            string how = result.How.ToString().ToLowerInvariant();
            o.WriteLine(result.How == RunAcquisition.Failed
                ? $"run {index}: failed after {clock.Elapsed.TotalSeconds:F1} s: {plan.Store.FailureOf(plan.Runs[index].Name)?.Error}"
                : $"run {index}: {how} in {clock.Elapsed.TotalSeconds:F1} s");
            return result.How != RunAcquisition.Failed ? ExitCodes.Ok : result.Error is OperationCanceledException ? signals.ExitCode : ExitCodes.Failure;
        });
        return cmd;
    }

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), out int n) && n > 0 ? n : Environment.ProcessorCount;

    /// <summary>Prints what a collect wrote and the failed runs.</summary>
    public static void Report(TextWriter o, string dir, CollectOutcome outcome)
    {
        o.WriteLine($"{dir}: {SweepStatus.Counts(outcome.States)}");
        o.WriteLine($"wrote {Path.Combine(dir, SweepResults.FileName)} ({outcome.Results.Rows.Count} rows), {Path.Combine(dir, SweepSummary.FileName)} "
            + $"({outcome.Summary.Rows.Count} rows) and {outcome.Figures.Count} figures in {Path.Combine(dir, SweepFigures.Folder)}");
        Failures(o, dir, outcome.States);
    }

    private static void Failures(TextWriter o, string dir, IReadOnlyList<SweepRunState> states)
    {
        var failed = states.Where(s => s.Status == SweepRunStatus.Failed).ToList();
        foreach (var f in failed.Take(10))
            o.WriteLine($"   failed: run {f.Index}: {f.Error}{(f.Log is null ? "" : $" (log {Path.Combine(dir, f.Log)})")}");
        if (failed.Count > 10) o.WriteLine($"   … and {failed.Count - 10} more failed runs (results.csv lists them)");
    }
}
