using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>One setting of the robustness grid: a name, the factor it changes and the change applied to the baseline.</summary>
public sealed record RobustnessSetting(string Name, string Change, Func<RunSettings, RunSettings> Apply);

/// <summary>The 13 single-factor settings of the robustness grid (docs/science/figures-and-studies.md §12.3), each changing one factor of §12.1.</summary>
public static class RobustnessSettings
{
    public static IReadOnlyList<RobustnessSetting> All { get; } =
    [
        new("original", "none", s => s),
        new("lr_low", "learning rate 0.003", s => s with { Optimizer = s.Optimizer with { LearningRate = 0.003 } }),
        new("lr_high", "learning rate 0.03", s => s with { Optimizer = s.Optimizer with { LearningRate = 0.03 } }),
        new("init_weak", "recurrent initialisation scale 0.03", s => s with { Network = s.Network with { RecurrentScale = 0.03 } }),
        new("init_strong", "recurrent initialisation scale 0.3", s => s with { Network = s.Network with { RecurrentScale = 0.3 } }),
        new("feedback_low", "feedback factor 0.5", s => s with { Plant = s.Plant with { FeedbackFactor = 0.5 } }),
        new("feedback_high", "feedback factor 1.5", s => s with { Plant = s.Plant with { FeedbackFactor = 1.5 } }),
        new("episode_short", "T = 25", s => s with { Episode = s.Episode with { Steps = 25 } }),
        new("episode_long", "T = 100", s => s with { Episode = s.Episode with { Steps = 100 } }),
        new("obs_noise", "observation-noise SD 0.05", s => s with { Plant = s.Plant with { ObservationNoise = 0.05 } }),
        new("adam", "Adam, lr 0.001", s => s with { Optimizer = s.Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 0.001 } }),
        new("high_control_penalty", "β = 0.05", s => s with { Objective = s.Objective with { Beta = 0.05 } }),
        new("no_clip", "no gradient clipping", s => s with { Optimizer = s.Optimizer with { ClipNorm = null } }),
    ];

    /// <summary>The setting called <paramref name="name"/>; a clear error listing the names otherwise.</summary>
    public static RobustnessSetting Get(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"robustness.setting = '{name}' is not known: allowed settings are {string.Join(", ", All.Select(s => s.Name))}");
}
