using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// Everything the paired core protocol (docs/science/figures-and-studies.md §12.2) measures on one seed: the open learner's peak rules, the
/// final losses, gap and gain distance of the two learners (docs/science/analysis-maths.md §10), the closed learner's spectral stages,
/// crossing, ρ(P) and ρ(W), and its loss-based stages (derivative detector, segmented regression under the five
/// variants; docs/science/analysis-maths.md §7.3). The loss detectors read the closed learner's deployed loss D (fixed evaluation set,
/// smoother than the batch training loss) with ρ(P) supplied to the derivative detector.
/// </summary>
public sealed record PairMeasures
{
    public required long Seed { get; init; }
    /// <summary>A deployed loss of either learner is non-finite: the seed is a failure, not "not supported".</summary>
    public required bool Failed { get; init; }
    /// <summary>|D_closed(0) − D_open(0)| / D_closed(0): zero when both learners start from the same weights.</summary>
    public required double InitialGap { get; init; }
    /// <summary>Peak rules on D_open (post-initial peak, spike, ratios, separation epoch).</summary>
    public required PeakResult Peak { get; init; }
    /// <summary>Final gap, relative gap, loss and gain divergence, recovery.</summary>
    public required LearnerComparisonResult Comparison { get; init; }
    public required double InitialClosed { get; init; }
    public required double InitialOpen { get; init; }
    public required double FinalClosed { get; init; }
    public required double FinalOpen { get; init; }
    /// <summary>Spectral detector on the closed learner (e₁, e₂ = persistent crossing, strict e_stab, growth G).</summary>
    public required SpectralStageResult Spectral { get; init; }
    /// <summary>The open learner's persistent crossing (ρ(P) &lt; 1 for 5 epochs), for the crossing histogram.</summary>
    public required int? OpenCrossing { get; init; }
    public required double FinalRho { get; init; }
    public required double FinalRhoOpen { get; init; }
    public required double RhoWAtCrossing { get; init; }
    public required double RhoWFinal { get; init; }
    public required DerivativeStageResult Derivative { get; init; }
    /// <summary>Segmented regression of ln D under each variant of <see cref="SegmentedRegressionSettings.Variants"/>.</summary>
    public required IReadOnlyList<SegmentedRegressionResult> ChangePoints { get; init; }

    /// <summary>Spectral three-stage support: e₁, e₂ exist, G &gt; 0.01 and the run did not fail.</summary>
    public bool ThreeStages => Spectral.ThreeStages && !Failed;

    /// <summary>The measures of one seed from the series of its two learners.</summary>
    public static PairMeasures Compute(long seed, LearnerSeries closed, LearnerSeries open)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(open);
        if (closed.Count < 2 || open.Count < 2)
            throw new ArgumentException($"pair.epochs = {Math.Min(closed.Count, open.Count)} is not allowed: both learners need at least 2 evaluated epochs");
        bool failed = !closed.Finite || !open.Finite;
        var dc = closed.Deployed;
        var dopen = open.Deployed;
        var gainsClosed = new Gains(closed.PositionGain[^1], closed.VelocityGain[^1], GainStatus(closed));
        var gainsOpen = new Gains(open.PositionGain[^1], open.VelocityGain[^1], GainStatus(open));
        var spectral = SpectralStageDetector.Detect(closed.Spectral());
        var openSpectral = SpectralStageDetector.Detect(open.Spectral());
        var lnD = dc.Select(d => Math.Log(d)).ToList();
        return new PairMeasures
        {
            Seed = seed,
            Failed = failed,
            InitialGap = Math.Abs(dc[0] - dopen[0]) / Math.Abs(dc[0]),
            Peak = PeakMetrics.Analyze(dopen),
            Comparison = LearnerComparison.Compare(dc, dopen, gainsClosed, gainsOpen),
            InitialClosed = dc[0],
            InitialOpen = dopen[0],
            FinalClosed = dc[^1],
            FinalOpen = dopen[^1],
            Spectral = spectral,
            OpenCrossing = openSpectral.Stage2End,
            FinalRho = closed.SpectralRadius[^1],
            FinalRhoOpen = open.SpectralRadius[^1],
            RhoWAtCrossing = LearnerSeries.At(closed.NetworkRadius, spectral.Stage2End),
            RhoWFinal = closed.NetworkRadius[^1],
            Derivative = DerivativeStageDetector.Detect(dc, closed.SpectralRadius),
            ChangePoints = SegmentedRegressionSettings.Variants.Select(v => SegmentedRegression.Fit(lnD, v)).ToList(),
        };
    }

    private static GainFitStatus GainStatus(LearnerSeries s) =>
        double.IsFinite(s.PositionGain[^1]) && double.IsFinite(s.VelocityGain[^1]) ? GainFitStatus.Ok : GainFitStatus.NonfiniteInput;
}
