using ClosedLoop.Analysis;
using ClosedLoop.Runs;

namespace ClosedLoop.Experiments;

/// <summary>
/// Stage boundaries of a finished run as the experiments use them (docs/science/analysis-maths.md §2, §7.2): the spectral detector's e1 and
/// persistent crossing, the strict stabilisation epoch of ρ(P), the strict stabilisation epoch of the gain system
/// P_red(k_eff), the growth G of the real eigenvalue and the three-stage verdict — taken from
/// <see cref="StageAnalysis.Detect"/> with the default <see cref="AnalysisSettings"/>.
/// </summary>
public sealed record RunStages(int? Stage1End, int? Crossing, int? Stabilization, int? GainStabilization, double Growth, bool ThreeStages)
{
    /// <summary>The stages of <paramref name="run"/>.</summary>
    public static RunStages Of(RunRecord run) => From(StageAnalysis.Detect(RunDirectory.Of(run), new AnalysisSettings()));

    /// <summary>First epoch from which the gain system P_red(k_eff) is stable at every later evaluated epoch (null if never or not fitted).</summary>
    public static int? GainSystemStabilization(RunRecord run) => Of(run).GainStabilization;

    /// <summary>The experiments' view of a <see cref="StageReport"/>.</summary>
    public static RunStages From(StageReport r) =>
        new(r.Stage1EndEpoch, r.PersistentCrossingEpoch, r.StabilizationEpoch, r.GainSystemStabilizationEpoch, r.Spectral.Growth ?? double.NaN, r.Spectral.ThreeStages);
}
