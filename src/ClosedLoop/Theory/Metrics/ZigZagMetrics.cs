namespace ClosedLoop.Theory;

/// <summary>
/// Zig-zag diagnostics of Stage 2 (docs/science/analysis-maths.md §10): the fraction of sign changes of Δ|λ_dom| and the mean cosine
/// between successive parameter updates (negative values mean zig-zag). Callers pass the Stage-2 slice
/// (e.g. from e₁ to e_stab).
/// </summary>
public static class ZigZagMetrics
{
    /// <summary>
    /// Zig-zag index: with Δ_i = m_{i+1} − m_i, the fraction of consecutive pairs (Δ_i, Δ_{i+1}) with
    /// Δ_i·Δ_{i+1} &lt; 0, over all n − 2 pairs (a zero step is not a sign change). NaN for fewer than 3 values.
    /// </summary>
    /// <param name="dominantModulus">|λ_dom| per recorded epoch; must be finite.</param>
    public static double Index(IReadOnlyList<double> dominantModulus)
    {
        ArgumentNullException.ThrowIfNull(dominantModulus);
        RequireFinite(dominantModulus, "zigzag.dominant_modulus");
        int n = dominantModulus.Count;
        if (n < 3) return double.NaN;
        int changes = 0;
        for (int i = 0; i + 2 < n; i++)
        {
            double d0 = dominantModulus[i + 1] - dominantModulus[i], d1 = dominantModulus[i + 2] - dominantModulus[i + 1];
            if (d0 * d1 < 0) changes++;
        }
        return changes / (double)(n - 2);
    }

    /// <summary>
    /// Mean cosine between successive update vectors Δθ_i and Δθ_{i+1}; pairs involving a zero vector are skipped.
    /// NaN when no pair remains.
    /// </summary>
    /// <param name="updates">Update vectors (all of the same length), in epoch order.</param>
    public static double MeanSuccessiveCosine(IReadOnlyList<double[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        double sum = 0;
        int count = 0;
        for (int i = 0; i + 1 < updates.Count; i++)
        {
            double c = Cosine(updates[i], updates[i + 1]);
            if (double.IsNaN(c)) continue;
            sum += c;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// <see cref="MeanSuccessiveCosine"/> of the updates Δθ_i = θ_{i+1} − θ_i of a sequence of flattened parameter
    /// snapshots (one per epoch).
    /// </summary>
    public static double MeanSuccessiveUpdateCosine(IReadOnlyList<double[]> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var updates = new List<double[]>();
        for (int i = 0; i + 1 < snapshots.Count; i++)
        {
            if (snapshots[i + 1].Length != snapshots[i].Length)
                throw new ArgumentException($"zigzag.snapshots[{i + 1}] has {snapshots[i + 1].Length} values, expected {snapshots[i].Length}");
            updates.Add(snapshots[i + 1].Zip(snapshots[i], (b, a) => b - a).ToArray());
        }
        return MeanSuccessiveCosine(updates);
    }

    /// <summary>Cosine a·b/(‖a‖‖b‖); NaN when either vector is zero. Also the gradient-conflict measure of §10.</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"zigzag.cosine needs vectors of equal length, got {a.Length} and {b.Length}");
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
        return aa == 0 || bb == 0 ? double.NaN : ab / Math.Sqrt(aa * bb);
    }

    internal static void RequireFinite(IReadOnlyList<double> values, string field)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"{field}[{i}] = {values[i]} is not allowed: values must be finite");
    }
}
