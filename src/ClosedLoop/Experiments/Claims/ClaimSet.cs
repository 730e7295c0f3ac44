using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The claims of one experiment, built from criteria and judged in the order they were added (ids
/// <c>&lt;experiment&gt;.&lt;id&gt;</c>). Every claim states its category by the method that makes it: <see cref="Exact"/>,
/// <see cref="Check{T}"/> and <see cref="ExactOverSeeds{T}"/> for exact checks, <see cref="EverySeed{T}"/> and
/// <see cref="MostSeeds{T}"/> for empirical claims, the <c>Reported</c> overloads for reported ones. The expected text is generated from the criterion.
/// </summary>
public sealed class ClaimSet
{
    /// <summary>Fraction of applicable seeds a most-seeds claim needs (4 of 5).</summary>
    public const double MostSeedsFraction = 0.8;

    private const string NotAsserted = "reported, not asserted";

    private readonly List<PendingClaim> _claims = [];
    private readonly string _prefix;
    private IReadOnlyList<string> _evidence = [];

    /// <summary>Claims whose ids are <c>&lt;experiment&gt;.&lt;n&gt;</c>.</summary>
    public ClaimSet(string experiment) => _prefix = experiment;

    /// <summary>Every claim, judged.</summary>
    public IReadOnlyList<Claim> Items => _claims.Select(c => c.Build()).ToList();

    /// <summary>The panels and files the claims added from now on rest on (until the next call).</summary>
    public ClaimSet RestingOn(params string[] evidence)
    {
        _evidence = evidence;
        return this;
    }

    /// <summary>An exact identity: |measured − expected| ≤ tolerance·max(1, |expected|).</summary>
    public Claim Exact(string id, string statement, double measured, double expected, double tolerance = 1e-9, string? note = null)
    {
        bool pass = Math.Abs(measured - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));
        return Add(new Claim
        {
            Id = Id(id), Category = ClaimCategory.Exact, Statement = statement, Rule = SeedRule.Single, Measured = measured,
            Expected = $"{Number.Text(expected)} (±{Number.Text(tolerance)} relative)", Pass = pass, Note = note, Evidence = _evidence,
        });
    }

    /// <summary>An exact check of one value against its criterion (a reference value, an identity with a bound).</summary>
    public SingleClaim<T> Check<T>(string id, string statement, T value, params Test<T>[] tests) =>
        Pend(new SingleClaim<T>(Id(id), statement, value, tests, _evidence));

    /// <summary>An identity checked in every seed (category exact).</summary>
    public SeedClaim<T> ExactOverSeeds<T>(string id, string statement, IReadOnlyList<T> rows, params Test<T>[] tests) where T : ISeeded =>
        Pend(new SeedClaim<T>(Id(id), statement, ClaimCategory.Exact, SeedRule.EverySeed, rows, tests, _evidence));

    /// <summary>An empirical claim that must hold in every seed where it applies.</summary>
    public SeedClaim<T> EverySeed<T>(string id, string statement, IReadOnlyList<T> rows, params Test<T>[] tests) where T : ISeeded =>
        Pend(new SeedClaim<T>(Id(id), statement, ClaimCategory.Empirical, SeedRule.EverySeed, rows, tests, _evidence));

    /// <summary>An empirical claim that must hold in at least 80 % of the seeds where it applies.</summary>
    public SeedClaim<T> MostSeeds<T>(string id, string statement, IReadOnlyList<T> rows, params Test<T>[] tests) where T : ISeeded =>
        Pend(new SeedClaim<T>(Id(id), statement, ClaimCategory.Empirical, SeedRule.MostSeeds, rows, tests, _evidence));

    /// <summary>A claim made by <paramref name="rule"/> (every or most seeds).</summary>
    public SeedClaim<T> BySeeds<T>(string id, string statement, SeedRule rule, IReadOnlyList<T> rows, params Test<T>[] tests) where T : ISeeded =>
        rule == SeedRule.MostSeeds ? MostSeeds(id, statement, rows, tests) : EverySeed(id, statement, rows, tests);

    /// <summary>A reported quantity (a number or a text), nothing asserted.</summary>
    public Claim Reported(string id, string statement, object? measured, string? note = null, string expected = NotAsserted) =>
        Add(new Claim
        {
            Id = Id(id), Category = ClaimCategory.Reported, Statement = statement, Rule = SeedRule.None, Measured = measured,
            Expected = expected, Note = note, Evidence = _evidence,
        });

    /// <summary>
    /// A quantity reported per seed (median and interval as for judged claims); with <paramref name="criterion"/>, each
    /// seed's verdict is recorded too, but nothing is asserted.
    /// </summary>
    public SeedClaim<T> Reported<T>(string id, string statement, IReadOnlyList<T> rows, Quantity<T> quantity, params Test<T>[] criterion) where T : ISeeded =>
        Pend(new SeedClaim<T>(Id(id), statement, ClaimCategory.Reported, SeedRule.None, rows, criterion, _evidence).Measuring(quantity));

    /// <summary>
    /// Per-seed statistics: median and percentile-bootstrap interval of the mean over the finite values of the seeds
    /// whose verdict is not n/a, and the verdicts.
    /// </summary>
    public static SeedStatistics Stats(IReadOnlyList<long> seeds, IReadOnlyList<double> values, IReadOnlyList<bool?> verdicts, bool allApply = false)
    {
        var finite = values.Where((v, i) => double.IsFinite(v) && (allApply || verdicts[i] is not null)).ToList();
        double? lo = null, hi = null;
        if (finite.Count >= 2)
        {
            var ci = Bootstrap.MeanInterval(finite);
            lo = ci.Lower;
            hi = ci.Upper;
        }
        return new SeedStatistics
        {
            Seeds = seeds.ToList(), Values = values.ToList(), Supports = verdicts.ToList(),
            Median = finite.Count == 0 ? double.NaN : Descriptive.Median(finite), CiLow = lo, CiHigh = hi,
        };
    }

    /// <summary>Whether verdicts pass under <paramref name="rule"/>; null when no seed applies or nothing is judged.</summary>
    public static bool? Judge(SeedRule rule, SeedStatistics s) => rule switch
    {
        _ when s.Applicable == 0 => null,
        SeedRule.EverySeed => s.Supporting == s.Applicable,
        SeedRule.MostSeeds => s.Supporting >= Math.Ceiling(MostSeedsFraction * s.Applicable - 1e-9),
        _ => null,
    };

    private TClaim Pend<TClaim>(TClaim claim) where TClaim : PendingClaim
    {
        _claims.Add(claim);
        return claim;
    }

    private Claim Add(Claim c)
    {
        _claims.Add(new Fixed(c));
        return c;
    }

    private string Id(string id) => $"{_prefix}.{id}";

    private sealed class Fixed(Claim claim) : PendingClaim
    {
        public override Claim Build() => claim;
    }
}

/// <summary>A claim whose verdict is computed when the claim set is read.</summary>
public abstract class PendingClaim
{
    /// <summary>The judged claim.</summary>
    public abstract Claim Build();

    /// <summary>The conditions' texts joined by "and".</summary>
    protected static string ExpectedText<T>(IReadOnlyList<Test<T>> tests) => string.Join(" and ", tests.Select(t => t.Text));
}
