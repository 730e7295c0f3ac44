using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The tracking analysis of one closed-loop run (docs/science/analysis-maths.md §9): the probe losses L_i(e) at their recorded epochs,
/// the acquisition epochs e_i (first record from which L_i stays below the threshold), and eig(W) at its recorded
/// epochs. Index i = 0..3 is ω₁..ω₄ (increasing frequency).
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
        return new TrackingRunAnalysis
        {
            ProbeEpochs = epochs,
            ProbeLosses = losses,
            Acquisitions = epochs.Count == 0 ? losses.Select(_ => (int?)null).ToList() : losses.Select(l => TrackingAnalysis.AcquisitionEpoch(epochs, l, threshold)).ToList(),
            Epochs = run.Epochs,
            SpectrumEpochs = spectrum?.Epochs ?? [],
            SpectrumRows = spectrum?.Rows ?? [],
        };
    }

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
