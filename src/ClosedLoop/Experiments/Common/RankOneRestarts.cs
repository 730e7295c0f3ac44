using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Restarts of a rank-1 base run (<see cref="RankOneBase"/>) from one of its snapshots, the one home of the two
/// restart families the figures and studies share (docs/science/figures-and-studies.md §5, §6, §8, §9):
/// <list type="bullet">
/// <item><see cref="EpisodeLength"/>: from e_s with episode length T, 150 epochs (Fig. 4e and the T study's A);</item>
/// <item><see cref="ControlPenalty"/>: from e_stab + 1 with control penalty β, 1000 epochs (Fig. 5d and the β study's A),
/// with its reduced-model twin <see cref="Reduced"/> trained on the same batches.</item>
/// </list>
/// A restart keeps the base run's seed, so restart epoch 0 sees the base run's epoch-0 batch.
/// </summary>
public static class RankOneRestarts
{
    /// <summary>Episode lengths of the T restarts at quick and full size (decision 20 of docs/science/decisions.md plus the base 50).</summary>
    public static readonly int[] EpisodeLengths = [10, 25, 50, 100, 200];

    /// <summary>Smoke-size stand-ins (T ≤ 12).</summary>
    private static readonly int[] SmokeLengths = [3, 5, 8, 10, 12];

    /// <summary>Control penalties of the β restarts.</summary>
    public static readonly double[] Betas = [0, 0.5, 2, 5];

    /// <summary>The episode lengths at the context's size.</summary>
    public static IReadOnlyList<int> Lengths(ExperimentContext ctx) => ctx.BySize(SmokeLengths, EpisodeLengths, EpisodeLengths);

    /// <summary>Epochs of each T restart: 150 (smoke: 10).</summary>
    public static int LengthRestartEpochs(ExperimentContext ctx) => ctx.BySize(10, 150, 150);

    /// <summary>The snapshot of the β restarts: e_stab + 1 (decision 12 of docs/science/decisions.md), clipped to the record.</summary>
    public static int PenaltySnapshot(RankOneStages stages) => Math.Min((stages.EStab ?? stages.LastEpoch) + 1, stages.LastEpoch);

    /// <summary>The restart of <paramref name="baseRun"/> from e_s with episode length <paramref name="steps"/>.</summary>
    public static RunSettings EpisodeLength(ExperimentContext ctx, RankOneRun baseRun, int steps) =>
        From(ctx, baseRun.Record.Settings, baseRun.Stages.StartSnapshot, LengthRestartEpochs(ctx), $"lowrank-t{steps}",
            s => s with { Episode = s.Episode with { Steps = steps } });

    /// <summary>
    /// The restart of <paramref name="baseRun"/> from e_stab + 1 with control penalty <paramref name="beta"/>, 1000
    /// epochs (smoke: 10), parameter snapshots on the log-spaced schedule (only the final weights are used).
    /// </summary>
    public static RunSettings ControlPenalty(ExperimentContext ctx, RankOneRun baseRun, double beta) =>
        From(ctx, baseRun.Record.Settings, PenaltySnapshot(baseRun.Stages), ctx.BySize(10, 1000, 1000), $"lowrank-beta{BetaTag(beta)}",
            s => s with { Objective = s.Objective with { Beta = beta }, Snapshots = SnapshotSchedule.LogSpaced });

    /// <summary>β as a name tag, culture-independent: 0, 0_5, 2, 5.</summary>
    public static string BetaTag(double beta) => beta.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_');

    /// <summary>
    /// A restart of the base run <paramref name="baseSettings"/> from its checkpoint <paramref name="epoch"/> (same seed)
    /// for <paramref name="epochs"/> epochs, named <paramref name="preset"/> in the run cache; <paramref name="change"/>
    /// alters the other settings. The base run must be finished first.
    /// </summary>
    public static RunSettings From(ExperimentContext ctx, RunSettings baseSettings, int epoch, int epochs, string preset, Func<RunSettings, RunSettings>? change = null)
    {
        if (epoch < 0) throw new ArgumentException($"restart epoch = {epoch} is not allowed: it must be >= 0");
        var s = baseSettings with
        {
            Preset = preset,
            Epochs = epochs,
            Start = new StartFrom(Path.GetFileName(ctx.Runs.DirectoryOf(baseSettings)), epoch),
        };
        return change is null ? s : change(s);
    }

    /// <summary>
    /// The reduced-model twin of a full restart: P_eff from the order parameters of <paramref name="snapshot"/>, trained
    /// with the restart's protocol on the same batches (the seed's train-ic stream, advanced by
    /// <paramref name="skipBatches"/> draws first).
    /// </summary>
    public static ReducedTrainingResult Reduced(RankOneRun run, int snapshot, RunSettings restart, int skipBatches = 0)
    {
        var s = restart;
        var settings = new ReducedTrainingSettings
        {
            Epochs = s.Epochs, Batch = s.Episode.Batch, Steps = s.Episode.Steps, InitialRange = s.Episode.InitialStates.HalfWidth,
            Beta = s.Objective.Beta, Optimizer = s.Optimizer,
        };
        var ic = new RandomStreams(s.Seed, s.EvalSeed).TrainInitialConditions();
        var skip = new double[2 * s.Episode.Batch];
        for (int i = 0; i < skipBatches; i++) ic.FillUniform(skip, -settings.InitialRange, settings.InitialRange);
        return ReducedModelTraining.Run(run.Order(snapshot), settings, ic);
    }
}
