using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>Where a run's spectra of P come from.</summary>
public enum SpectrumSource
{
    /// <summary>No spectra of P were recorded or none is defined (relu).</summary>
    None,
    /// <summary>Eigenvalues of the joint matrix P of a linear network (docs/science/analysis-maths.md §1.1).</summary>
    JointMatrix,
    /// <summary>The three cubic roots of the paper's rank-1 model: the non-zero eigenvalues of P (docs/science/analysis-maths.md §2, §3.4).</summary>
    RankOneCubic,
    /// <summary>P of a tanh network linearised at the origin (docs/science/analysis-maths.md §1.1): local stability only.</summary>
    LinearisedJointMatrix,
}

/// <summary>
/// The spectral detector (docs/science/analysis-maths.md §7.2) applied to a run, and the strict stabilisation epoch of P (§2).
/// </summary>
/// <param name="DetectorApplied">False when the detector could not run; <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why the detector (or the spectra) are absent; null when it ran.</param>
/// <param name="Source">Where ρ, U and λ₃ come from.</param>
/// <param name="Checkpoints">Checkpoints used (epochs where ρ, U and k₁ were all recorded).</param>
/// <param name="Stage1EndEpoch">e₁, the Stage-1/2 boundary.</param>
/// <param name="PersistentCrossingEpoch">e₂: first epoch ≥ e₁ from which ρ &lt; 1 for p checkpoints (Stage-2/3 boundary of the detector).</param>
/// <param name="StabilizationEpoch">Strict e_stab over every recorded ρ (null: not stabilised); computed even without the detector.</param>
/// <param name="Growth">G = max_{e ≥ e₂}|λ₃| − |λ₃(e₂)|.</param>
/// <param name="ThreeStages">e₁ and e₂ exist, G &gt; g_th and the final loss is finite.</param>
/// <param name="Settings">Detector settings (persistence p, gain threshold k_th, growth threshold g_th).</param>
public sealed record SpectralStages(
    bool DetectorApplied,
    string? Reason,
    SpectrumSource Source,
    int Checkpoints,
    int? Stage1EndEpoch,
    int? PersistentCrossingEpoch,
    int? StabilizationEpoch,
    double? Growth,
    bool ThreeStages,
    SpectralDetectorSettings Settings);

/// <summary>
/// Stabilisation of the 2×2 gain system P_red(k_eff) (docs/science/analysis-maths.md §2 last paragraph, §8.2) from the fitted gains
/// k₁, k₂ of each checkpoint: stable ⇔ ρ(P_red) &lt; 1 ⇔ <c>p_red_class</c> = stable. For tanh runs the strict
/// epoch is the published Stage-2/3 boundary (decision 13 of docs/science/decisions.md).
/// </summary>
/// <param name="Checkpoints">Checkpoints with both gains recorded.</param>
/// <param name="StabilizationEpoch">First epoch from which P_red(k) is stable at every later checkpoint; null if never.</param>
/// <param name="PersistentCrossingEpoch">First epoch ≥ the spectral e₁ (0 without e₁) from which P_red(k) is stable for <paramref name="Persistence"/> checkpoints.</param>
/// <param name="Persistence">Window of the persistent crossing.</param>
public sealed record GainSystemStages(int Checkpoints, int? StabilizationEpoch, int? PersistentCrossingEpoch, int Persistence);

/// <summary>The derivative detector (docs/science/analysis-maths.md §7.3a) on one loss series; epochs are row numbers of metrics.csv.</summary>
/// <param name="Stage1EndEpoch">First epoch ≥ 1 starting m_p flat epochs (else ⌊n/5⌋); null for a non-finite loss.</param>
/// <param name="PlateauEndEpoch">End of the plateau by <paramref name="ExitReason"/>.</param>
/// <param name="CrossingEpoch">First epoch ≥ stage1_end with ρ &lt; 1 there and at the next m_p epochs.</param>
/// <param name="ExitReason">slope, stability, fallback or nonfinite_loss.</param>
/// <param name="PlateauDetected">plateau_end − stage1_end ≥ m_p.</param>
/// <param name="ThreeStages">A plateau was detected and its exit was not the fallback.</param>
/// <param name="ReachesStability">The reproduction's "C3": a crossing exists and the final ρ is finite.</param>
/// <param name="SmoothingWidth">Moving-average width used.</param>
/// <param name="Settings">Detector settings.</param>
/// <param name="RadiusGiven">Whether ρ was given (only when recorded at every epoch); without it there is no crossing.</param>
public sealed record DerivativeStages(
    int? Stage1EndEpoch,
    int? PlateauEndEpoch,
    int? CrossingEpoch,
    PlateauExit ExitReason,
    bool PlateauDetected,
    bool ThreeStages,
    bool ReachesStability,
    int SmoothingWidth,
    bool RadiusGiven,
    DerivativeDetectorSettings Settings);

/// <summary>One variant of the segmented regression of ln L (docs/science/analysis-maths.md §7.3b).</summary>
/// <param name="Variant">Variant name (main, loose, strict, short-segment, very-loose, or a custom name).</param>
/// <param name="Boundary1Epoch">First epoch of segment 2.</param>
/// <param name="Boundary2Epoch">First epoch of segment 3.</param>
/// <param name="TwoSegmentBoundaryEpoch">Boundary of the best two-segment split.</param>
/// <param name="Status">ok, too_short or nonfinite_input.</param>
/// <param name="A1">Slope of segment 1 (per epoch, natural log); NaN without a fit.</param>
/// <param name="A2">Slope of segment 2.</param>
/// <param name="A3">Slope of segment 3.</param>
/// <param name="ReductionVsOne">(E₁ − E₃)/E₁.</param>
/// <param name="ReductionVsTwo">(E₂ − E₃)/E₂.</param>
/// <param name="Fast">a₁ &lt; f.</param>
/// <param name="Slow">|a₂| &lt; max(q|a₁|, a_abs).</param>
/// <param name="Reaccelerates">a₃ &lt; a₂ − r_a.</param>
/// <param name="ThreeStages">All three criteria hold.</param>
/// <param name="Settings">The variant's settings.</param>
public sealed record SegmentedStages(
    string Variant,
    SegmentedRegressionStatus Status,
    int? Boundary1Epoch,
    int? Boundary2Epoch,
    int? TwoSegmentBoundaryEpoch,
    double A1,
    double A2,
    double A3,
    double ReductionVsOne,
    double ReductionVsTwo,
    bool Fast,
    bool Slow,
    bool Reaccelerates,
    bool ThreeStages,
    SegmentedRegressionSettings Settings);

/// <summary>The loss-based detectors on one series (<c>loss</c> = training loss, <c>test_loss</c> = deployed loss D).</summary>
/// <param name="Series">Column of metrics.csv.</param>
/// <param name="Available">False when the series is absent or not recorded at every epoch.</param>
/// <param name="Reason">Why it is not available.</param>
/// <param name="Derivative">The derivative detector, when available.</param>
/// <param name="SegmentedRegression">One entry per segmented-regression variant (empty when not available).</param>
public sealed record LossStages(
    string Series,
    bool Available,
    string? Reason,
    DerivativeStages? Derivative,
    IReadOnlyList<SegmentedStages> SegmentedRegression);

/// <summary>
/// One spectral boundary next to one loss-based boundary (on the training loss). <c>Disagree</c> is true when exactly
/// one of them exists or they differ by more than <see cref="AnalysisSettings.BoundaryTolerance"/> epochs.
/// </summary>
/// <param name="Boundary">stage1_end (e₁) or stage2_end (e₂, the persistent crossing).</param>
/// <param name="Spectral">The spectral boundary.</param>
/// <param name="LossBased">The loss-based boundary.</param>
/// <param name="Disagree">Exactly one exists, or they differ by more than the tolerance.</param>
/// <param name="LossDetector">derivative (stage1_end, plateau_end) or segmented_&lt;variant&gt; (boundary 1, boundary 2).</param>
/// <param name="Difference">LossBased − Spectral, when both exist.</param>
public sealed record BoundaryComparison(string Boundary, int? Spectral, string LossDetector, int? LossBased, int? Difference, bool Disagree);

/// <summary>
/// Everything <c>analysis/stages.json</c> holds: the automatic boundaries first, then each detector with its settings.
/// </summary>
/// <param name="Stage1EndEpoch">Spectral e₁ (the Stage-1/2 boundary); null when not detected.</param>
/// <param name="StabilizationEpoch">Strict e_stab of P (linearised P for tanh).</param>
/// <param name="PersistentCrossingEpoch">Spectral e₂.</param>
/// <param name="GainSystemStabilizationEpoch">Strict stabilisation of P_red(k_eff) (double-integrator runs).</param>
/// <param name="Stage2EndEpoch">The Stage-2/3 boundary used for claims: e_stab of P, or of P_red(k) for nonlinear networks (decision 13 of docs/science/decisions.md).</param>
/// <param name="Stage2EndSource"><c>joint_matrix</c> or <c>gain_system</c>.</param>
/// <param name="Spectral">The spectral detector and the strict stabilisation epoch of P.</param>
/// <param name="GainSystem">Stabilisation of P_red(k_eff), for runs with fitted gains.</param>
/// <param name="TrainingLoss">Loss-based detectors on the training loss.</param>
/// <param name="TestLoss">Loss-based detectors on the test (deployed) loss, for reference.</param>
/// <param name="Comparison">Spectral and loss-based boundaries side by side.</param>
/// <param name="OpenLoopPeak">Peak rules of docs/science/analysis-maths.md §10 on the deployed loss of an open-loop run.</param>
public sealed record StageReport(
    int? Stage1EndEpoch,
    int? StabilizationEpoch,
    int? PersistentCrossingEpoch,
    int? GainSystemStabilizationEpoch,
    int? Stage2EndEpoch,
    string? Stage2EndSource,
    SpectralStages Spectral,
    GainSystemStages? GainSystem,
    LossStages TrainingLoss,
    LossStages TestLoss,
    IReadOnlyList<BoundaryComparison> Comparison,
    PeakResult? OpenLoopPeak);
