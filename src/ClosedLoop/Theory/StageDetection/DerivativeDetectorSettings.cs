namespace ClosedLoop.Theory;

/// <summary>How the derivative detector decided the end of the plateau (docs/science/analysis-maths.md §7.3a).</summary>
public enum PlateauExit
{
    /// <summary>The smoothed log-loss slope fell below the exit slope after the minimum plateau.</summary>
    Slope = 0,
    /// <summary>The stability crossing, at least the minimum plateau after Stage 1.</summary>
    Stability = 1,
    /// <summary>Neither applied: min(n − 1, max(stage1_end + m_p, ⌊0.7 n⌋)).</summary>
    Fallback = 2,
    /// <summary>The loss contains NaN or ±∞: nothing was detected.</summary>
    NonfiniteLoss = 3,
}

/// <summary>Parameters of the loss-derivative detector (docs/science/analysis-maths.md §7.3a).</summary>
public sealed record DerivativeDetectorSettings
{
    /// <summary>|s| at or below this counts as flat (default 0.015 per epoch, natural-log loss).</summary>
    public double FlatnessThreshold { get; init; } = 0.015;

    /// <summary>Minimum plateau m_p in epochs (default 8).</summary>
    public int MinimumPlateau { get; init; } = 8;

    /// <summary>Plateau exit when the slope drops below this (default −0.025).</summary>
    public double ExitSlope { get; init; } = -0.025;

    /// <summary>Losses are floored at this value before the logarithm (default 10⁻¹²).</summary>
    public double LossFloor { get; init; } = 1e-12;

    /// <summary>
    /// Odd smoothing width; null (default) uses the rule w = max(3, min(11, 2⌊n/8⌋ + 1)).
    /// </summary>
    public int? SmoothingWidth { get; init; }

    /// <summary>Fallback Stage-1 end as a fraction of n: ⌊n·fraction⌋ (default 0.2, i.e. ⌊n/5⌋).</summary>
    public double Stage1FallbackFraction { get; init; } = 0.2;

    /// <summary>Fallback plateau end as a fraction of n: ⌊n·fraction⌋ (default 0.7).</summary>
    public double PlateauFallbackFraction { get; init; } = 0.7;

    /// <summary>The smoothing width used for a series of <paramref name="n"/> epochs.</summary>
    public int WidthFor(int n) => SmoothingWidth ?? Math.Max(3, Math.Min(11, 2 * (n / 8) + 1));

    public DerivativeDetectorSettings Validated()
    {
        if (!(FlatnessThreshold > 0) || !double.IsFinite(FlatnessThreshold)) throw new ArgumentException($"derivative_detector.flatness_threshold = {FlatnessThreshold} is not allowed: it must be > 0 and finite");
        if (MinimumPlateau < 1) throw new ArgumentException($"derivative_detector.minimum_plateau = {MinimumPlateau} is not allowed: it must be >= 1");
        if (!(ExitSlope < 0)) throw new ArgumentException($"derivative_detector.exit_slope = {ExitSlope} is not allowed: it must be < 0");
        if (!(LossFloor > 0)) throw new ArgumentException($"derivative_detector.loss_floor = {LossFloor} is not allowed: it must be > 0");
        if (SmoothingWidth is { } w && (w < 1 || w % 2 == 0)) throw new ArgumentException($"derivative_detector.smoothing_width = {w} is not allowed: it must be a positive odd number (or null for the rule)");
        if (!(Stage1FallbackFraction >= 0 && Stage1FallbackFraction <= 1)) throw new ArgumentException($"derivative_detector.stage1_fallback_fraction = {Stage1FallbackFraction} is not allowed: it must be in [0, 1]");
        if (!(PlateauFallbackFraction >= 0 && PlateauFallbackFraction <= 1)) throw new ArgumentException($"derivative_detector.plateau_fallback_fraction = {PlateauFallbackFraction} is not allowed: it must be in [0, 1]");
        return this;
    }
}

/// <summary>Result of <see cref="DerivativeStageDetector.Detect"/>; epochs are indices into the loss series.</summary>
/// <param name="Stage1End">First epoch ≥ 1 starting m_p flat epochs, else ⌊n/5⌋; null for non-finite loss.</param>
/// <param name="Crossing">First epoch ≥ stage1_end with ρ &lt; 1 there and at the next m_p epochs; null without ρ or crossing.</param>
/// <param name="PlateauEnd">End of the plateau by <paramref name="ExitReason"/>; null for non-finite loss.</param>
/// <param name="ExitReason">Which rule set the plateau end.</param>
/// <param name="PlateauDetected">plateau_end − stage1_end ≥ m_p.</param>
/// <param name="ThreeStages">A plateau was detected and the exit was not the fallback.</param>
/// <param name="ReachesStability">The reproduction's "C3" test: a crossing exists and the final ρ is finite.</param>
/// <param name="SmoothingWidth">The moving-average width used.</param>
/// <param name="Slope">s(e), the slope of the smoothed log-loss per epoch (empty for non-finite loss).</param>
/// <param name="Settings">The settings used.</param>
public sealed record DerivativeStageResult(
    int? Stage1End,
    int? Crossing,
    int? PlateauEnd,
    PlateauExit ExitReason,
    bool PlateauDetected,
    bool ThreeStages,
    bool ReachesStability,
    int SmoothingWidth,
    IReadOnlyList<double> Slope,
    DerivativeDetectorSettings Settings);
