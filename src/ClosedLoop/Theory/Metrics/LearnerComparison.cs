namespace ClosedLoop.Theory;

/// <summary>Thresholds of the closed/open learner comparison (docs/science/analysis-maths.md §10).</summary>
public sealed record LearnerComparisonSettings
{
    /// <summary>Loss divergence iff the relative gap exceeds this (default 0.05).</summary>
    public double RelativeGapThreshold { get; init; } = 0.05;

    /// <summary>Gain divergence iff ‖k_closed − k_open‖₂ exceeds this (default 0.05).</summary>
    public double GainDistanceThreshold { get; init; } = 0.05;

    public LearnerComparisonSettings Validated()
    {
        if (!(RelativeGapThreshold >= 0) || !double.IsFinite(RelativeGapThreshold)) throw new ArgumentException($"comparison.relative_gap_threshold = {RelativeGapThreshold} is not allowed: it must be finite and >= 0");
        if (!(GainDistanceThreshold >= 0) || !double.IsFinite(GainDistanceThreshold)) throw new ArgumentException($"comparison.gain_distance_threshold = {GainDistanceThreshold} is not allowed: it must be finite and >= 0");
        return this;
    }
}

/// <summary>Final-epoch comparison of a closed-loop and an open-loop learner (docs/science/analysis-maths.md §10).</summary>
/// <param name="FinalGap">D_open(final) − D_closed(final).</param>
/// <param name="RelativeGap">FinalGap / |D_closed(final)|.</param>
/// <param name="LossDivergence">The relative gap is finite and above the threshold.</param>
/// <param name="GainDistance">‖k_closed − k_open‖₂ at the final epoch; null when a gain fit is missing or invalid.</param>
/// <param name="GainDivergence">The gain distance exists and is above the threshold.</param>
/// <param name="Recovered">D_closed(final) &lt; D_closed(0).</param>
/// <param name="Settings">The settings used.</param>
public sealed record LearnerComparisonResult(
    double FinalGap,
    double RelativeGap,
    bool LossDivergence,
    double? GainDistance,
    bool GainDivergence,
    bool Recovered,
    LearnerComparisonSettings Settings);

/// <summary>Final gap, relative gap, loss and gain divergence, and recovery (docs/science/analysis-maths.md §10).</summary>
public static class LearnerComparison
{
    /// <summary>Compares the final deployed losses (and optionally the final gains) of the two learners.</summary>
    /// <param name="closedLoss">D_closed(e), at least one value.</param>
    /// <param name="openLoss">D_open(e), at least one value.</param>
    /// <param name="closedGains">Final effective gains of the closed-loop learner, or null.</param>
    /// <param name="openGains">Final effective gains of the open-loop learner, or null.</param>
    /// <param name="settings">Thresholds (defaults 0.05 and 0.05).</param>
    public static LearnerComparisonResult Compare(IReadOnlyList<double> closedLoss, IReadOnlyList<double> openLoss,
        Gains? closedGains = null, Gains? openGains = null, LearnerComparisonSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(closedLoss);
        ArgumentNullException.ThrowIfNull(openLoss);
        var s = (settings ?? new LearnerComparisonSettings()).Validated();
        if (closedLoss.Count == 0) throw new ArgumentException("comparison.closed_loss is empty: at least one value is needed");
        if (openLoss.Count == 0) throw new ArgumentException("comparison.open_loss is empty: at least one value is needed");

        double closedFinal = closedLoss[^1], gap = openLoss[^1] - closedFinal;
        double relative = gap / Math.Abs(closedFinal);
        double? distance = closedGains is { IsValid: true } && openGains is { IsValid: true } ? closedGains.DistanceTo(openGains) : null;
        return new LearnerComparisonResult(
            gap, relative,
            LossDivergence: double.IsFinite(relative) && relative > s.RelativeGapThreshold,
            distance,
            GainDivergence: distance > s.GainDistanceThreshold,
            Recovered: closedFinal < closedLoss[0],
            s);
    }
}
