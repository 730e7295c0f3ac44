using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>A measured value of one seed and whether it supports the claim (NaN: could not be measured).</summary>
public readonly record struct SeedValue(long Seed, double Value, bool Holds);

/// <summary>Collects the claims of an experiment and judges them by their kind.</summary>
public sealed class ClaimList
{
    private readonly List<Claim> _claims = [];
    private readonly string _prefix;

    /// <summary>Claims whose ids are <c>&lt;experiment&gt;.&lt;n&gt;</c>.</summary>
    public ClaimList(string experiment) => _prefix = experiment;

    public IReadOnlyList<Claim> Items => _claims;

    /// <summary>A deterministic identity: |measured − expected| ≤ tolerance·max(1, |expected|).</summary>
    public Claim Exact(string id, string statement, double measured, double expected, double tolerance = 1e-9, string? note = null)
    {
        bool pass = Math.Abs(measured - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));
        return Add(new Claim { Id = Id(id), Statement = statement, Kind = ClaimKind.Exact, Measured = measured, Expected = $"{expected:G6} (±{tolerance:G2} rel.)", Pass = pass, Note = note });
    }

    /// <summary>A boolean identity or check that needs no tolerance.</summary>
    public Claim Check(string id, string statement, bool holds, object? measured, string expected, ClaimKind kind = ClaimKind.Exact, string? note = null) =>
        Add(new Claim { Id = Id(id), Statement = statement, Kind = kind, Measured = measured, Expected = expected, Pass = holds, Note = note });

    /// <summary>A claim that must hold in every seed.</summary>
    public Claim PerSeed(string id, string statement, string expected, IReadOnlyList<SeedValue> values, string? note = null) =>
        Add(Judge(id, statement, expected, values, ClaimKind.PerSeed, note));

    /// <summary>A claim that must hold in at least 80 % of the seeds (4 of 5).</summary>
    public Claim MostSeeds(string id, string statement, string expected, IReadOnlyList<SeedValue> values, string? note = null) =>
        Add(Judge(id, statement, expected, values, ClaimKind.MostSeeds, note));

    /// <summary>A quantity that is reported, not asserted.</summary>
    public Claim Reported(string id, string statement, object? measured, string expected = "reported, not asserted", IReadOnlyList<SeedValue>? values = null, string? note = null) =>
        Add(new Claim { Id = Id(id), Statement = statement, Kind = ClaimKind.Reported, Measured = values is null ? measured : Stats(values).Median, Expected = expected, Pass = null, Seeds = values is null ? null : Stats(values), Note = note });

    /// <summary>Per-seed statistics: median, bootstrap interval of the mean over the finite values, support.</summary>
    public static SeedStatistics Stats(IReadOnlyList<SeedValue> values)
    {
        var finite = values.Where(v => double.IsFinite(v.Value)).Select(v => v.Value).ToList();
        double median = finite.Count == 0 ? double.NaN : Descriptive.Median(finite);
        double? lo = null, hi = null;
        if (finite.Count >= 2)
        {
            var ci = Bootstrap.MeanInterval(finite);
            lo = ci.Lower;
            hi = ci.Upper;
        }
        return new SeedStatistics
        {
            Seeds = values.Select(v => v.Seed).ToList(),
            Values = values.Select(v => v.Value).ToList(),
            Supports = values.Select(v => v.Holds).ToList(),
            Median = median,
            CiLow = lo,
            CiHigh = hi,
        };
    }

    private Claim Judge(string id, string statement, string expected, IReadOnlyList<SeedValue> values, ClaimKind kind, string? note)
    {
        var stats = Stats(values);
        bool pass = values.Count > 0 && (kind == ClaimKind.PerSeed
            ? stats.Supporting == stats.Total
            : stats.Supporting >= Math.Ceiling(0.8 * stats.Total - 1e-9));
        return new Claim { Id = Id(id), Statement = statement, Kind = kind, Measured = stats.Median, Expected = expected, Pass = pass, Seeds = stats, Note = note };
    }

    private Claim Add(Claim c)
    {
        _claims.Add(c);
        return c;
    }

    private string Id(string id) => $"{_prefix}.{id}";
}
