namespace ClosedLoop.Theory;

/// <summary>
/// Stabilisation epochs from a series of spectral radii ρ(P_e) (theory.md §2). Indices refer to positions in the
/// series (recorded checkpoints); a non-finite ρ counts as not stable.
/// </summary>
public static class StabilizationEpochs
{
    /// <summary>
    /// Strict stabilisation index: the smallest i such that ρ[j] &lt; 1 for every j ≥ i, or null when the last
    /// record is not stable ("not stabilised"; the spec's sentinel E + 1 is left to the caller).
    /// </summary>
    public static int? Strict(IReadOnlyList<double> radius)
    {
        ArgumentNullException.ThrowIfNull(radius);
        int? first = null;
        for (int i = radius.Count - 1; i >= 0; i--)
        {
            if (!(radius[i] < 1)) break;
            first = i;
        }
        return first;
    }

    /// <summary>
    /// Persistent crossing: the smallest i ≥ <paramref name="start"/> with ρ &lt; 1 on the window
    /// [i, i + <paramref name="window"/> − 1], which must lie inside the series; null if none.
    /// </summary>
    public static int? PersistentCrossing(IReadOnlyList<double> radius, int start, int window)
    {
        ArgumentNullException.ThrowIfNull(radius);
        return FirstWindow(radius.Count, start, window, i => radius[i] < 1);
    }

    /// <summary>
    /// The smallest i ≥ <paramref name="start"/> such that <paramref name="holds"/> is true on [i, i + window − 1],
    /// with the window inside [0, count); null if none. Linear time.
    /// </summary>
    internal static int? FirstWindow(int count, int start, int window, Func<int, bool> holds)
    {
        if (window < 1) throw new ArgumentException($"stages.persistence = {window} is not allowed: it must be >= 1");
        if (start < 0) throw new ArgumentException($"stages.start = {start} is not allowed: it must be >= 0");
        int run = 0;
        for (int i = start; i < count; i++)
        {
            run = holds(i) ? run + 1 : 0;
            if (run == window) return i - window + 1;
        }
        return null;
    }
}
