using System.Globalization;

namespace ClosedLoop.Experiments;

/// <summary>
/// The counts a reproduction headlines (docs/experiments.md, "Claims"): empirical claims that hold over the claims
/// judged, over how many seeds; exact checks that hold; reported quantities; claims with seeds where they do not
/// apply (n/a, counted as neither support nor against).
/// </summary>
public sealed record ClaimTally(int EmpiricalHeld, int EmpiricalJudged, int EmpiricalUnjudged, int ExactHeld, int Exact, int Reported,
    int WithNotApplicable, string SeedText)
{
    /// <summary>The counts of <paramref name="claims"/>.</summary>
    public static ClaimTally Of(IReadOnlyList<Claim> claims)
    {
        var empirical = claims.Where(c => c.Category == ClaimCategory.Empirical).ToList();
        var judged = empirical.Where(c => c.Pass is not null).ToList();
        var exact = claims.Where(c => c.Category == ClaimCategory.Exact).ToList();
        return new ClaimTally(
            judged.Count(c => c.Pass == true), judged.Count, empirical.Count - judged.Count,
            exact.Count(c => c.Pass == true), exact.Count,
            claims.Count(c => c.Category == ClaimCategory.Reported),
            claims.Count(c => c.Category != ClaimCategory.Reported && c.Seeds is { } s && s.Applicable < s.Total),
            SeedsText(judged));
    }

    /// <summary>
    /// "N of M empirical claims hold over 5 seeds; K of K exact checks" (with the claims judged over other seed counts
    /// and the ones no seed applies to named after it).
    /// </summary>
    public string Headline()
    {
        var inv = CultureInfo.InvariantCulture;
        string text = string.Create(inv, $"{EmpiricalHeld} of {EmpiricalJudged} empirical claims hold{SeedText}; {ExactHeld} of {Exact} exact checks hold");
        if (EmpiricalUnjudged > 0) text += string.Create(inv, $"; {EmpiricalUnjudged} empirical claim{(EmpiricalUnjudged > 1 ? "s" : "")} not judged (no seed applies)");
        return text;
    }

    /// <summary>One more line: reported quantities and n/a seeds.</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"{Reported} quantities are reported, not asserted. {WithNotApplicable} claim{(WithNotApplicable == 1 ? " has" : "s have")} seeds where the claim does not apply (n/a: neither support nor against; the note of each names them).");

    private static string SeedsText(IReadOnlyList<Claim> judged)
    {
        var counts = judged.Where(c => c.Seeds is not null).GroupBy(c => c.Seeds!.Total).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).ToList();
        if (counts.Count == 0) return "";
        string main = string.Create(CultureInfo.InvariantCulture, $" over {counts[0].Key} seed{(counts[0].Key == 1 ? "" : "s")}");
        var others = counts.Skip(1).Select(g => g.Count() <= 4
            ? string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", g.Select(c => c.Id))} over {g.Key}")
            : string.Create(CultureInfo.InvariantCulture, $"{g.Count()} over {g.Key}")).ToList();
        return others.Count == 0 ? main : $"{main} ({string.Join("; ", others)})";
    }
}
