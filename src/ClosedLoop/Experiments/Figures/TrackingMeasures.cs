using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Measures of the Fig. 6 claims (docs/science/figures-and-studies.md §7) on per-epoch series (null = not recorded) and acquisition
/// epochs. Pure functions: no run directories, no training.
/// </summary>
public static class TrackingMeasures
{
    /// <summary>Half-width of the window averaged to smooth the noisy per-epoch training loss.</summary>
    public const int SmoothingHalfWidth = 10;

    /// <summary>Largest reported staircase contrast (a plateau whose loss does not fall gives an infinite one).</summary>
    public const double MaxContrast = 1000;

    /// <summary>k when ω₁..ω_k are acquired (e_1..e_k not null); 0 when ω₁ is not.</summary>
    public static int AcquiredPrefix(IReadOnlyList<int?> acquisitions)
    {
        int k = 0;
        while (k < acquisitions.Count && acquisitions[k] is not null) k++;
        return k;
    }

    /// <summary>
    /// True when the acquired frequencies are ω₁..ω_k (no higher frequency acquired before a lower one is) and their
    /// epochs strictly increase, e_1 &lt; e_2 &lt; … &lt; e_k.
    /// </summary>
    public static bool InIncreasingOrder(IReadOnlyList<int?> acquisitions)
    {
        int k = AcquiredPrefix(acquisitions);
        for (int i = k; i < acquisitions.Count; i++)
            if (acquisitions[i] is not null) return false;
        for (int i = 1; i < k; i++)
            if (acquisitions[i]!.Value <= acquisitions[i - 1]!.Value) return false;
        return true;
    }

    /// <summary>Mean of the recorded values over epochs [center − half, center + half] (clamped); NaN if none.</summary>
    public static double WindowMean(double?[] series, int center, int half = SmoothingHalfWidth)
    {
        double sum = 0;
        int n = 0;
        for (int e = Math.Max(0, center - half); e <= Math.Min(series.Length - 1, center + half); e++)
            if (series[e] is { } v && double.IsFinite(v)) { sum += v; n++; }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>
    /// Staircase contrast at an acquisition: the log-rate of decrease of the (smoothed) loss over
    /// [e_i − Δ, e_i + Δ], divided by its log-rate over the plateau before, [e_{i−1} + Δ, e_i − Δ]. Null when the
    /// plateau is shorter than Δ or the windows leave the record; capped at <see cref="MaxContrast"/> (a plateau on
    /// which the loss does not fall gives the cap when the drop is positive).
    /// </summary>
    public static double? StepContrast(double?[] loss, int previousAcquisition, int acquisition, int window = TrackingAnalysis.DefaultInterferenceWindow)
    {
        int p0 = previousAcquisition + window, p1 = acquisition - window, d1 = acquisition + window;
        if (p1 - p0 < window || d1 + SmoothingHalfWidth >= loss.Length || p0 < 0) return null;
        double drop = Rate(loss, p1, d1), plateau = Rate(loss, p0, p1);
        if (double.IsNaN(drop) || double.IsNaN(plateau)) return null;
        if (plateau <= 0) return drop > 0 ? MaxContrast : 0;
        return Math.Min(MaxContrast, drop / plateau);
    }

    /// <summary>
    /// Whether the earlier probe loss recovers after its transient rise while ω_i is acquired: some record after the
    /// window's maximum and no later than e_i + 3Δ is at or below the baseline L_j(e_i − Δ) plus half the rise.
    /// </summary>
    public static bool Recovers(IReadOnlyList<int> epochs, IReadOnlyList<double> earlier, int acquisition, int window = TrackingAnalysis.DefaultInterferenceWindow)
    {
        int start = acquisition - window, end = acquisition + window;
        int baseIndex = 0, peakIndex = -1;
        for (int r = 0; r < epochs.Count && epochs[r] <= start; r++) baseIndex = r;
        for (int r = 0; r < epochs.Count; r++)
            if (epochs[r] >= start && epochs[r] <= end && (peakIndex < 0 || earlier[r] > earlier[peakIndex])) peakIndex = r;
        if (peakIndex < 0) return false;
        double baseline = earlier[baseIndex], half = baseline + 0.5 * (earlier[peakIndex] - baseline);
        for (int r = peakIndex + 1; r < epochs.Count && epochs[r] <= acquisition + 3 * window; r++)
            if (earlier[r] <= half) return true;
        return false;
    }

    /// <summary>First epoch in [0, <paramref name="limit"/>] whose value lies within ±tolerance (relative) of <paramref name="level"/>.</summary>
    public static int? FirstNear(double?[] series, double level, double tolerance, int limit)
    {
        for (int e = 0; e <= Math.Min(limit, series.Length - 1); e++)
            if (series[e] is { } v && Math.Abs(v / level - 1) <= tolerance) return e;
        return null;
    }

    /// <summary>Number of epochs where both series are recorded and a &gt; factor·b.</summary>
    public static int EpochsAbove(double?[] a, double?[] b, double factor)
    {
        int n = 0;
        for (int e = 0; e < Math.Min(a.Length, b.Length); e++)
            if (a[e] is { } x && b[e] is { } y && x > factor * y) n++;
        return n;
    }

    /// <summary>Whether some complex pair of W has angular frequency within ±tol·ω of <paramref name="omega"/> (docs/science/analysis-maths.md §9).</summary>
    public static bool HasMode(IEnumerable<Complex> eigenvaluesOfW, double omega, double tau, double tolerance = ModeFrequency.DefaultRelativeTolerance) =>
        ModeFrequency.HasModeNear(eigenvaluesOfW, omega, tau, tolerance);

    /// <summary>The first recorded epoch whose eig(W) has a mode within ±tol·ω of <paramref name="omega"/> (null if none).</summary>
    public static long? FirstModeEpoch(IReadOnlyList<long> epochs, IReadOnlyList<Complex[]> spectra, double omega, double tau, double tolerance = ModeFrequency.DefaultRelativeTolerance)
    {
        for (int r = 0; r < Math.Min(epochs.Count, spectra.Count); r++)
            if (HasMode(spectra[r], omega, tau, tolerance)) return epochs[r];
        return null;
    }

    /// <summary>
    /// Median, over the records where the steady-state error ε is below <paramref name="tolerance"/>, of
    /// L / ((a²/2)ε²): the probe loss over its steady-state part (NaN when no such record has ε &gt; 0).
    /// </summary>
    public static double SteadyStateExcess(IReadOnlyList<double> probeLoss, IReadOnlyList<double> error, double amplitude, double tolerance)
    {
        var r = probeLoss.Zip(error).Where(p => p.Second < tolerance && p.Second > 0 && double.IsFinite(p.First))
            .Select(p => p.First / (amplitude * amplitude / 2 * p.Second * p.Second)).ToList();
        return r.Count == 0 ? double.NaN : Descriptive.Median(r);
    }

    private static double Rate(double?[] loss, int from, int to) =>
        Math.Log(WindowMean(loss, from) / WindowMean(loss, to)) / (to - from);
}
