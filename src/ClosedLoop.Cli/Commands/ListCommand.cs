using System.CommandLine;
using System.Text.Json;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary><c>closedloop list [NAME]</c>: the presets with their settings.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "a preset whose full settings to print (as JSON)", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("list", "List the presets (and print one preset's full settings as JSON).") { name };
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var which = parse.GetValue(name);
            if (which is not null)
            {
                output.WriteLine(RunConfig.EditableNode(Presets.Get(which)).ToJsonString(SettingsJson.Options));
                return ExitCodes.Ok;
            }
            output.WriteLine("Presets (closedloop train --preset NAME [--mode closed|open]; add -open to a name for its open-loop twin):");
            foreach (var (full, alias, description) in Presets.Describe())
            {
                var s = Presets.Get(full);
                output.WriteLine($"  {full}{(alias is null ? "" : $" (alias: {alias})")}");
                output.WriteLine($"      {description}");
                output.WriteLine($"      {Summary(s)}");
            }
            output.WriteLine();
            output.WriteLine("Experiments (closedloop reproduce NAME|all [--size quick|full] [--seeds K] [--jobs J]):");
            foreach (var e in ClosedLoop.Experiments.ExperimentRegistry.All) output.WriteLine($"  {e.Name,-12} {e.Description}");
            output.WriteLine();
            output.WriteLine("Print every setting of a preset with 'closedloop list NAME'; change any of them with --set key=value.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Summary(RunSettings s) =>
        $"plant={Snake(s.Plant.Kind)} network={(s.Network.Cell == Controllers.Cell.Gru ? "gru" : Snake(s.Network.Activation))} N={s.Network.Hidden} {Snake(s.Network.Recurrence)}"
        + $" T={s.Episode.Steps} batch={s.Episode.Batch} epochs={s.Epochs} optimizer={Snake(s.Optimizer.Kind)} lr={s.Optimizer.LearningRate}"
        + $" clip={(s.Optimizer.ClipNorm?.ToString() ?? "none")} beta={s.Objective.Beta} open_loop={Snake(s.OpenLoop.Variant)}";

    private static string Snake<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
