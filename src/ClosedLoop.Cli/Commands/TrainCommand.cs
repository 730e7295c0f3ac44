using System.CommandLine;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop train --preset NAME [--mode closed|open] [--epochs N] [--seed S] [--out DIR] [--set key=value ...]
/// [--teacher RUN_DIR] [--force | --resume] [--stop-on-divergence] [--checkpoint-every N|30s|5m|none] [--allow-large]
/// [--record-draws]</c> or
/// <c>closedloop train --config FILE</c>. SIGINT/SIGTERM write a checkpoint and exit with 130/143.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = "preset name (closedloop list shows them); default tanh" };
        var config = new Option<string?>("--config") { Description = "JSON config file: {\"preset\": NAME, ...settings to change}" };
        var mode = new Option<string?>("--mode") { Description = "closed (BPTT through the plant) or open (imitate the closed-loop teacher)" };
        mode.AcceptOnlyFromAmong("closed", "open");
        var epochs = new Option<int?>("--epochs") { Description = "number of epochs" };
        var seed = new Option<long?>("--seed") { Description = "root seed (default 0)" };
        var output = new Option<string?>("--out") { Description = "run directory (default runs/<preset>-<mode>-seed<seed>)" };
        var sets = new Option<string[]>("--set") { Description = "change a setting: --set optimizer.learning_rate=0.02 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var teacher = new Option<string?>("--teacher") { Description = "open loop: a finished closed-loop run directory to imitate" };
        var force = new Option<bool>("--force") { Description = "replace a run already in the output directory" };
        var resume = new Option<bool>("--resume") { Description = "continue the interrupted run in the output directory from its checkpoint (same arguments as the run that was interrupted)" };
        var stop = new Option<bool>("--stop-on-divergence") { Description = "stop at the first epoch whose loss is NaN or infinite (the run directory is still complete and says so)" };
        var every = new Option<string>("--checkpoint-every") { Description = "write a checkpoint every N epochs, or every 30s/5m/1h of training, or none (always on SIGINT/SIGTERM)", DefaultValueFactory = _ => "1m" };
        var recordDraws = new Option<bool>("--record-draws")
        {
            Description = "also write every epoch's random draws (initial states, reference phases, white-noise inputs, plant noise) to arrays/draws.npz, for tools/parity",
        };
        var threads = new Option<int>("--threads") { Description = "threads for the parts of each batch (results do not depend on it); default: the number of cores", DefaultValueFactory = _ => Environment.ProcessorCount };
        var allowLarge = CommonOptions.AllowLarge();
        var cmd = new Command("train", "Train one network in closed or open loop and write its run directory.")
        {
            preset, config, mode, epochs, seed, output, sets, teacher, force, resume, stop, every, threads, allowLarge, recordDraws,
        };
        cmd.SetAction(parse =>
        {
            using var signals = StopSignals.Register();
            var overrides = new List<string>(parse.GetValue(sets) ?? []);
            if (parse.GetValue(mode) is { } m) overrides.Add($"mode={m}");
            if (parse.GetValue(epochs) is { } e) overrides.Add($"epochs={e}");
            if (parse.GetValue(seed) is { } sd) overrides.Add($"seed={sd}");
            var file = parse.GetValue(config);
            var name = parse.GetValue(preset);
            if (file is not null && name is not null) throw new ArgumentException("--preset and --config cannot be combined: put \"preset\" inside the config file");
            var settings = file is not null ? RunConfig.FromFile(file, overrides) : RunConfig.FromPreset(name ?? "tanh", overrides);
            string dir = parse.GetValue(output) ?? Path.Combine("runs", $"{settings.Preset}-{Snake(settings.Mode)}-seed{settings.Seed}");
            SizeLimits.Count("--threads", parse.GetValue(threads), 1, SizeLimits.MaxThreads);
            OutputPaths.CheckDirectory("--out", dir);
            var check = parse.GetValue(allowLarge) ? SizeCheck.AllowLarge : SizeCheck.Enforce;
            ResourceBudget.Ensure(ResourceEstimates.Of(settings, parse.GetValue(threads)), MachineLimits.Current(dir), check);
            if (parse.GetValue(force) && parse.GetValue(resume)) throw new ArgumentException("--force and --resume cannot be combined: --force starts the run again, --resume continues it");
            var existing = parse.GetValue(force) ? ExistingRun.Replace : parse.GetValue(resume) ? ExistingRun.Resume : ExistingRun.Refuse;
            var run = new RunOutput(dir, existing, parse.GetValue(teacher), parse.GetValue(threads))
            {
                Divergence = parse.GetValue(stop) ? DivergencePolicy.Stop : DivergencePolicy.Continue,
                Checkpoints = CheckpointSchedule.Parse(parse.GetValue(every)!),
                Draws = parse.GetValue(recordDraws) ? DrawRecording.On : DrawRecording.Off,
            };
            var outWriter = parse.InvocationConfiguration.Output;
            var errWriter = parse.InvocationConfiguration.Error;
            if (PrecisionAdvice.Before(settings.Mode == LoopMode.Open ? Runs.Scheduling.RunNaming.TeacherOf(settings) : settings) is { } unsafeSingle) errWriter.WriteLine(unsafeSingle);
            RunOutcome outcome;
            try
            {
                outcome = ProgressDisplay.Run(outWriter, observerFactory => TrainingRun.Execute(settings, run, observerFactory));
            }
            catch (RunInterruptedException stopped)
            {
                errWriter.WriteLine($"{stopped.Message}; continue with the same command and --resume");
                return signals.ExitCode;
            }
            foreach (var (what, o) in new[] { ("the teacher", outcome.Teacher), ("the run", outcome) })
                if (o is not null && DivergenceWarning(what, o.Summary, settings.Epochs) is { } warning)
                {
                    errWriter.WriteLine(warning);
                    if (PrecisionAdvice.After(settings, diverged: true) is { } note) errWriter.WriteLine(note);
                }
            outWriter.WriteLine($"run written to {outcome.Directory}");
            outWriter.WriteLine($"final loss {outcome.Summary.FinalLoss:G6}, min loss {outcome.Summary.MinLoss:G6}"
                + (outcome.Summary.FinalTestLoss is { } t ? $", final test loss {t:G6}" : "")
                + (outcome.Summary.FinalSpectralRadius is { } r ? $", final spectral radius {r:G6}" : "")
                + $", stabilization epoch {(outcome.Summary.StabilizationEpoch?.ToString() ?? "none")}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The stderr line for a run whose loss stopped being finite, or null.</summary>
    internal static string? DivergenceWarning(string what, RunSummary s, int epochs)
    {
        if (!s.Diverged) return null;
        return s.End == TrainingEnd.StoppedOnDivergence
            ? $"warning: {what} diverged: the loss was not finite (NaN or infinite) at epoch {s.FirstNonFiniteEpoch}; training stopped there (--stop-on-divergence), after {s.Epochs} of {epochs} epochs"
            : $"warning: {what} diverged: the loss or gradient was not finite (NaN or infinite) in {s.NonFiniteEpochs} of {s.Epochs} epochs, first at epoch {s.FirstNonFiniteEpoch}; those updates were skipped (--stop-on-divergence stops at the first)";
    }

    private static string Snake(LoopMode m) => m == LoopMode.Open ? "open" : "closed";
}
