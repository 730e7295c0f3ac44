using System.Globalization;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The claims of the precision study (docs/findings/precision.md). Case k (in the order of <see cref="PrecisionCase.All"/>)
/// makes claims k.a, k.b, …: one per quantity, "single precision reproduces the quantity of double precision", whose
/// per-seed value is |single − double| and whose tolerance is fixed in advance (<see cref="PrecisionMeasures"/>);
/// empirical over every seed for the cases where single precision is expected to agree, reported for the long-horizon
/// case. The long-horizon case first checks that float32 overflows exactly where <c>train</c> warns
/// (<see cref="PrecisionAdvice"/>). Each note starts with the verdict, "agrees within X over N seeds" or "differs: …".
/// </summary>
public static class PrecisionClaims
{
    /// <summary>Adds the claims of every case.</summary>
    public static void Judge(ClaimSet claims, IReadOnlyList<PrecisionCaseData> cases)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(cases);
        claims.RestingOn("precision_drift", "precision_seeds.csv");
        for (int k = 0; k < cases.Count; k++)
        {
            var d = cases[k];
            int letter = 0;
            string Id() => $"{k + 1}{(char)('a' + letter++)}";
            if (!d.Case.Judged) Overflow(claims.RestingOn("precision_long_horizon", "precision_seeds.csv"), Id(), d);
            for (int i = 0; i < d.Case.Quantities.Count; i++) Quantity(claims, Id(), d, i);
            claims.RestingOn("precision_drift", "precision_seeds.csv");
        }
    }

    private static void Quantity(ClaimSet claims, string id, PrecisionCaseData d, int index)
    {
        var q = d.Case.Quantities[index];
        var difference = new Quantity<PrecisionSeed>($"|single − double| of the {q.Name}{PrecisionMeasures.Unit(q.Scale)}", r => r.Difference(index, q.Scale));
        var agrees = difference.AtMost(d.Tolerance(q));
        string statement = $"{d.Case.Name}: single precision reproduces the {q.Name} of double precision";
        string note = PrecisionMeasures.Verdict(d, index) + "; " + PrecisionMeasures.PerSeed(d, index);
        if (d.Case.Judged) claims.EverySeed(id, statement, d.Seeds, agrees).Note(note);
        else claims.Reported(id, statement, d.Seeds, difference, agrees).Note(note);
    }

    private static void Overflow(ClaimSet claims, string id, PrecisionCaseData d)
    {
        string threshold = PrecisionAdvice.OverflowExponent.ToString("0", CultureInfo.InvariantCulture);
        var overflowed = d.Seeds.Where(r => r.SingleOverflowed).Select(r => $"seed {r.Seed} (first non-finite epoch {r.SingleRun.FirstNonFiniteEpoch})").ToList();
        claims.EverySeed(id, $"{d.Case.Name}: float32 overflows exactly where train warns (2T·log10 ρ(P0) > {threshold}) and double precision stays finite", d.Seeds,
                new Verdict<PrecisionSeed>("2T·log10 ρ(P0)", $"single diverges ⇔ 2T·log10 ρ(P0) > {threshold}, and double stays finite",
                    r => (r.GrowthExponent, r.Warned == r.SingleOverflowed && !r.DoubleRun.Diverged)))
            .Note(overflowed.Count == 0 ? "no seed overflowed in single precision" : $"overflowed in single precision: {string.Join(", ", overflowed)}");
    }
}
