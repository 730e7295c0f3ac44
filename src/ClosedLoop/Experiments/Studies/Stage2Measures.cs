using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>Zig-zag diagnostics of one run's Stage 2 (docs/science/analysis-maths.md §10).</summary>
/// <param name="Start">First epoch of the window (e₁).</param>
/// <param name="End">Last epoch of the window (e_stab, or the last epoch when the run never stabilises).</param>
/// <param name="Censored">True when the run did not stabilise, so the window ends at the last epoch.</param>
/// <param name="ZigZagIndex">Fraction of sign changes of Δ|λ_dom| over the window (NaN for fewer than 3 finite values).</param>
/// <param name="MeanUpdateCosine">Mean cosine of successive parameter updates in the window (NaN when not measured).</param>
/// <param name="NegativeCosineFraction">Fraction of successive-update cosines below 0 (NaN when not measured).</param>
public sealed record Stage2ZigZag(int? Start, int? End, bool Censored, double ZigZagIndex, double MeanUpdateCosine, double NegativeCosineFraction)
{
    /// <summary>Stage-2 duration e_stab − e₁ (a lower bound when censored), or null without e₁.</summary>
    public int? Duration => Start is { } a && End is { } b ? b - a : null;
}

/// <summary>
/// Stage-2 zig-zag measures (docs/science/analysis-maths.md §10): the fraction of sign reversals of Δ|λ_dom| and the cosines of successive
/// parameter updates, over the window [e₁, e_stab] of a run.
/// </summary>
public static class Stage2Measures
{
    /// <summary>
    /// The Stage-2 window [e₁, e_stab]; when the run never stabilises, [e₁, last] (censored). Null start when e₁ is
    /// unknown or e_stab ≤ e₁.
    /// </summary>
    public static (int? Start, int? End, bool Censored) Window(int? e1, int? eStab, int epochs)
    {
        if (e1 is not { } a) return (null, null, false);
        if (eStab is { } b) return b > a ? (a, b, false) : (null, null, false);
        return (a, epochs - 1, true);
    }

    /// <summary>
    /// Zig-zag index of <paramref name="dominantModulus"/> over epochs [from, to] (missing or non-finite values
    /// skipped); NaN for fewer than three values.
    /// </summary>
    public static double ZigZagIndex(IReadOnlyList<double> dominantModulus, int from, int to)
    {
        var slice = new List<double>();
        for (int e = Math.Max(0, from); e <= Math.Min(to, dominantModulus.Count - 1); e++)
            if (double.IsFinite(dominantModulus[e])) slice.Add(dominantModulus[e]);
        return slice.Count < 3 ? double.NaN : ZigZagMetrics.Index(slice);
    }

    /// <summary>
    /// Mean cosine of successive updates Δθ_e = θ_{e+1} − θ_e of consecutive snapshots, and the fraction of those
    /// cosines below zero (pairs with a zero update skipped); NaN for both when no pair remains.
    /// </summary>
    public static (double Mean, double NegativeFraction) UpdateCosines(IReadOnlyList<double[]> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var cosines = new List<double>();
        for (int i = 0; i + 2 < snapshots.Count; i++)
        {
            var a = Difference(snapshots[i + 1], snapshots[i]);
            var b = Difference(snapshots[i + 2], snapshots[i + 1]);
            double c = ZigZagMetrics.Cosine(a, b);
            if (!double.IsNaN(c)) cosines.Add(c);
        }
        return cosines.Count == 0 ? (double.NaN, double.NaN) : (cosines.Average(), cosines.Count(c => c < 0) / (double)cosines.Count);
    }

    private static double[] Difference(double[] next, double[] current)
    {
        if (next.Length != current.Length) throw new ArgumentException($"stage2.snapshots have {next.Length} and {current.Length} values; snapshots must have equal length");
        var d = new double[next.Length];
        for (int i = 0; i < d.Length; i++) d[i] = next[i] - current[i];
        return d;
    }
}
