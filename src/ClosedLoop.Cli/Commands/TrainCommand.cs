using System.CommandLine;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop train --preset NAME [--mode closed|open] [--epochs N] [--seed S] [--out DIR] [--set key=value ...]
/// [--teacher RUN_DIR] [--force] [--record-draws]</c> or <c>closedloop train --config FILE</c>.
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
        var recordDraws = new Option<bool>("--record-draws")
        {
            Description = "also write every epoch's random draws (initial states, reference phases, white-noise inputs, plant noise) to arrays/draws.npz, for tools/parity",
        };
        var threads = new Option<int>("--threads") { Description = "threads for the parts of each batch (results do not depend on it); default: the number of cores", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("train", "Train one network in closed or open loop and write its run directory.")
        {
            preset, config, mode, epochs, seed, output, sets, teacher, force, threads, recordDraws,
        };
        cmd.SetAction(parse =>
        {
            var overrides = new List<string>(parse.GetValue(sets) ?? []);
            if (parse.GetValue(mode) is { } m) overrides.Add($"mode={m}");
            if (parse.GetValue(epochs) is { } e) overrides.Add($"epochs={e}");
            if (parse.GetValue(seed) is { } sd) overrides.Add($"seed={sd}");
            var file = parse.GetValue(config);
            var name = parse.GetValue(preset);
            if (file is not null && name is not null) throw new ArgumentException("--preset and --config cannot be combined: put \"preset\" inside the config file");
            var settings = file is not null ? RunConfig.FromFile(file, overrides) : RunConfig.FromPreset(name ?? "tanh", overrides);
            string dir = parse.GetValue(output) ?? Path.Combine("runs", $"{settings.Preset}-{Snake(settings.Mode)}-seed{settings.Seed}");
            if (parse.GetValue(threads) < 1) throw new ArgumentException($"threads = {parse.GetValue(threads)} is not allowed: it must be >= 1");
            var run = new RunOutput(dir, parse.GetValue(force) ? ExistingRun.Replace : ExistingRun.Refuse, parse.GetValue(teacher), parse.GetValue(threads),
                parse.GetValue(recordDraws) ? DrawRecording.On : DrawRecording.Off);
            var outWriter = parse.InvocationConfiguration.Output;
            var outcome = ProgressDisplay.Run(outWriter, observerFactory => TrainingRun.Execute(settings, run, observerFactory));
            outWriter.WriteLine($"run written to {outcome.Directory}");
            outWriter.WriteLine($"final loss {outcome.Summary.FinalLoss:G6}, min loss {outcome.Summary.MinLoss:G6}"
                + (outcome.Summary.FinalTestLoss is { } t ? $", final test loss {t:G6}" : "")
                + (outcome.Summary.FinalSpectralRadius is { } r ? $", final spectral radius {r:G6}" : "")
                + $", stabilization epoch {(outcome.Summary.StabilizationEpoch?.ToString() ?? "none")}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Snake(LoopMode m) => m == LoopMode.Open ? "open" : "closed";
}
