using System.Globalization;

namespace ClosedLoop.Experiments.Studies;

/// <summary>The claim forms the β and T studies share (docs/science/figures-and-studies.md §8, §9): trends along the study variable, stability of the final policies, medians reported per value.</summary>
public static class StudyClaims
{
    /// <summary>"Monotone up to one inversion" (docs/science/figures-and-studies.md §8; Fig. 4 claim 9).</summary>
    public const int AllowedInversions = 1;

    /// <summary>Per seed: the adjacent inversions of the measured sequence along the study variable; holds with at most one.</summary>
    public static SeedClaim<StudySeed> Trend(ClaimSet claims, string id, string statement, IReadOnlyList<StudySeed> sets, string quantity,
        Func<StudyRow, double> measure, Trend trend, string variable = "beta", string? note = null)
    {
        var labels = sets.Count == 0 ? [] : sets[0].Rows.Select(r => r.Value.ToString("G3", CultureInfo.InvariantCulture)).ToList();
        var medians = labels.Select((_, j) => StudyMeasures.Median(sets.Select(s => measure(s.Rows[j])))).ToList();
        string text = $"medians over seeds {StudyMeasures.ByCondition(labels, medians)}";
        string direction = trend == Studies.Trend.Increasing ? "increasing" : "decreasing";
        return claims.MostSeeds(id, statement, sets,
                new Quantity<StudySeed>($"adjacent steps of {quantity} along {variable} that are not {direction}", s => StudyMeasures.Inversions(s.Rows.Select(measure).ToList(), trend)).AtMost(AllowedInversions))
            .Note(note is null ? text : $"{text}; {note}");
    }

    /// <summary>Per seed: the number of final policies outside the stable class of the gain system; holds with none.</summary>
    public static SeedClaim<StudySeed> Stable(ClaimSet claims, string id, string statement, IReadOnlyList<StudySeed> sets, string? note = null) =>
        claims.MostSeeds(id, statement, sets, new Quantity<StudySeed>("final P_red(k_eff) classes that are not stable", s => s.Rows.Count(r => !r.FinalStable)).AtMost(0)).Note(note);

    /// <summary>The median over seeds of a measure per value of the study variable, reported.</summary>
    public static Claim Medians(ClaimSet claims, string id, string statement, IReadOnlyList<StudySeed> sets, IReadOnlyList<double> conditions,
        Func<StudyRow, double> measure, string? note = null)
    {
        var labels = conditions.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)).ToList();
        var medians = conditions.Select((_, j) => StudyMeasures.Median(sets.Select(s => measure(s.Rows[j])))).ToList();
        int missing = sets.Sum(s => s.Rows.Count(r => !double.IsFinite(measure(r))));
        string text = StudyMeasures.ByCondition(labels, medians) + (missing > 0 ? $" ({missing} runs without a value, e.g. not stabilised)" : "");
        return claims.Reported(id, statement, text, note: note);
    }

    /// <summary>The note of the tanh claims at quick size: fewer seeds and updates than the full protocol.</summary>
    public static string TanhNote(IReadOnlyList<StudySeed> c) =>
        $"tanh runs at quick size: {c.Count} seeds and {(c.Count > 0 && c[0].Runs.Count > 0 ? c[0].Runs[0].Deployed.Length - 1 : 0)} updates (budget), full size: 5 seeds, 1000 updates";
}
