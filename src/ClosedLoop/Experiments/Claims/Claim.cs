namespace ClosedLoop.Experiments;

/// <summary>
/// What kind of evidence a claim is (docs/experiments.md, "Claims"): the headline of a reproduction counts the
/// empirical claims apart from the exact checks.
/// </summary>
public enum ClaimCategory
{
    /// <summary>An identity or a reference value, checked to numerical tolerance: it holds by construction when the code is right.</summary>
    Exact,
    /// <summary>A statement about learning, measured over seeds and judged by a rule (every seed, or most seeds).</summary>
    Empirical,
    /// <summary>A quantity measured and reported; nothing is asserted.</summary>
    Reported,
}

/// <summary>How the verdicts of the seeds combine into a claim's pass.</summary>
public enum SeedRule
{
    /// <summary>One value, no seeds (a reference value or a deterministic identity).</summary>
    Single,
    /// <summary>Every seed where the claim applies supports it.</summary>
    EverySeed,
    /// <summary>At least 80 % of the seeds where the claim applies support it (4 of 5).</summary>
    MostSeeds,
    /// <summary>Nothing is judged (reported claims).</summary>
    None,
}

/// <summary>
/// The distribution of a measured quantity over seeds. <see cref="Supports"/> holds each seed's verdict: true
/// (supports), false (does not) or null (n/a: the claim's premise does not hold in that seed, e.g. no Stage 2 to
/// measure); n/a seeds are neither support nor evidence against, and the median and interval are over the seeds where
/// the claim applies.
/// </summary>
public sealed record SeedStatistics
{
    public required IReadOnlyList<long> Seeds { get; init; }
    public required IReadOnlyList<double> Values { get; init; }
    /// <summary>Each seed's verdict: true, false, or null for n/a.</summary>
    public required IReadOnlyList<bool?> Supports { get; init; }
    /// <summary>Median of the finite values of the seeds where the claim applies (NaN if none).</summary>
    public required double Median { get; init; }
    /// <summary>Percentile-bootstrap 95 % interval of the mean of those values (2000 resamples, seed 0).</summary>
    public double? CiLow { get; init; }
    public double? CiHigh { get; init; }
    /// <summary>Seeds that support the claim.</summary>
    public int Supporting => Supports.Count(x => x == true);
    /// <summary>Seeds where the claim applies (verdict true or false).</summary>
    public int Applicable => Supports.Count(x => x is not null);
    /// <summary>All seeds measured, n/a ones included.</summary>
    public int Total => Supports.Count;
}

/// <summary>
/// One claim with what was measured: its <see cref="Category"/>, the statement, the rule that judged it, the measured
/// value (the median over the applicable seeds for multi-seed claims), the expected outcome (generated from the
/// claim's criterion: a threshold is written once), the pass (null for reported claims and for claims no seed
/// applies to), the per-seed values and verdicts, a note, and the figures and tables it rests on
/// (<see cref="Evidence"/>: panel names or file names of its experiment, linked in report.md).
/// </summary>
public sealed record Claim
{
    public required string Id { get; init; }
    public required ClaimCategory Category { get; init; }
    public required string Statement { get; init; }
    public required SeedRule Rule { get; init; }
    /// <summary>The measured value (the median over applicable seeds for multi-seed claims) or a short text.</summary>
    public object? Measured { get; init; }
    /// <summary>What <see cref="Measured"/> (and each seed's value) is, e.g. <c>D(0)/D(e1+10)</c>; null when the statement says it.</summary>
    public string? Quantity { get; init; }
    /// <summary>The expected value or range, generated from the claim's criterion.</summary>
    public required string Expected { get; init; }
    public bool? Pass { get; init; }
    public SeedStatistics? Seeds { get; init; }
    /// <summary>Why a claim fails or cannot be judged at this size, or other context.</summary>
    public string? Note { get; init; }
    /// <summary>The panels (e.g. <c>fig3a</c>) and experiment files (e.g. <c>study_beta_summary.csv</c>) the claim rests on.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
