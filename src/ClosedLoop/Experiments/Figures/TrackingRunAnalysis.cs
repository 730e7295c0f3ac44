using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// The tracking analysis of one closed-loop run (docs/science/analysis-maths.md §9): the probe losses L_i(e) at their recorded epochs,
/// the acquisition epochs e_i (first record from which L_i stays below the threshold), and eig(W) at its recorded
/// epochs, and the closed-loop frequency response at each ω_i where recorded. Index i = 0..3 is ω₁..ω₄ (increasing
/// frequency).
/// </summary>
public sealed record TrackingRunAnalysis
{
    /// <summary>Epochs at which the probe losses were recorded (strictly increasing).</summary>
    public required IReadOnlyList<int> ProbeEpochs { get; init; }
    /// <summary>ProbeLosses[i][r] = L_{i+1} at ProbeEpochs[r].</summary>
    public required IReadOnlyList<double[]> ProbeLosses { get; init; }
    /// <summary>Acquisition epoch e_{i+1}, null when not acquired within the run.</summary>
    public required IReadOnlyList<int?> Acquisitions { get; init; }
    /// <summary>Total epochs E of the run.</summary>
    public required int Epochs { get; init; }
    /// <summary>Epochs at which eig(W) was recorded, and the eigenvalues of W at each.</summary>
    public required IReadOnlyList<long> SpectrumEpochs { get; init; }
    public required IReadOnlyList<Complex[]> SpectrumRows { get; init; }
    /// <summary>Epochs at which eig(P) was recorded, and the eigenvalues of the joint matrix at each (empty when not recorded).</summary>
    public IReadOnlyList<long> JointEpochs { get; init; } = [];
    public IReadOnlyList<Complex[]> JointRows { get; init; } = [];
    /// <summary>
    /// ResponseGains[i][r] = |H_aa(ω_{i+1})| at ProbeEpochs[r] (<see cref="FrequencyResponseMonitor"/>); empty when the
    /// run did not record the response (a run made before the monitor existed, or a nonlinear network).
    /// </summary>
    public IReadOnlyList<double[]> ResponseGains { get; init; } = [];
    /// <summary>ResponseErrors[i][r] = ε_{i+1} = ‖(H(ω_{i+1}) − I)e_a‖ at ProbeEpochs[r]; empty like <see cref="ResponseGains"/>.</summary>
    public IReadOnlyList<double[]> ResponseErrors { get; init; } = [];

    /// <summary>Number of probes (4 for the paper's task).</summary>
    public int Count => ProbeLosses.Count;

    /// <summary>Reads and analyses a finished tracking run.</summary>
    public static TrackingRunAnalysis Of(RunRecord run, double threshold = TrackingAnalysis.DefaultThreshold)
    {
        int count = run.Columns.Count(c => c.StartsWith("probe_loss_", StringComparison.Ordinal));
        if (count == 0) throw new ArgumentException($"run '{run.Directory}' records no probe losses (probe_loss_1..): is it a tracking run?");
        var first = run.Column("probe_loss_1");
        var epochs = Enumerable.Range(0, first.Length).Where(e => first[e] is not null).ToList();
        var losses = Enumerable.Range(1, count).Select(i => { var c = run.Column($"probe_loss_{i}"); return epochs.Select(e => c[e] ?? double.NaN).ToArray(); }).ToList();
        var spectrum = run.Array("eig_w");
        var joint = run.Array("eig_p");
        bool response = run.Columns.Contains("gain_w1");
        double[] Series(string name) { var c = run.Column(name); return epochs.Select(e => c[e] ?? double.NaN).ToArray(); }
        var gains = response ? Enumerable.Range(1, count).Select(i => Series($"gain_w{i}")).ToList() : [];
        var errors = response
            ? Enumerable.Range(1, count).Select(i => { var g = gains[i - 1]; var ph = Series($"phase_w{i}"); var cr = Series($"cross_w{i}"); return g.Select((v, r) => TrackingAnalysis.ResponseError(v, ph[r], cr[r])).ToArray(); }).ToList()
            : [];
        return new TrackingRunAnalysis
        {
            JointEpochs = joint?.Epochs ?? [],
            JointRows = joint?.Rows ?? [],
            ResponseGains = gains,
            ResponseErrors = errors,
            ProbeEpochs = epochs,
            ProbeLosses = losses,
            Acquisitions = epochs.Count == 0 ? losses.Select(_ => (int?)null).ToList() : losses.Select(l => TrackingAnalysis.AcquisitionEpoch(epochs, l, threshold)).ToList(),
            Epochs = run.Epochs,
            SpectrumEpochs = spectrum?.Epochs ?? [],
            SpectrumRows = spectrum?.Rows ?? [],
        };
    }

    /// <summary>True when the run recorded the closed-loop frequency response.</summary>
    public bool HasResponse => ResponseErrors.Count > 0;

    /// <summary>e_{i+1} by the probe-loss rule with <paramref name="persistence"/> records (null: "below at every later record").</summary>
    public int? ProbeAcquisition(int i, int? persistence) =>
        ProbeEpochs.Count == 0 ? null : TrackingAnalysis.AcquisitionEpoch(ProbeEpochs, ProbeLosses[i], TrackingAnalysis.DefaultThreshold, persistence);

    /// <summary>
    /// e_{i+1} by the frequency-response rule: ε_{i+1} below <paramref name="tolerance"/> for <paramref name="persistence"/>
    /// records (null: at every later record). Null when not acquired or not recorded.
    /// </summary>
    public int? ResponseAcquisition(int i, double tolerance, int? persistence) =>
        !HasResponse || ProbeEpochs.Count == 0 ? null : TrackingAnalysis.AcquisitionEpoch(ProbeEpochs, ResponseErrors[i], tolerance, persistence);

    /// <summary>eig(W) at the last recorded epoch at or before <paramref name="epoch"/> (null when none).</summary>
    public (int Epoch, Complex[] Eigenvalues)? SpectrumAt(int epoch)
    {
        int best = -1;
        for (int r = 0; r < SpectrumEpochs.Count && SpectrumEpochs[r] <= epoch; r++) best = r;
        return best < 0 ? null : ((int)SpectrumEpochs[best], SpectrumRows[best]);
    }

    /// <summary>L_{i+1} at the last record at or before <paramref name="epoch"/> (NaN when none).</summary>
    public double ProbeLossAt(int i, int epoch)
    {
        double v = double.NaN;
        for (int r = 0; r < ProbeEpochs.Count && ProbeEpochs[r] <= epoch; r++) v = ProbeLosses[i][r];
        return v;
    }

    /// <summary>The acquired frequencies, counted as a prefix: k when ω₁..ω_k are acquired (later ones may be too).</summary>
    public int AcquiredPrefix => TrackingMeasures.AcquiredPrefix(Acquisitions);
}
