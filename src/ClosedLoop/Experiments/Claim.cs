namespace ClosedLoop.Experiments;

/// <summary>How a claim is judged (docs/science/figures-and-studies.md §0.1).</summary>
public enum ClaimKind
{
    /// <summary>A deterministic identity checked to numerical tolerance.</summary>
    Exact,
    /// <summary>Must hold in every seed.</summary>
    PerSeed,
    /// <summary>Must hold in at least 80 % of the seeds (4 of 5).</summary>
    MostSeeds,
    /// <summary>Reported, not asserted.</summary>
    Reported,
}

/// <summary>The distribution of a measured quantity over seeds.</summary>
public sealed record SeedStatistics
{
    public required IReadOnlyList<long> Seeds { get; init; }
    public required IReadOnlyList<double> Values { get; init; }
    /// <summary>Which seeds support the claim.</summary>
    public required IReadOnlyList<bool> Supports { get; init; }
    public required double Median { get; init; }
    /// <summary>Percentile-bootstrap 95 % interval of the mean (2000 resamples, seed 0).</summary>
    public double? CiLow { get; init; }
    public double? CiHigh { get; init; }
    public int Supporting => Supports.Count(x => x);
    public int Total => Supports.Count;
}

/// <summary>
/// One checkable claim of the spec with what was measured: <c>{id, statement, measured, expected, pass}</c> plus, for
/// multi-seed claims, the per-seed values, median, bootstrap interval and support count. <see cref="Pass"/> is null
/// for reported-only claims.
/// </summary>
public sealed record Claim
{
    public required string Id { get; init; }
    public required string Statement { get; init; }
    public required ClaimKind Kind { get; init; }
    /// <summary>The measured value (the median over seeds for multi-seed claims) or a short text.</summary>
    public object? Measured { get; init; }
    /// <summary>The expected value or range, in words or symbols.</summary>
    public required string Expected { get; init; }
    public bool? Pass { get; init; }
    public SeedStatistics? Seeds { get; init; }
    /// <summary>Why a claim fails or cannot be judged at this size, or other context.</summary>
    public string? Note { get; init; }
}
