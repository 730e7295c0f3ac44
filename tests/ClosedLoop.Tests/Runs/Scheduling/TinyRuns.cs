using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs.Scheduling;

/// <summary>Tiny tanh runs (N = 6, batch 5, T = 12: a few milliseconds per epoch) for the scheduling and sweep tests.</summary>
internal static class TinyRuns
{
    /// <summary>The <c>--set</c> assignments that make the tanh preset tiny.</summary>
    public static readonly string[] Small = ["network.hidden=6", "episode.batch=5", "evaluation.count=3", "episode.steps=12"];

    /// <summary>Tiny tanh settings with this seed, epochs and mode.</summary>
    public static RunSettings Tanh(long seed, int epochs = 12, LoopMode mode = LoopMode.Closed, params string[] more) =>
        RunConfig.FromPreset(mode == LoopMode.Open ? "tanh-open" : "tanh", [.. Small, $"epochs={epochs}", $"seed={seed}", .. more]);

    /// <summary>The plan of <paramref name="settings"/> (with teachers) in <c><paramref name="root"/>/runs</c>.</summary>
    public static RunPlan Plan(string root, IEnumerable<RunSettings> settings, FollowUp followUp = FollowUp.None) =>
        RunPlan.Of(new RunStore(Path.Combine(root, "runs")), settings, followUp);
}
