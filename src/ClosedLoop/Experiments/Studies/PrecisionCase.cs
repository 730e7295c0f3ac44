using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>How two values of a quantity are compared: epochs by their difference, losses and ratios relative to the double value.</summary>
public enum QuantityScale
{
    /// <summary>|single − double| in epochs.</summary>
    Epochs,
    /// <summary>|single − double| / |double|.</summary>
    Relative,
}

/// <summary>A quantity measured on a finished run (NaN when undefined, e.g. a run that never stabilised).</summary>
public sealed record PrecisionQuantity(string Name, QuantityScale Scale, Func<RunRecord, double> Measure);

/// <summary>
/// One kind of run of the precision study (docs/findings/precision.md): its settings for a seed (double precision;
/// the single twin differs only in <see cref="RunSettings.Precision"/>), its seeds and the quantities compared.
/// </summary>
/// <param name="Name">Short name, e.g. <c>rank-1 closed</c>.</param>
/// <param name="Settings">The double-precision settings of a seed.</param>
/// <param name="Seeds">The seeds (0..K−1).</param>
/// <param name="Quantities">What is compared between the two precisions.</param>
/// <param name="Judged">True where single precision is expected to agree (empirical claims assert it); false for the
/// long-horizon case, whose differences are reported and whose overflows are checked against <see cref="PrecisionAdvice"/>.</param>
public sealed record PrecisionCase(string Name, Func<long, RunSettings> Settings, IReadOnlyList<long> Seeds, IReadOnlyList<PrecisionQuantity> Quantities, bool Judged)
{
    /// <summary>The episode length of the long-horizon rank-1 case: the horizon study's longest (docs/science/figures-and-studies.md §9).</summary>
    public const int LongHorizon = 200;

    /// <summary>The single-precision twin of double-precision settings (same seed, draws and initial weights).</summary>
    public static RunSettings Single(RunSettings s) => s with { Precision = Precision.Single };

    /// <summary>
    /// The cases at the context's size. Their double runs are the runs of other experiments (Figs 3–6, the horizon study),
    /// so inside <c>reproduce all</c> only the single twins are new.
    /// </summary>
    public static IReadOnlyList<PrecisionCase> All(ExperimentContext ctx)
    {
        var rankOne = ctx.Seeds(quick: 5, full: 20);
        var tanh = ctx.Seeds(quick: 2, full: 10);
        var tracking = ctx.Seeds(quick: 1, full: 5);
        return
        [
            new("rank-1 closed", s => RankOneBase.Settings(ctx, s), rankOne, Closed, true),
            new("rank-1 open", s => RankOneBase.Settings(ctx, s).OpenTwin(), rankOne, Open, true),
            new($"rank-1 closed, T = {LongHorizon}", s => StudyRuns.Variant(ctx, RankOneBase.Settings(ctx, s), x => StudyRuns.WithSteps(x, LongHorizon)), rankOne, Closed, false),
            new("tanh closed", s => TanhBase.StudySettings(ctx, s), tanh, Closed, true),
            new("tanh open", s => TanhBase.StudySettings(ctx, s).OpenTwin(), tanh, Open, true),
            new("tracking closed", s => Fig6.Closed(ctx, s), tracking, Tracking, true),
        ];
    }

    /// <summary>A closed-loop regulation run: the spectral stage boundaries and the final deployed loss.</summary>
    private static readonly IReadOnlyList<PrecisionQuantity> Closed =
    [
        new("stage-1 end e1", QuantityScale.Epochs, r => Epoch(RunStages.Of(r).Stage1End)),
        new("crossing e2", QuantityScale.Epochs, r => Epoch(RunStages.Of(r).Crossing)),
        new("stabilisation epoch", QuantityScale.Epochs, r => Epoch(RunStages.Of(r).Stabilization)),
        new("final deployed loss", QuantityScale.Relative, FinalDeployed),
    ];

    /// <summary>An open-loop student: its deployed-loss peak (docs/science/analysis-maths.md §10) and final deployed loss.</summary>
    private static readonly IReadOnlyList<PrecisionQuantity> Open =
    [
        new("open-loop peak epoch", QuantityScale.Epochs, r => Epoch(Peak(r).PeakEpoch)),
        new("open-loop peak / initial", QuantityScale.Relative, r => Peak(r).PeakOverInitial),
        new("final deployed loss", QuantityScale.Relative, FinalDeployed),
    ];

    /// <summary>The tracking run: the acquisition epoch of each frequency (Fig. 6) and the final training loss.</summary>
    private static readonly IReadOnlyList<PrecisionQuantity> Tracking =
    [
        .. Enumerable.Range(0, 4).Select(i => new PrecisionQuantity($"acquisition of ω{i + 1}", QuantityScale.Epochs, r => Acquisition(r, i))),
        new("final loss", QuantityScale.Relative, r => r.Summary.FinalLoss),
    ];

    private static double Epoch(int? e) => e ?? double.NaN;

    private static double FinalDeployed(RunRecord r) => r.Summary.FinalTestLoss ?? double.NaN;

    private static PeakResult Peak(RunRecord r) => PeakMetrics.Analyze(LearnerSeries.Of(r).Deployed);

    private static double Acquisition(RunRecord r, int i)
    {
        var a = TrackingRunAnalysis.Of(r).Acquisitions;
        return i < a.Count ? Epoch(a[i]) : double.NaN;
    }
}
