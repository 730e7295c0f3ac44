using ClosedLoop.Environments;

namespace ClosedLoop.Theory;

/// <summary>
/// Per-frequency analysis of the tracking task (docs/science/analysis-maths.md §9): acquisition epochs from probe
/// losses (or from the closed-loop frequency response), normalised acquisition times, interference between
/// frequencies, and the zero-output probe loss.
/// </summary>
/// <remarks>
/// Series are given at recorded epochs (strictly increasing, not necessarily every epoch). A NaN probe loss never
/// counts as below the threshold.
/// </remarks>
public static class TrackingAnalysis
{
    /// <summary>Acquisition threshold θ_acq on the probe loss (decision 24 of docs/science/decisions.md).</summary>
    public const double DefaultThreshold = 1.0;

    /// <summary>Half-width Δ of the interference window, in epochs.</summary>
    public const int DefaultInterferenceWindow = 100;

    /// <summary>
    /// Acquisition epoch e_i: the first recorded epoch from which the probe loss stays below
    /// <paramref name="threshold"/> at every later record (<paramref name="persistence"/> null), or for
    /// <paramref name="persistence"/> consecutive records (window inside the record). Null when never acquired.
    /// </summary>
    public static int? AcquisitionEpoch(IReadOnlyList<int> epochs, IReadOnlyList<double> probeLoss, double threshold = DefaultThreshold, int? persistence = null)
    {
        CheckSeries(epochs, probeLoss);
        if (!double.IsFinite(threshold)) throw new ArgumentException($"tracking.threshold = {threshold} is not allowed: it must be finite");
        int? index;
        if (persistence is { } p)
        {
            if (p < 1) throw new ArgumentException($"tracking.persistence = {p} is not allowed: it must be >= 1 (or null for 'all later records')");
            index = StageWindows.FirstWindow(probeLoss.Count, 0, p, i => probeLoss[i] < threshold);
        }
        else
        {
            index = null;
            for (int i = probeLoss.Count - 1; i >= 0 && probeLoss[i] < threshold; i--) index = i;
        }
        return index is { } k ? epochs[k] : null;
    }

    /// <summary>
    /// Steady-state tracking error ε = ‖(H − I) e_a‖ of the probe on axis a from the recorded frequency response
    /// (<see cref="FrequencyResponse"/>): gain g = |H_aa|, phase φ = arg H_aa, cross c = |H_ba|:
    /// ε² = g² − 2g cos φ + 1 + c². NaN when any input is NaN.
    /// </summary>
    public static double ResponseError(double gain, double phase, double cross) =>
        Math.Sqrt(Math.Max(0, gain * gain - 2 * gain * Math.Cos(phase) + 1) + cross * cross);

    /// <summary>
    /// The response tolerance equivalent to the probe-loss threshold θ in steady state: a probe of amplitude a has the
    /// steady-state mean-square error (a²/2)ε², so ε_θ = (θ / (a²/2))^{1/2} (0.6122 for θ = 1, a = 2.31).
    /// </summary>
    public static double MatchedResponseTolerance(double threshold = DefaultThreshold, double amplitude = TrackingReference.PaperAmplitude)
    {
        if (!(threshold > 0) || !double.IsFinite(threshold)) throw new ArgumentException($"tracking.threshold = {threshold} is not allowed: it must be > 0 and finite");
        if (!(amplitude > 0) || !double.IsFinite(amplitude)) throw new ArgumentException($"tracking.amplitude = {amplitude} is not allowed: it must be > 0 and finite");
        return Math.Sqrt(threshold / (amplitude * amplitude / 2));
    }

    /// <summary>Normalised acquisition time e_i / E, with E the total number of epochs of the run.</summary>
    public static double NormalizedAcquisitionTime(int acquisitionEpoch, int totalEpochs)
    {
        if (totalEpochs < 1) throw new ArgumentException($"tracking.total_epochs = {totalEpochs} is not allowed: it must be >= 1");
        if (acquisitionEpoch < 0) throw new ArgumentException($"tracking.acquisition_epoch = {acquisitionEpoch} is not allowed: it must be >= 0");
        return acquisitionEpoch / (double)totalEpochs;
    }

    /// <summary>
    /// Interference of acquiring ω_i on an earlier frequency ω_j:
    /// max_{e ∈ [e_i − Δ, e_i + Δ]} L_j(e) / L_j(e_i − Δ) − 1.
    /// </summary>
    /// <remarks>
    /// L_j(e_i − Δ) is taken at the last record at or before e_i − Δ (the first record when e_i − Δ precedes the
    /// record); the maximum runs over the records inside the window. Null when the window holds no record or the
    /// baseline is not a positive finite number.
    /// </remarks>
    public static double? Interference(IReadOnlyList<int> epochs, IReadOnlyList<double> earlierProbeLoss, int acquisitionEpoch, int window = DefaultInterferenceWindow)
    {
        CheckSeries(epochs, earlierProbeLoss);
        if (window < 0) throw new ArgumentException($"tracking.interference_window = {window} is not allowed: it must be >= 0");
        int start = acquisitionEpoch - window, end = acquisitionEpoch + window;
        int baseIndex = 0;
        for (int i = 0; i < epochs.Count && epochs[i] <= start; i++) baseIndex = i;
        double baseline = earlierProbeLoss[baseIndex];
        if (!(baseline > 0) || !double.IsFinite(baseline)) return null;
        double max = double.NegativeInfinity;
        for (int i = 0; i < epochs.Count; i++)
            if (epochs[i] >= start && epochs[i] <= end) max = Math.Max(max, earlierProbeLoss[i]);
        return double.IsNegativeInfinity(max) ? null : max / baseline - 1;
    }

    /// <summary>
    /// Expected per-probe loss of a network that keeps the plant at rest: a²/2 · mean_i ramp(i)² over the probe's
    /// samples (the phase average of a² cos²). 2.60446 for the paper's task (docs/science/reference-values.md A8).
    /// </summary>
    public static double ZeroOutputProbeLoss(TrackingReference? reference = null, double amplitude = TrackingReference.PaperAmplitude)
    {
        var r = reference ?? new TrackingReference();
        if (!double.IsFinite(amplitude)) throw new ArgumentException($"tracking.amplitude = {amplitude} is not allowed: it must be finite");
        double sum = 0;
        for (int i = 0; i < r.Steps; i++) sum += r.Ramp(i) * r.Ramp(i);
        return amplitude * amplitude / 2 * (sum / r.Steps);
    }

    private static void CheckSeries(IReadOnlyList<int> epochs, IReadOnlyList<double> loss)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(loss);
        if (epochs.Count == 0) throw new ArgumentException("tracking.epochs is empty: at least one record is needed");
        if (loss.Count != epochs.Count) throw new ArgumentException($"tracking.probe_loss has {loss.Count} values, expected {epochs.Count} (one per recorded epoch)");
        for (int i = 1; i < epochs.Count; i++)
            if (epochs[i] <= epochs[i - 1]) throw new ArgumentException($"tracking.epochs must be strictly increasing, but entry {i} is {epochs[i]} after {epochs[i - 1]}");
    }
}
