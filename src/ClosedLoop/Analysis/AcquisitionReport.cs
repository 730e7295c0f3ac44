using ClosedLoop.Environments;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>Acquisition of one tracking frequency (docs/science/analysis-maths.md §9).</summary>
/// <param name="Probe">i = 1..n: the column <c>probe_loss_i</c>, in increasing frequency.</param>
/// <param name="Axis">Axis of the component (x or y).</param>
/// <param name="FrequencyHz">f_i.</param>
/// <param name="AngularFrequency">ω_i = 2π f_i.</param>
/// <param name="AcquisitionEpoch">e_i: first recorded epoch from which L_i stays below θ_acq; null if never.</param>
/// <param name="NormalizedTime">e_i / E with E the run's number of epochs.</param>
/// <param name="InitialProbeLoss">L_i at the first record.</param>
/// <param name="FinalProbeLoss">L_i at the last record.</param>
public sealed record FrequencyAcquisition(
    int Probe, Axis Axis, double FrequencyHz, double AngularFrequency, int? AcquisitionEpoch, double? NormalizedTime,
    double InitialProbeLoss, double FinalProbeLoss);

/// <summary>Interference of acquiring frequency <paramref name="Acquired"/> on an earlier one, <paramref name="Earlier"/>.</summary>
/// <param name="Acquired">i, the probe being acquired.</param>
/// <param name="Earlier">j &lt; i.</param>
/// <param name="Value">max L_j over [e_i − Δ, e_i + Δ] / L_j(e_i − Δ) − 1; null when undefined.</param>
public sealed record Interference(int Acquired, int Earlier, double? Value);

/// <summary>
/// The per-frequency acquisition of a tracking run: <c>acquisition.json</c>. Probe losses come from metrics.csv
/// (<c>probe_loss_1..n</c>, recorded every <c>evaluation.probe_every</c> epochs).
/// </summary>
/// <param name="Settings">Threshold θ_acq, persistence and interference window.</param>
/// <param name="TotalEpochs">E.</param>
/// <param name="RecordedEpochs">Number of epochs with probe losses.</param>
/// <param name="Frequencies">One entry per probe, in increasing frequency.</param>
/// <param name="InFrequencyOrder">Acquisition epochs do not decrease with frequency, and no frequency is missing below an acquired one.</param>
/// <param name="Interference">For every acquired i and every j &lt; i.</param>
public sealed record AcquisitionReport(
    AcquisitionSettings Settings, int TotalEpochs, int RecordedEpochs, IReadOnlyList<FrequencyAcquisition> Frequencies,
    bool InFrequencyOrder, IReadOnlyList<Interference> Interference)
{
    /// <summary>The probe-loss series of a run: recorded epochs and one series per probe, or null when there are none.</summary>
    public static (int[] Epochs, double[][] Loss)? ProbeSeries(RunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var cols = new List<double?[]>();
        for (int i = 1; run.Column($"probe_loss_{i}") is { } c; i++) cols.Add(c);
        if (cols.Count == 0) return null;
        var epochs = Enumerable.Range(0, run.EpochCount).Where(e => cols.All(c => c[e] is not null)).ToArray();
        if (epochs.Length == 0) return null;
        return (epochs, cols.Select(c => epochs.Select(e => c[e]!.Value).ToArray()).ToArray());
    }

    /// <summary>The acquisition report of a tracking run, or null when it recorded no probe losses.</summary>
    public static AcquisitionReport? Of(RunDirectory run, AcquisitionSettings s)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(s);
        if (ProbeSeries(run) is not { } series) return null;
        var (epochs, loss) = series;
        var components = run.Settings.Reference is { } task ? new TrackingProbes(task, 0, 0).Components : null;
        if (components is null || components.Count != loss.Length)
            throw new ArgumentException($"RUN_DIR = '{run.Path}' has {loss.Length} probe-loss columns but its settings describe {components?.Count ?? 0} reference components");
        var freq = new FrequencyAcquisition[loss.Length];
        for (int i = 0; i < loss.Length; i++)
        {
            int? e = TrackingAnalysis.AcquisitionEpoch(epochs, loss[i], s.Threshold, s.Persistence);
            var c = components[i];
            freq[i] = new FrequencyAcquisition(i + 1, c.Axis, c.FrequencyHz, c.AngularFrequency, e,
                e is { } x ? TrackingAnalysis.NormalizedAcquisitionTime(x, run.EpochCount) : null, loss[i][0], loss[i][^1]);
        }
        var interference = new List<Interference>();
        for (int i = 0; i < freq.Length; i++)
            if (freq[i].AcquisitionEpoch is { } ei)
                for (int j = 0; j < i; j++)
                    interference.Add(new Interference(i + 1, j + 1, TrackingAnalysis.Interference(epochs, loss[j], ei, s.InterferenceWindow)));
        return new AcquisitionReport(s, run.EpochCount, epochs.Length, freq, InOrder(freq), interference);
    }

    private static bool InOrder(FrequencyAcquisition[] f)
    {
        for (int i = 1; i < f.Length; i++)
        {
            if (f[i].AcquisitionEpoch is not { } later) continue;
            if (f[i - 1].AcquisitionEpoch is not { } earlier || earlier > later) return false;
        }
        return true;
    }
}
