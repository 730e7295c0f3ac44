using System.Globalization;

namespace ClosedLoop.Experiments;

/// <summary>
/// A claim over the per-seed rows of an experiment: each row meets every condition or not; rows where the claim's
/// premise (<see cref="When"/>) does not hold are n/a. The measured value per seed is the first threshold's quantity
/// unless <see cref="Measuring"/> names another.
/// </summary>
public sealed class SeedClaim<T> : PendingClaim where T : ISeeded
{
    private readonly string _id, _statement;
    private readonly ClaimCategory _category;
    private readonly SeedRule _rule;
    private readonly IReadOnlyList<T> _rows;
    private readonly IReadOnlyList<Test<T>> _tests;
    private IReadOnlyList<string> _evidence;
    private Quantity<T>? _measured;
    private (string Text, Func<T, bool> Applies)? _premise;
    private string? _note;
    private string? _because;

    internal SeedClaim(string id, string statement, ClaimCategory category, SeedRule rule, IReadOnlyList<T> rows, IReadOnlyList<Test<T>> tests, IReadOnlyList<string> evidence)
    {
        if (category != ClaimCategory.Reported && tests.Count == 0) throw new ArgumentException($"claim {id}: a judged claim needs at least one condition");
        (_id, _statement, _category, _rule, _rows, _tests, _evidence) = (id, statement, category, rule, rows, tests, evidence);
        _measured = tests.Select(t => t.Measured).FirstOrDefault(q => q is not null);
    }

    /// <summary>The quantity reported per seed (default: the first threshold's).</summary>
    public SeedClaim<T> Measuring(Quantity<T> quantity)
    {
        _measured = quantity;
        return this;
    }

    /// <summary>The claim applies only to rows where <paramref name="applies"/> holds; the others are n/a.</summary>
    /// <param name="premise">The premise in words, e.g. <c>Stage 1 is not empty, e1 &gt; 0</c>.</param>
    /// <param name="applies">Whether a row's seed meets the premise.</param>
    public SeedClaim<T> When(string premise, Func<T, bool> applies)
    {
        _premise = (premise, applies);
        return this;
    }

    /// <summary>Context for the report (what is measured, per-seed details, why a claim fails at this size).</summary>
    public SeedClaim<T> Note(string? note)
    {
        _note = note;
        return this;
    }

    /// <summary>Why a reported claim asserts nothing (shown in its expected text), e.g. "the spec states no outcome".</summary>
    public SeedClaim<T> Because(string reason)
    {
        _because = reason;
        return this;
    }

    /// <summary>The panels and files this claim rests on (instead of the set's current ones).</summary>
    public SeedClaim<T> RestsOn(params string[] evidence)
    {
        _evidence = evidence;
        return this;
    }

    public override Claim Build()
    {
        var quantity = _measured ?? throw new InvalidOperationException($"claim {_id}: no measured quantity (add a threshold or call Measuring)");
        var verdicts = _rows.Select(Verdict).ToList();
        bool judged = _category != ClaimCategory.Reported;
        var stats = ClaimSet.Stats(_rows.Select(r => r.Seed).ToList(), _rows.Select(quantity.Value).ToList(), verdicts, allApply: !judged && _premise is null);
        string expected = judged ? ExpectedText(_tests)
            : _because is { } why ? $"reported, not asserted ({why})"
            : _tests.Count > 0 ? $"reported, not asserted (per seed: {ExpectedText(_tests)})" : "reported, not asserted";
        if (_premise is { } p) expected += $" (where {p.Text})";
        var pass = judged ? ClaimSet.Judge(_rule, stats) : null;
        return new Claim
        {
            Id = _id, Category = _category, Statement = _statement, Rule = _rule, Measured = stats.Median, Quantity = quantity.Name, Expected = expected,
            Pass = pass, Seeds = stats, Note = Join(_note, NotApplicable(verdicts), judged && pass is null ? "not judged: no seed applies" : null),
            Evidence = _evidence,
        };
    }

    private bool? Verdict(T row)
    {
        if (_premise is { } p && !p.Applies(row)) return null;
        if (_tests.Count == 0) return null;
        return _tests.All(t => t.Holds(row));
    }

    private string? NotApplicable(IReadOnlyList<bool?> verdicts)
    {
        if (_premise is not { } p) return null;
        var seeds = _rows.Where((_, i) => verdicts[i] is null).Select(r => r.Seed.ToString(CultureInfo.InvariantCulture)).ToList();
        return seeds.Count == 0 ? null : $"n/a in seed{(seeds.Count > 1 ? "s" : "")} {string.Join(", ", seeds)}: the claim applies where {p.Text}";
    }

    private static string? Join(params string?[] parts)
    {
        var kept = parts.Where(s => !string.IsNullOrEmpty(s)).ToList();
        return kept.Count == 0 ? null : string.Join("; ", kept);
    }
}

/// <summary>An exact check of one value (no seeds) against its conditions.</summary>
public sealed class SingleClaim<T> : PendingClaim
{
    private readonly string _id, _statement;
    private readonly T _value;
    private readonly IReadOnlyList<Test<T>> _tests;
    private readonly IReadOnlyList<string> _evidence;
    private Quantity<T>? _measured;
    private string? _note;

    internal SingleClaim(string id, string statement, T value, IReadOnlyList<Test<T>> tests, IReadOnlyList<string> evidence)
    {
        if (tests.Count == 0) throw new ArgumentException($"claim {id}: a check needs at least one condition");
        (_id, _statement, _value, _tests, _evidence) = (id, statement, value, tests, evidence);
        _measured = tests.Select(t => t.Measured).FirstOrDefault(q => q is not null);
    }

    /// <summary>The quantity shown as measured (default: the first threshold's).</summary>
    public SingleClaim<T> Measuring(Quantity<T> quantity)
    {
        _measured = quantity;
        return this;
    }

    /// <summary>Context for the report.</summary>
    public SingleClaim<T> Note(string? note)
    {
        _note = note;
        return this;
    }

    public override Claim Build() => new()
    {
        Id = _id, Category = ClaimCategory.Exact, Statement = _statement, Rule = SeedRule.Single,
        Measured = _measured is { } q ? q.Value(_value) : null, Quantity = _measured?.Name, Expected = ExpectedText(_tests),
        Pass = _tests.All(t => t.Holds(_value)), Note = _note, Evidence = _evidence,
    };
}
