using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The run settings the control-penalty and episode-length studies build (docs/science/figures-and-studies.md §3, §8, §9). The rank-1
/// base runs are the Figs 3–5 base runs and the restarts are those of Figs 4e and 5d, so every run is trained once and
/// shared through the run cache.
/// </summary>
public static class StudyRuns
{
    /// <summary>Horizon D_H of the "final deployed D_50" measure (docs/science/figures-and-studies.md §9).</summary>
    public const int DeployedHorizon = 50;

    /// <summary>The rank-1 base run of one seed: the Figs 3–5 base run (<see cref="Experiments.RankOneBase.Settings(ExperimentContext, long)"/>).</summary>
    public static RunSettings RankOneBase(ExperimentContext ctx, long seed) => Experiments.RankOneBase.Settings(ctx, seed);

    /// <summary>
    /// The tanh closed-loop run of one seed (nl-published). Quick size trains 600 updates (601 checkpoints) instead of
    /// 1000 to fit the budget; full size is the Fig. 1c run (1001 epochs), so the β = 0.005, T = 50 runs are shared
    /// with Figs 1c/2 there.
    /// </summary>
    public static RunSettings Tanh(ExperimentContext ctx, long seed) =>
        Sizing.Apply(Presets.Get("tanh") with { Seed = seed, Epochs = ctx.BySize(30, 601, 1001) }, ctx.Size);

    /// <summary>The open-loop student (white-noise imitation) of a tanh closed-loop settings.</summary>
    public static RunSettings OpenTwin(RunSettings closed) => closed with { Mode = LoopMode.Open, Preset = closed.Preset + "-open" };

    /// <summary>The settings with control-penalty weight β (reg_U for the tanh preset).</summary>
    public static RunSettings WithBeta(RunSettings s, double beta) => s with { Objective = s.Objective with { Beta = beta } };

    /// <summary>The settings with episode length T (the loss keeps the preset's time normalisation).</summary>
    public static RunSettings WithSteps(RunSettings s, int steps) => s with { Episode = s.Episode with { Steps = steps } };

    /// <summary>A variant of a base settings (β, T, ...) sized for the context (smoke size clamps T and epochs).</summary>
    public static RunSettings Variant(ExperimentContext ctx, RunSettings baseRun, Func<RunSettings, RunSettings> change) =>
        Sizing.Apply(change(baseRun), ctx.Size);
}
