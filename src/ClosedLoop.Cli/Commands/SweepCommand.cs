using System.CommandLine;
using ClosedLoop.Reporting;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Sweeps;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop sweep SPEC.json --out DIR [--backend local|slurm] [--jobs J] [--metric NAME] [--dry-run]
/// [--resubmit] [--slurm-…]</c>, or <c>closedloop sweep DIR …</c> to go on with the sweep in DIR; sub-commands
/// <c>status</c>, <c>collect</c> and <c>run</c> (<see cref="SweepSubcommands"/>). Exit codes: 0 every run done (or
/// submitted), 1 some run failed, 2 bad input, 130/143 interrupted by SIGINT/SIGTERM (the runs in progress write their
/// checkpoints and continue from them on the next call).
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("spec") { Description = "the sweep spec (JSON, see docs/sweeps.md), or a sweep directory to go on with" };
        var output = new Option<string?>("--out") { Description = "the sweep directory (runs/, sweep.json, results.csv, summary.csv, figures/)" };
        var jobs = new Option<int>("--jobs") { Description = "local backend: runs at once (one core each)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var metric = new Option<string?>("--metric") { Description = "the result plotted against each varied key (default: the spec's metric, or final_loss)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plan (and with slurm the batch scripts); write and submit nothing" };
        var resubmit = new Option<bool>("--resubmit") { Description = "slurm: submit the failed and missing runs of a sweep submitted before" };
        var slurm = new SlurmOptions();
        var cmd = new Command("sweep", "Train a grid of runs (points x seeds x modes) on this machine or on Slurm; collect results.csv, summary.csv and figures.")
        {
            source, output, jobs, metric, dryRun, resubmit,
        };
        slurm.AddTo(cmd);
        foreach (var sub in SweepSubcommands.Create()) cmd.Add(sub);
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var kind = slurm.Kind(parse);
            if (kind == BackendKind.Slurm && parse.GetResult(jobs) is { Implicit: false })
                throw new ArgumentException("--jobs is not allowed with --backend slurm: use --slurm-max-parallel to limit the runs at once");
            if (kind == BackendKind.Local && parse.GetValue(resubmit))
                throw new ArgumentException("--resubmit is not allowed with --backend local: a local sweep called again trains every run that is not done");
            SizeLimits.Count("--jobs", parse.GetValue(jobs), 1, SizeLimits.MaxThreads);
            var (dir, sweep) = Resolve(parse.GetValue(source)!, parse.GetValue(output), parse.GetValue(metric));
            var settings = kind == BackendKind.Slurm ? slurm.Settings(parse) : null;
            if (settings is not null) SlurmBackend.CheckPath(dir);
            if (parse.GetValue(dryRun)) return DryRun(o, dir, sweep, settings, parse.GetValue(resubmit));
            if (settings is not null) SlurmClient.Require();
            using var held = DirectoryLock.Acquire(dir, "closedloop sweep");
            Sweep.Record(dir, sweep);
            return settings is null ? Local(o, dir, sweep, parse.GetValue(jobs)) : Submit(o, dir, sweep, settings, parse.GetValue(resubmit));
        });
        return cmd;
    }

    /// <summary>The sweep directory and plan of a spec file (with --out) or of an existing sweep directory.</summary>
    private static (string Dir, SweepPlan Sweep) Resolve(string source, string? output, string? metric)
    {
        if (Directory.Exists(source))
        {
            if (output is not null && Path.GetFullPath(output) != Path.GetFullPath(source))
                throw new ArgumentException($"--out '{output}' is not allowed with the sweep directory '{source}': the sweep stays where it is");
            var sweep = Sweep.Open(source);
            return (source, metric is null ? sweep : sweep with { Metric = metric });
        }
        if (!File.Exists(source)) throw new ArgumentException($"spec = '{source}' is neither a spec file nor a sweep directory");
        if (output is null) throw new ArgumentException("--out is missing: give the sweep directory, e.g. --out my-sweep");
        OutputPaths.CheckDirectory("--out", output);
        return (output, Sweep.Prepare(source, output, metric));
    }

    private static int DryRun(TextWriter o, string dir, SweepPlan sweep, SlurmSettings? slurm, bool resubmit)
    {
        o.WriteLine($"dry run: sweep of {sweep.Runs.Count} runs ({sweep.Points.Count} points) into {dir}; nothing is written or submitted");
        var states = SweepStatus.Of(dir, sweep);
        foreach (var r in sweep.Runs)
            o.WriteLine($"  {r.Index}\tpoint {r.Point}\tseed {r.Seed}\t{(r.Mode == LoopMode.Open ? "open" : "closed")}\t{SweepStatus.Name(states[r.Index].Status)}\t"
                + RunPlanFile.Relative(dir, sweep.Plan.DirectoryOf(r.Index)));
        if (slurm is null) return ExitCodes.Ok;
        var requests = Sweep.PlanSubmission(dir, sweep, slurm, resubmit);
        o.WriteLine(requests.Count == 0 ? "nothing to submit: every run is done, running or queued" : SlurmBackend.Describe(requests));
        return ExitCodes.Ok;
    }

    private static int Local(TextWriter o, string dir, SweepPlan sweep, int jobs)
    {
        int todo = Sweep.Unfinished(sweep).Count;
        o.WriteLine($"sweep of {sweep.Runs.Count} runs in {dir}: {sweep.Runs.Count - todo} done, {todo} to train ({jobs} at a time)");
        using var signals = StopSignals.Register();
        var progress = new FinishedRuns(o, todo);
        var batch = Sweep.RunLocally(sweep, jobs, progress.For);
        var outcome = SweepCollector.Collect(dir, sweep);
        SweepSubcommands.Report(o, dir, outcome);
        if (Runs.Interruption.Token.IsCancellationRequested)
        {
            o.WriteLine($"interrupted: the runs in progress wrote their checkpoints; call 'closedloop sweep {dir}' again to go on");
            return signals.ExitCode;
        }
        return batch.Failed.Count == 0 && outcome.States.All(s => s.Status == SweepRunStatus.Done) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int Submit(TextWriter o, string dir, SweepPlan sweep, SlurmSettings settings, bool resubmit)
    {
        var requests = Sweep.PlanSubmission(dir, sweep, settings, resubmit);
        if (requests.Count == 0)
        {
            var outcome = SweepCollector.Collect(dir, sweep);
            o.WriteLine("nothing to submit: every run is done, running or queued");
            SweepSubcommands.Report(o, dir, outcome);
            return outcome.States.All(s => s.Status == SweepRunStatus.Done) ? ExitCodes.Ok : ExitCodes.Failure;
        }
        var submission = Sweep.Submit(dir, requests);
        int runs = requests.Sum(r => r.Indices.Count);
        o.WriteLine($"submitted {runs} runs of {dir} to Slurm: jobs {string.Join(", ", submission.Jobs.Select(j => $"{j.Id} ({j.Kind.ToString().ToLowerInvariant()})"))}");
        o.WriteLine($"follow with 'closedloop sweep status {dir}'; results.csv, summary.csv and figures/ are written when the runs have ended");
        return ExitCodes.Ok;
    }

    /// <summary>One line per finished run, with a counter.</summary>
    private sealed class FinishedRuns(TextWriter output, int total)
    {
        private int _done;

        public IRunObserver For(RunSettings s) => new Line(this, s);

        private void Finished(RunSettings s, double loss, TimeSpan took)
        {
            int k = Interlocked.Increment(ref _done);
            lock (output) output.WriteLine($"   [{k}/{total}] {RunNaming.NameOf(s)}: final loss {loss:G4} ({took.TotalSeconds:F1} s)");
        }

        private sealed class Line(FinishedRuns parent, RunSettings s) : IRunObserver
        {
            private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

            public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns) { }

            public void OnEpoch(EpochRecord record)
            {
                if (record.Epoch == s.Epochs - 1) parent.Finished(s, record.Loss.Total, _clock.Elapsed);
            }

            public void OnSnapshot(int epoch, Controllers.NetworkParameters parameters) { }
        }
    }
}
