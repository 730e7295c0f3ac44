using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The run settings the control-penalty and episode-length studies build (experiments.md §3, §8, §9). The rank-1
/// base settings have the same shape as the Figs 3–5 base runs, so identical settings give the same cache directory
/// and the runs are shared; restarts start from a snapshot of the base run of the same seed.
/// </summary>
public static class StudyRuns
{
    /// <summary>Epochs of a full-model restart of the episode-length study (Fig. 4e: 150).</summary>
    public const int HorizonRestartEpochs = 150;

    /// <summary>Horizon D_H of the "final deployed D_50" measure (experiments.md §9).</summary>
    public const int DeployedHorizon = 50;

    /// <summary>
    /// The rank-1 base run of one seed (§3, preset <c>lowrank</c> = lr-published, 1000 epochs at quick and full size).
    /// Same shape as the Figs 3–5 base runs (the two should be unified once the shared <c>RankOneBase</c> is in main).
    /// </summary>
    public static RunSettings RankOneBase(ExperimentContext ctx, long seed) =>
        Sizing.Apply(Presets.Get("lowrank") with { Seed = seed, Epochs = ctx.BySize(30, 1000, 1000) }, ctx.Size);

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

    /// <summary>
    /// A restart of the full model from checkpoint <paramref name="epoch"/> of <paramref name="baseRun"/> (a finished run
    /// of <paramref name="ctx"/>'s cache), otherwise the base settings, same seed (one initial-condition stream), with
    /// <paramref name="change"/> applied (β, T) before sizing.
    /// </summary>
    public static RunSettings Restart(ExperimentContext ctx, RunSettings baseRun, int epoch, int epochs, Func<RunSettings, RunSettings>? change = null)
    {
        var s = baseRun with { Start = new StartFrom(Path.GetFileName(ctx.Runs.DirectoryOf(baseRun)), epoch), Epochs = epochs };
        return Sizing.Apply(change is null ? s : change(s), ctx.Size);
    }

    /// <summary>A variant of a base settings (β, T, ...) sized for the context (smoke size clamps T and epochs).</summary>
    public static RunSettings Variant(ExperimentContext ctx, RunSettings baseRun, Func<RunSettings, RunSettings> change) =>
        Sizing.Apply(change(baseRun), ctx.Size);

    /// <summary>
    /// Snapshot epoch of the Stage-3 restarts (Fig. 5d, study β A): e_stab + 1 with e_stab the strict ρ(P)
    /// stabilisation epoch, clamped to the last checkpoint; the last checkpoint when the run never stabilised.
    /// </summary>
    public static int StageThreeRestartEpoch(RunRecord baseRun)
    {
        int last = baseRun.Epochs - 1;
        return RunStages.Of(baseRun).Stabilization is { } e ? Math.Min(e + 1, last) : last;
    }

    /// <summary>Snapshot epoch e_s = max(10, e1 + 2) of the Stage-2 restarts (Fig. 4e, study T A), clamped to the last checkpoint.</summary>
    public static int StageTwoRestartEpoch(RunRecord baseRun)
    {
        int e1 = RunStages.Of(baseRun).Stage1End ?? 0;
        return Math.Min(Math.Max(10, e1 + 2), baseRun.Epochs - 1);
    }
}
