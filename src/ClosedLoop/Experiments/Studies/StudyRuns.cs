using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The run variants the control-penalty and episode-length studies build (docs/science/figures-and-studies.md §3, §8, §9) from the
/// shared base runs (<see cref="RankOneBase"/>, <see cref="TanhBase.StudySettings"/>): the β = 0 and T = 50 variants are
/// the base runs themselves, so every run is trained once and shared through the run cache.
/// </summary>
public static class StudyRuns
{
    /// <summary>Horizon D_H of the "final deployed D_50" measure (docs/science/figures-and-studies.md §9).</summary>
    public const int DeployedHorizon = 50;

    /// <summary>The settings with control-penalty weight β (reg_U for the tanh preset).</summary>
    public static RunSettings WithBeta(RunSettings s, double beta) => s with { Objective = s.Objective with { Beta = beta } };

    /// <summary>The settings with episode length T (the loss keeps the preset's time normalisation).</summary>
    public static RunSettings WithSteps(RunSettings s, int steps) => s with { Episode = s.Episode with { Steps = steps } };

    /// <summary>A variant of a base settings (β, T, ...) sized for the context (smoke size clamps T and epochs).</summary>
    public static RunSettings Variant(ExperimentContext ctx, RunSettings baseRun, Func<RunSettings, RunSettings> change) =>
        Sizing.Apply(change(baseRun), ctx.Size);
}

/// <summary>
/// One run of a study measured: its summary row, its deployed-loss curve (one value per epoch) and the upper member
/// of its dominant pair at every recorded spectrum.
/// </summary>
public sealed record StudyRun(StudyRow Row, double[] Deployed, IReadOnlyList<int> SpectrumEpochs, IReadOnlyList<Complex> UpperPair)
{
    /// <summary>Measures a finished run (<paramref name="deployed"/>: the metrics column of its curve).</summary>
    public static StudyRun Of(RunRecord run, string config, double value, string deployed, int? restartEpoch = null)
    {
        var (epochs, path) = RestartTrace.UpperPairPath(run);
        return new StudyRun(StudyRow.Measure(run, config, value, restartEpoch), run.Series(deployed), epochs, path);
    }
}

/// <summary>One seed of a study configuration: a row per value of the study variable (in the order of the values) and, where measured, its runs.</summary>
public sealed record StudySeed(long Seed, IReadOnlyList<StudyRow> Rows) : ISeeded
{
    /// <summary>The runs behind <see cref="Rows"/> (empty for rows without a run, e.g. the reduced model).</summary>
    public IReadOnlyList<StudyRun> Runs { get; init; } = [];

    /// <summary>The measured runs of one seed, one per value.</summary>
    public static StudySeed Of(long seed, IReadOnlyList<StudyRun> runs) => new(seed, runs.Select(r => r.Row).ToList()) { Runs = runs };
}
