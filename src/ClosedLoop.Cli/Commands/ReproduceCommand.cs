using System.CommandLine;
using ClosedLoop.Experiments;
using ClosedLoop.Reporting;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop reproduce NAME|all [--size quick|full] [--seeds K] [--out DIR] [--jobs J] [--backend local|slurm] [--slurm-…]</c>:
/// regenerates paper figures and studies with their data and claims; runs are cached in DIR/runs and reused. With
/// <c>--backend slurm</c> each batch of missing runs is one Slurm submission the driver waits for. SIGINT/SIGTERM make
/// the runs in progress write their checkpoints (exit 130/143); the same command then continues them.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("name") { Description = "experiment names (closedloop list shows them) or all", Arity = ArgumentArity.OneOrMore };
        var size = new Option<string>("--size") { Description = "quick (default, about 10 minutes for all on 2 cores) or full (the paper's sizes)", DefaultValueFactory = _ => "quick" };
        size.AcceptOnlyFromAmong("smoke", "quick", "full");
        var seeds = new Option<int?>("--seeds") { Description = "number of seeds (0..K-1) for multi-seed experiments" };
        var output = new Option<string>("--out") { Description = "output directory", DefaultValueFactory = _ => "reproduction" };
        var jobs = new Option<int>("--jobs") { Description = "training runs at once (one core each)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var slurm = new SlurmOptions();
        var cmd = new Command("reproduce", "Reproduce the paper's figures and studies: figures, plotted data, claims.json, report.md and a manifest per experiment.") { names, size, seeds, output, jobs };
        slurm.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            using var signals = StopSignals.Register();
            var o = parse.InvocationConfiguration.Output;
            var cluster = slurm.Kind(parse) == BackendKind.Slurm ? slurm.Settings(parse) : null;
            if (cluster is not null)
            {
                if (parse.GetResult(jobs) is { Implicit: false })
                    throw new ArgumentException("--jobs is not allowed with --backend slurm: use --slurm-max-parallel to limit the runs at once");
                ClosedLoop.Runs.Slurm.SlurmClient.Require();
                ClosedLoop.Runs.Slurm.SlurmBackend.CheckPath(parse.GetValue(output)!);
            }
            var settings = new ReproduceSettings(
                parse.GetValue(output)!,
                Enum.Parse<ExperimentSize>(parse.GetValue(size)!, ignoreCase: true),
                parse.GetValue(seeds),
                parse.GetValue(jobs),
                cluster);
            OutputPaths.CheckDirectory("--out", settings.OutputDirectory);
            var requested = parse.GetValue(names)!;
            if (requested.Length > 1 && requested.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException("name = 'all' cannot be combined with other experiment names");
            foreach (var n in requested.Where(n => !n.Equals("all", StringComparison.OrdinalIgnoreCase))) ExperimentRegistry.Get(n);
            IReadOnlyList<ExperimentReport> reports;
            try
            {
                reports = Reproduction.Run(requested, settings, line => o.WriteLine(line), s => new QuietProgress(o, s));
            }
            catch (Exception e) when (StopSignals.IsInterruption(e))
            {
                parse.InvocationConfiguration.Error.WriteLine($"interrupted: the runs in progress wrote their checkpoints under {Path.Combine(settings.OutputDirectory, "runs")}; run the same command again to continue");
                return signals.ExitCode;
            }
            var tally = ClaimTally.Of(reports.SelectMany(r => r.Output.Claims).ToList());
            string report = reports.Count == 1 ? Path.Combine(settings.OutputDirectory, reports[0].Name, "report.md") : Path.Combine(settings.OutputDirectory, "report.md");
            o.WriteLine($"done: {tally.Headline()}; report in {report}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// One line when a training run starts (or resumes from its checkpoint, at its first epoch) and one when it ends
    /// (runs go in parallel, so no live bar).
    /// </summary>
    private sealed class QuietProgress(TextWriter output, ClosedLoop.Training.RunSettings s) : ClosedLoop.Training.IRunObserver
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private bool _started;

        private string Label => $"{s.Preset} {(s.Mode == ClosedLoop.Training.LoopMode.Open ? "open" : "closed")} seed {s.Seed}";

        public void Begin(ClosedLoop.Training.RunSettings settings, IReadOnlyList<ClosedLoop.Training.MetricColumn> metricColumns) { }

        public void OnEpoch(ClosedLoop.Training.EpochRecord record)
        {
            if (!_started)
            {
                _started = true;
                lock (output) output.WriteLine(record.Epoch == 0
                    ? $"   training {Label} ({s.Epochs} epochs)"
                    : $"   resuming {Label} at epoch {record.Epoch} of {s.Epochs} (from its checkpoint)");
            }
            if (record.Epoch == s.Epochs - 1)
                lock (output) output.WriteLine($"   finished {Label}: final loss {record.Loss.Total:G4} ({_clock.Elapsed.TotalSeconds:F0} s)");
        }

        public void OnSnapshot(int epoch, ClosedLoop.Controllers.NetworkParameters parameters) { }
    }
}
