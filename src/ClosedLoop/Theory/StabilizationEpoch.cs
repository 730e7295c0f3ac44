namespace ClosedLoop.Theory;

/// <summary>
/// Stabilisation epochs from a recorded series of spectral radii ρ(P_e) (theory.md §2). The index of the list is
/// the recorded checkpoint e (parameters after e updates). A non-finite ρ counts as unstable.
/// </summary>
public static class StabilizationEpoch
{
    /// <summary>
    /// Strict stabilisation epoch e_stab = min{e : ρ(P_e') &lt; 1 for every recorded e' ≥ e}: the first index from
    /// which the radius stays below one until the end of the record. Null ("not stabilised") when the last
    /// recorded radius is ≥ 1 or the record is empty. Depends on the recorded range: a late excursion moves it.
    /// </summary>
    public static int? Strict(IReadOnlyList<double> rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        int e = rho.Count;
        while (e > 0 && rho[e - 1] < 1) e--;
        return e == rho.Count ? null : e;
    }

    /// <summary>
    /// Persistent crossing e_× = min{e ≥ <paramref name="start"/> : ρ(P_e') &lt; 1 for all e' in [e, e + window − 1]},
    /// with the window required to lie inside the recorded range. Null when there is none.
    /// </summary>
    /// <param name="rho">Spectral radius per recorded checkpoint.</param>
    /// <param name="start">First candidate index e₀ (≥ 0).</param>
    /// <param name="window">Persistence p (≥ 1).</param>
    public static int? Persistent(IReadOnlyList<double> rho, int start, int window)
    {
        ArgumentNullException.ThrowIfNull(rho);
        if (start < 0) throw new ArgumentException($"start = {start} is not allowed: it must be >= 0", nameof(start));
        if (window < 1) throw new ArgumentException($"window = {window} is not allowed: it must be >= 1", nameof(window));
        int run = 0;
        for (int e = start; e < rho.Count; e++)
        {
            run = rho[e] < 1 ? run + 1 : 0;
            if (run == window) return e - window + 1;
        }
        return null;
    }
}
