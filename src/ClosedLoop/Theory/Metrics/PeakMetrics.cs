namespace ClosedLoop.Theory;

/// <summary>Thresholds of the open-loop peak rules (docs/science/analysis-maths.md §10).</summary>
public sealed record PeakRuleSettings
{
    /// <summary>Post-initial peak: max D &gt; factor·D(0) (default 1.5, the reproduction's rule).</summary>
    public double PeakFactor { get; init; } = 1.5;

    /// <summary>Spike: max D &gt; factor·max(D(0), D(final)) (default 2).</summary>
    public double SpikeFactor { get; init; } = 2.0;

    public PeakRuleSettings Validated()
    {
        if (!(PeakFactor > 0) || !double.IsFinite(PeakFactor)) throw new ArgumentException($"peak.peak_factor = {PeakFactor} is not allowed: it must be > 0 and finite");
        if (!(SpikeFactor > 0) || !double.IsFinite(SpikeFactor)) throw new ArgumentException($"peak.spike_factor = {SpikeFactor} is not allowed: it must be > 0 and finite");
        return this;
    }
}

/// <summary>
/// Peak statistics of the open-loop learner's deployed loss D_open(e); indices are positions in the series
/// (epochs when the loss is recorded every epoch).
/// </summary>
/// <param name="InputFinite">False when the series has NaN or ±∞; then every other field is null, false or NaN.</param>
/// <param name="PeakEpoch">argmax_e D(e) (first maximum).</param>
/// <param name="Peak">max_e D(e).</param>
/// <param name="PostInitialPeak">argmax &gt; 0 and max &gt; PeakFactor·D(0).</param>
/// <param name="Spike">max &gt; SpikeFactor·max(D(0), D(final)).</param>
/// <param name="PeakOverInitial">max / D(0).</param>
/// <param name="PeakOverFinal">max / D(final).</param>
/// <param name="SeparationEpoch">argmin of D over [1, e_peak] with e_peak = argmax_{e ≥ 1} D (the Fig. 2a marker); null for fewer than 2 values.</param>
/// <param name="Settings">The settings used.</param>
public sealed record PeakResult(
    bool InputFinite,
    int? PeakEpoch,
    double Peak,
    bool PostInitialPeak,
    bool Spike,
    double PeakOverInitial,
    double PeakOverFinal,
    int? SeparationEpoch,
    PeakRuleSettings Settings);

/// <summary>The peak rules of docs/science/analysis-maths.md §10 (post-initial peak, spike, peak ratios, separation epoch).</summary>
public static class PeakMetrics
{
    /// <summary>Evaluates the peak rules on a deployed-loss series (at least one value).</summary>
    public static PeakResult Analyze(IReadOnlyList<double> openLoss, PeakRuleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(openLoss);
        var s = (settings ?? new PeakRuleSettings()).Validated();
        if (openLoss.Count == 0) throw new ArgumentException("peak.open_loss is empty: at least one value is needed");
        if (openLoss.Any(v => !double.IsFinite(v)))
            return new PeakResult(false, null, double.NaN, false, false, double.NaN, double.NaN, null, s);

        int peak = ArgMax(openLoss, 0);
        double max = openLoss[peak], first = openLoss[0], last = openLoss[^1];
        return new PeakResult(
            true, peak, max,
            PostInitialPeak: peak > 0 && max > s.PeakFactor * first,
            Spike: max > s.SpikeFactor * Math.Max(first, last),
            PeakOverInitial: max / first,
            PeakOverFinal: max / last,
            SeparationEpoch: SeparationEpoch(openLoss),
            s);
    }

    /// <summary>
    /// argmin of D over [1, e_peak] where e_peak = argmax_{e ≥ 1} D (first extremum on ties); null for fewer than two
    /// values or a non-finite series.
    /// </summary>
    public static int? SeparationEpoch(IReadOnlyList<double> openLoss)
    {
        ArgumentNullException.ThrowIfNull(openLoss);
        if (openLoss.Count < 2 || openLoss.Any(v => !double.IsFinite(v))) return null;
        int peak = ArgMax(openLoss, 1), best = 1;
        for (int e = 2; e <= peak; e++)
            if (openLoss[e] < openLoss[best]) best = e;
        return best;
    }

    private static int ArgMax(IReadOnlyList<double> values, int from)
    {
        int best = from;
        for (int i = from + 1; i < values.Count; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
