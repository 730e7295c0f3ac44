namespace ClosedLoop.Theory;

/// <summary>
/// Stabilisation epochs from a series of spectral radii ρ(P_e) (docs/science/analysis-maths.md §2). Indices refer to positions in the
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
        return StageWindows.FirstWindow(radius.Count, start, window, i => radius[i] < 1);
    }
}
