namespace ClosedLoop.Theory;

/// <summary>
/// Parameters of the three-segment regression of ln L (docs/science/analysis-maths.md §7.3b): subsampling stride s_d, minimum segment
/// m_seg (in subsampled points) and the criteria thresholds (f, q, a_abs, r_a). Slopes are per epoch, natural log.
/// </summary>
public sealed record SegmentedRegressionSettings
{
    /// <summary>Variant name, echoed in outputs ("main", "loose", …).</summary>
    public string Name { get; init; } = "main";

    /// <summary>Subsampling stride s_d (default 2).</summary>
    public int Stride { get; init; } = 2;

    /// <summary>Minimum number of subsampled points per segment m_seg (default 20).</summary>
    public int MinSegment { get; init; } = 20;

    /// <summary>Fast criterion a₁ &lt; f (default −0.02).</summary>
    public double FastSlope { get; init; } = -0.02;

    /// <summary>Slow criterion |a₂| &lt; max(q|a₁|, a_abs): q (default 0.35).</summary>
    public double SlowRatio { get; init; } = 0.35;

    /// <summary>Slow criterion: a_abs (default 0.004).</summary>
    public double SlowAbsolute { get; init; } = 0.004;

    /// <summary>Re-acceleration criterion a₃ &lt; a₂ − r_a: r_a (default 0.002).</summary>
    public double Reacceleration { get; init; } = 0.002;

    /// <summary>The main variant (m_seg 20, f −0.02, q 0.35, a_abs 0.004, r_a 0.002).</summary>
    public static SegmentedRegressionSettings Main { get; } = new();

    /// <summary>The loose variant (20, −0.01, 0.50, 0.006, 0.001).</summary>
    public static SegmentedRegressionSettings Loose { get; } = new()
    { Name = "loose", FastSlope = -0.01, SlowRatio = 0.50, SlowAbsolute = 0.006, Reacceleration = 0.001 };

    /// <summary>The strict variant (20, −0.04, 0.20, 0.002, 0.004).</summary>
    public static SegmentedRegressionSettings Strict { get; } = new()
    { Name = "strict", FastSlope = -0.04, SlowRatio = 0.20, SlowAbsolute = 0.002, Reacceleration = 0.004 };

    /// <summary>The short-segment variant (10, −0.02, 0.35, 0.004, 0.002).</summary>
    public static SegmentedRegressionSettings ShortSegment { get; } = new() { Name = "short-segment", MinSegment = 10 };

    /// <summary>The very loose variant (20, −0.005, 0.75, 0.010, 0.0005).</summary>
    public static SegmentedRegressionSettings VeryLoose { get; } = new()
    { Name = "very-loose", FastSlope = -0.005, SlowRatio = 0.75, SlowAbsolute = 0.010, Reacceleration = 0.0005 };

    /// <summary>The five variants of the table, in table order.</summary>
    public static IReadOnlyList<SegmentedRegressionSettings> Variants { get; } = [Main, Loose, Strict, ShortSegment, VeryLoose];

    public SegmentedRegressionSettings Validated()
    {
        if (Stride < 1) throw new ArgumentException($"segmented_regression.stride = {Stride} is not allowed: it must be >= 1");
        if (MinSegment < 2) throw new ArgumentException($"segmented_regression.min_segment = {MinSegment} is not allowed: it must be >= 2 points");
        foreach (var (name, v) in new[] { ("fast_slope", FastSlope), ("slow_ratio", SlowRatio), ("slow_absolute", SlowAbsolute), ("reacceleration", Reacceleration) })
            if (!double.IsFinite(v)) throw new ArgumentException($"segmented_regression.{name} = {v} is not allowed: it must be finite");
        if (SlowRatio < 0 || SlowAbsolute < 0) throw new ArgumentException($"segmented_regression.slow_ratio = {SlowRatio} and slow_absolute = {SlowAbsolute} must both be >= 0");
        return this;
    }
}

/// <summary>Outcome of a segmented regression.</summary>
public enum SegmentedRegressionStatus
{
    /// <summary>The three-segment fit was found.</summary>
    Ok = 0,
    /// <summary>Fewer than 3·m_seg subsampled points: no admissible split.</summary>
    TooShort = 1,
    /// <summary>The series contains NaN or ±∞ (e.g. ln of a zero or diverged loss).</summary>
    NonfiniteInput = 2,
}

/// <summary>One fitted segment: the OLS line y = Slope·epoch + Intercept over the subsampled points of [StartEpoch, EndEpoch].</summary>
public sealed record SegmentFit(int StartEpoch, int EndEpoch, int Points, double Slope, double Intercept, double SquaredError);

/// <summary>Result of <see cref="SegmentedRegression.Fit"/>; epochs are indices of the input series.</summary>
/// <param name="Status">Whether a fit was possible.</param>
/// <param name="Segments">The three segments of the best split (empty unless Ok).</param>
/// <param name="Boundary1">Epoch of the first point of segment 2.</param>
/// <param name="Boundary2">Epoch of the first point of segment 3.</param>
/// <param name="TwoSegmentBoundary">Epoch of the first point of the second segment of the best two-segment split.</param>
/// <param name="OneSegmentError">Squared error of a single line.</param>
/// <param name="TwoSegmentError">Squared error of the best two-segment split.</param>
/// <param name="ThreeSegmentError">Squared error of the best three-segment split.</param>
/// <param name="ReductionVsOne">(E₁ − E₃)/E₁ (0 when E₁ = 0).</param>
/// <param name="ReductionVsTwo">(E₂ − E₃)/E₂ (0 when E₂ = 0).</param>
/// <param name="Fast">a₁ &lt; f.</param>
/// <param name="Slow">|a₂| &lt; max(q|a₁|, a_abs).</param>
/// <param name="Reaccelerates">a₃ &lt; a₂ − r_a.</param>
/// <param name="Settings">The settings used.</param>
public sealed record SegmentedRegressionResult(
    SegmentedRegressionStatus Status,
    IReadOnlyList<SegmentFit> Segments,
    int? Boundary1,
    int? Boundary2,
    int? TwoSegmentBoundary,
    double OneSegmentError,
    double TwoSegmentError,
    double ThreeSegmentError,
    double ReductionVsOne,
    double ReductionVsTwo,
    bool Fast,
    bool Slow,
    bool Reaccelerates,
    SegmentedRegressionSettings Settings)
{
    /// <summary>All three criteria hold.</summary>
    public bool ThreeStages => Status == SegmentedRegressionStatus.Ok && Fast && Slow && Reaccelerates;

    /// <summary>Slopes per epoch (a₁, a₂, a₃), or NaN when there is no fit.</summary>
    public (double A1, double A2, double A3) Slopes => Segments.Count == 3
        ? (Segments[0].Slope, Segments[1].Slope, Segments[2].Slope)
        : (double.NaN, double.NaN, double.NaN);
}
