using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The effective-gain trajectory k(e) = (k₁(e), k₂(e)) of a learner (docs/science/analysis-maths.md §8.1, code sign u ≈ k₁x + k₂v), one
/// entry per epoch, NaN where the gains were not fitted or the fit failed, and the class of the gain system
/// P_red(k(e)) (docs/science/analysis-maths.md §8.2; null where k is NaN).
/// </summary>
public sealed record GainPath
{
    public GainPath(IReadOnlyList<double> k1, IReadOnlyList<double> k2)
    {
        ArgumentNullException.ThrowIfNull(k1);
        ArgumentNullException.ThrowIfNull(k2);
        if (k1.Count != k2.Count) throw new ArgumentException($"gain_path.k2 has {k2.Count} values but k1 has {k1.Count}; one pair per epoch is needed");
        K1 = k1.ToArray();
        K2 = k2.ToArray();
        Classes = K1.Zip(K2, (a, b) => double.IsFinite(a) && double.IsFinite(b) ? StabilityMap.Classify(a, b) : (GainClass?)null).ToArray();
    }

    /// <summary>Position gain k₁ per epoch.</summary>
    public IReadOnlyList<double> K1 { get; }

    /// <summary>Velocity gain k₂ per epoch.</summary>
    public IReadOnlyList<double> K2 { get; }

    /// <summary>Class of P_red(k) per epoch (null where k is not finite).</summary>
    public IReadOnlyList<GainClass?> Classes { get; }

    /// <summary>Number of epochs.</summary>
    public int Count => K1.Count;

    /// <summary>The per-epoch gains of a run's <c>k1</c>, <c>k2</c> metric columns.</summary>
    public static GainPath Of(RunRecord run) => new(run.Series("k1"), run.Series("k2"));

    /// <summary>True when epoch <paramref name="e"/> exists and has finite gains.</summary>
    public bool IsValid(int e) => e >= 0 && e < Count && Classes[e] is not null;

    /// <summary>The last epoch with finite gains, or null.</summary>
    public int? LastValid => Enumerable.Range(0, Count).Reverse().Cast<int?>().FirstOrDefault(e => IsValid(e!.Value));

    /// <summary>The epochs in [from, to] (clamped) with finite gains.</summary>
    public IEnumerable<int> ValidEpochs(int from = 0, int to = int.MaxValue)
    {
        for (int e = Math.Max(0, from); e <= Math.Min(to, Count - 1); e++)
            if (IsValid(e)) yield return e;
    }

    /// <summary>
    /// Strict stabilisation epoch of the gain system: the first valid epoch from which every later valid epoch is in
    /// the stable class (null when the last valid epoch is not stable).
    /// </summary>
    public int? StableFrom()
    {
        int? from = null;
        foreach (int e in ValidEpochs())
            from = Classes[e] == GainClass.Stable ? from ?? e : null;
        return from;
    }
}
