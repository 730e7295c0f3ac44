using System.Globalization;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// One protocol criterion over seeds: a measured quantity per seed and whether the seed supports the criterion
/// (true / false; null = the seed failed, counted separately from "not supported", docs/science/figures-and-studies.md §12.1, and never
/// as support). <paramref name="Criterion"/> says what a seed must show, in words generated from the constants the
/// verdicts use. A criterion without seeds is reported as <paramref name="Absent"/> (default "not run").
/// </summary>
public sealed record SeedCriterion(string Id, string Statement, string Quantity, IReadOnlyList<long> Seeds,
    IReadOnlyList<double> Values, IReadOnlyList<bool?> Verdicts, string Criterion,
    ClaimCategory Category = ClaimCategory.Reported, SeedRule Rule = SeedRule.None, string? Note = null, string Absent = "not run")
{
    /// <summary>Support counts with failures apart.</summary>
    public SupportSummary Support => Descriptive.Support(Verdicts);
}

/// <summary>One seed of a <see cref="SeedCriterion"/> (the verdict null for a failed seed).</summary>
public sealed record CriterionSeed(long Seed, double Value, bool? Verdict) : ISeeded;

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
/// The criteria of a protocol, computed in its measure stage: each <see cref="SeedCriterion"/> becomes a claim
/// (<see cref="Judge"/>: reported, or judged over seeds for the few that map to a paper claim) and a row of the
/// protocol's claims table (<see cref="Rows"/>: statistics of the quantity plus support counts).
/// </summary>
public sealed class ProtocolClaims(string? sizeNote)
{
    private const string NoOutcomeReason = "the spec states no outcome for §12";

    private readonly List<SeedCriterion> _criteria = [];

    public IReadOnlyList<SeedCriterion> Criteria => _criteria;

    /// <summary>Adds a criterion (checked: as many values and verdicts as seeds; reported criteria have no rule).</summary>
    public void Add(SeedCriterion c)
    {
        if (c.Values.Count != c.Seeds.Count || c.Verdicts.Count != c.Seeds.Count)
            throw new ArgumentException($"criterion {c.Id}: {c.Seeds.Count} seeds but {c.Values.Count} values and {c.Verdicts.Count} verdicts");
        if ((c.Category == ClaimCategory.Reported) != (c.Rule == SeedRule.None))
            throw new ArgumentException($"criterion {c.Id}: category {c.Category} and rule {c.Rule} do not go together (reported criteria have no rule)");
        _criteria.Add(c);
    }

    /// <summary>
    /// The claims: reported criteria record each seed's verdict without asserting anything; judged ones (exact, or
    /// empirical every/most seeds) are judged on their verdicts, a failed seed counting as not supporting. The note gets
    /// the support counts and the size note. A criterion without seeds (a variant not run at this size) becomes a
    /// reported claim measured as <see cref="SeedCriterion.Absent"/>.
    /// </summary>
    public void Judge(ClaimSet claims)
    {
        foreach (var c in _criteria)
        {
            var sup = c.Support;
            string counts = string.Create(CultureInfo.InvariantCulture, $"supported by {sup.Supported} of {sup.Evaluated} evaluated seeds, {sup.Failures} failed; measured = median of {c.Quantity}");
            string note = string.Join("; ", new[] { c.Note, counts, sizeNote }.Where(x => !string.IsNullOrEmpty(x)));
            if (c.Seeds.Count == 0)
            {
                claims.Reported(c.Id, c.Statement, c.Absent, c.Note, $"reported, not asserted ({NoOutcomeReason})");
                continue;
            }
            var rows = Seeds(c);
            var quantity = new Quantity<CriterionSeed>(c.Quantity, r => r.Value);
            var test = Experiments.Criteria.Is<CriterionSeed>(c.Criterion, r => r.Verdict == true);
            if (c.Category == ClaimCategory.Reported) claims.Reported(c.Id, c.Statement, rows, quantity, test).Because(NoOutcomeReason).Note(note);
            else if (c.Category == ClaimCategory.Exact) claims.ExactOverSeeds(c.Id, c.Statement, rows, test).Measuring(quantity).Note(note);
            else claims.BySeeds(c.Id, c.Statement, c.Rule, rows, test).Measuring(quantity).Note(note);
        }
    }

    /// <summary>Header of <see cref="Rows"/>.</summary>
    public static IReadOnlyList<string> Header =>
        ["id", "statement", "quantity", .. ProtocolStatistics.Columns, "supported", "evaluated", "failed", "fraction", "category", "rule", "criterion", "pass"];

    /// <summary>One row per criterion: the quantity's statistics over seeds, the support counts and the pass of a judged claim.</summary>
    public IEnumerable<IReadOnlyList<object?>> Rows(string experiment) => _criteria.Select(c =>
    {
        var sup = c.Support;
        var verdicts = c.Verdicts.Select(v => (bool?)(v == true)).ToList();
        bool? pass = c.Rule == SeedRule.None || c.Seeds.Count == 0 ? null : ClaimSet.Judge(c.Rule, ClaimSet.Stats(c.Seeds, c.Values, verdicts));
        return (IReadOnlyList<object?>)[$"{experiment}.{c.Id}", c.Statement, c.Quantity, .. ProtocolStatistics.Row(c.Values),
            sup.Supported, sup.Evaluated, sup.Failures, sup.Fraction, c.Category, c.Rule, c.Criterion, pass];
    });

    private static List<CriterionSeed> Seeds(SeedCriterion c) => c.Seeds.Select((s, i) => new CriterionSeed(s, c.Values[i], c.Verdicts[i])).ToList();
}
