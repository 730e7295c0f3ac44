using System.Globalization;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// One protocol criterion over seeds: a measured quantity per seed and whether the seed supports the criterion
/// (true / false; null = the seed failed, counted separately from "not supported", docs/science/figures-and-studies.md §12.1).
/// </summary>
public sealed record SeedCriterion(string Id, string Statement, string Quantity, IReadOnlyList<long> Seeds,
    IReadOnlyList<double> Values, IReadOnlyList<bool?> Verdicts, string Expected = "reported, not asserted",
    ClaimKind Kind = ClaimKind.Reported, string? Note = null)
{
    /// <summary>Support counts with failures apart.</summary>
    public SupportSummary Support => Descriptive.Support(Verdicts);
}

/// <summary>Summary statistics of the multi-seed tables (docs/science/analysis-maths.md §10): mean, bootstrap interval, SD, quartiles.</summary>
public static class ProtocolStatistics
{
    /// <summary>Bootstrap resamples in summary tables (docs/science/analysis-maths.md §10: 500; claims use 2000).</summary>
    public const int SummaryResamples = 500;

    /// <summary>Columns of a quantity row.</summary>
    public static readonly IReadOnlyList<string> Columns = ["n", "failures", "mean", "ci_low", "ci_high", "sd", "median", "q1", "q3", "iqr"];

    /// <summary>
    /// n finite values, non-finite ones as failures, mean, percentile-bootstrap 95 % interval of the mean (500
    /// resamples, seed 0; empty for fewer than 2 values), SD (n − 1), median, quartiles and IQR.
    /// </summary>
    public static IReadOnlyList<object?> Row(IReadOnlyList<double> values)
    {
        var s = Descriptive.Summarize(values);
        var finite = values.Where(double.IsFinite).ToList();
        BootstrapInterval? ci = finite.Count >= 2 ? Bootstrap.MeanInterval(finite, SummaryResamples) : null;
        return [s.Count, s.Failures, s.Mean, ci?.Lower, ci?.Upper, s.StandardDeviation, s.Median, s.LowerQuartile, s.UpperQuartile, s.InterquartileRange];
    }
}

/// <summary>
/// The claims of a protocol: each <see cref="SeedCriterion"/> becomes a claim of <see cref="ClaimList"/> (reported, or
/// judged over seeds for the few that map to a paper claim) and a row of the protocol's claims table (statistics of
/// the quantity plus support counts).
/// </summary>
public sealed class ProtocolClaims(string experiment, string? sizeNote)
{
    private readonly ClaimList _list = new(experiment);
    private readonly List<SeedCriterion> _criteria = [];

    public IReadOnlyList<Claim> Items => _list.Items;

    public IReadOnlyList<SeedCriterion> Criteria => _criteria;

    /// <summary>
    /// Adds a criterion and its claim; the note gets the support counts and the size note. A criterion without seeds
    /// (a variant not run at this size) becomes a reported claim measured "not run" whose note says why.
    /// </summary>
    public void Add(SeedCriterion c)
    {
        if (c.Values.Count != c.Seeds.Count || c.Verdicts.Count != c.Seeds.Count)
            throw new ArgumentException($"criterion {c.Id}: {c.Seeds.Count} seeds but {c.Values.Count} values and {c.Verdicts.Count} verdicts");
        _criteria.Add(c);
        var values = c.Seeds.Select((s, i) => new SeedValue(s, c.Values[i], c.Verdicts[i] == true)).ToList();
        var sup = c.Support;
        string counts = string.Create(CultureInfo.InvariantCulture, $"supported by {sup.Supported} of {sup.Evaluated} evaluated seeds, {sup.Failures} failed; measured = median of {c.Quantity}");
        string note = string.Join("; ", new[] { c.Note, counts, sizeNote }.Where(x => !string.IsNullOrEmpty(x)));
        if (c.Seeds.Count == 0)
        {
            _list.Reported(c.Id, c.Statement, "not run", c.Expected, note: c.Note);
            return;
        }
        switch (c.Kind)
        {
            case ClaimKind.MostSeeds: _list.MostSeeds(c.Id, c.Statement, c.Expected, values, note); break;
            case ClaimKind.PerSeed: _list.PerSeed(c.Id, c.Statement, c.Expected, values, note); break;
            case ClaimKind.Reported: _list.Reported(c.Id, c.Statement, null, c.Expected, values, note); break;
            default: throw new ArgumentException($"criterion {c.Id}: kind = {c.Kind} is not allowed for a seed criterion (reported, per_seed or most_seeds)");
        }
    }

    /// <summary>Header of <see cref="Rows"/>.</summary>
    public static IReadOnlyList<string> Header =>
        ["id", "statement", "quantity", .. ProtocolStatistics.Columns, "supported", "evaluated", "failed", "fraction", "kind", "expected", "pass"];

    /// <summary>One row per claim: the quantity's statistics over seeds and the support counts.</summary>
    public IEnumerable<IReadOnlyList<object?>> Rows() => _criteria.Select((c, i) =>
    {
        var sup = c.Support;
        var claim = _list.Items[i];
        return (IReadOnlyList<object?>)[claim.Id, c.Statement, c.Quantity, .. ProtocolStatistics.Row(c.Values),
            sup.Supported, sup.Evaluated, sup.Failures, sup.Fraction, c.Kind, c.Expected, claim.Pass];
    });
}
