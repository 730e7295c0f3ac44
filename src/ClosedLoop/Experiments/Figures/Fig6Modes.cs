using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The tracking mechanism of one seed (docs/findings/tracking-modes.md): acquisition epochs by the probe-loss rule and by
/// the frequency-response rule (each strict and with persistence), the closed-loop mode carrying each frequency at its
/// acquisition, ρ(P) there, and the first recorded epochs at which eig(W) (the paper's test) and eig(P) have a mode in
/// the ±15 % band of ω_i. Lists are indexed by i − 1.
/// </summary>
public sealed record SeedModes : ISeeded
{
    public required long Seed { get; init; }
    /// <summary>ω_i in rad/s.</summary>
    public required IReadOnlyList<double> Omegas { get; init; }
    /// <summary>Probe-loss rule, L_i &lt; 1 for <see cref="Fig6Measures.PersistenceRecords"/> records.</summary>
    public required IReadOnlyList<int?> Probe { get; init; }
    /// <summary>Probe-loss rule, below at every later record (docs/science/analysis-maths.md §9).</summary>
    public required IReadOnlyList<int?> ProbeStrict { get; init; }
    /// <summary>Frequency-response rule, ε_i below the matched tolerance for the same persistence (empty lists when not recorded).</summary>
    public required IReadOnlyList<int?> Response { get; init; }
    /// <summary>Frequency-response rule, below at every later record.</summary>
    public required IReadOnlyList<int?> ResponseStrict { get; init; }
    /// <summary>The mode of P carrying ω_i at the first snapshot at or after <see cref="Probe"/>[i].</summary>
    public required IReadOnlyList<CarryingMode?> Carrying { get; init; }
    /// <summary>ρ(P) at <see cref="Probe"/>[i] (the last record at or before it).</summary>
    public required IReadOnlyList<double?> RadiusAtAcquisition { get; init; }
    /// <summary>First epoch with an eig(W) pair within ±15 % of ω_i (Im λ / τ, the paper's test).</summary>
    public required IReadOnlyList<long?> FirstNetworkBand { get; init; }
    /// <summary>First epoch with a resonant eig(P) pair within ±15 % of ω_i (arg λ / dt, ζ &lt; 1/√2).</summary>
    public required IReadOnlyList<long?> FirstJointBand { get; init; }

    /// <summary>
    /// Median over i of the median, over the records with ε_i below the tolerance, of L_i / ((a²/2)ε_i²): how many
    /// times the probe loss exceeds its steady-state part (NaN when the response was not recorded).
    /// </summary>
    public double SteadyStateExcess { get; init; } = double.NaN;
    /// <summary>|H_aa(ω_i)| at the last record at or before e_i − Δ (epoch 0 at the latest; Δ = 100), null when not acquired or not recorded.</summary>
    public IReadOnlyList<double?> GainBefore { get; init; } = [];
    /// <summary>|H_aa(ω_i)| at the last record at or before e_i + Δ.</summary>
    public IReadOnlyList<double?> GainAfter { get; init; } = [];
    /// <summary>ε_i at the last record (empty when the response was not recorded).</summary>
    public IReadOnlyList<double> FinalErrors { get; init; } = [];

    /// <summary>Whether the run recorded the frequency response.</summary>
    public bool HasResponse => Response.Count > 0;
}

/// <summary>Measures <see cref="SeedModes"/> from a seed's closed-loop run.</summary>
public static class Fig6Modes
{
    /// <summary>The response tolerance matched to the probe threshold (0.6122).</summary>
    public static double Tolerance => TrackingAnalysis.MatchedResponseTolerance();

    public static SeedModes Measure(SeedPair pair, TrackingRunAnalysis a)
    {
        var run = pair.Closed;
        var s = run.Settings;
        int n = a.Count;
        var omegas = Enumerable.Range(0, n).Select(i => Fig6Panels.Omega(s, i)).ToList();
        var probe = Enumerable.Range(0, n).Select(i => a.ProbeAcquisition(i, Fig6Measures.PersistenceRecords)).ToList();
        var radius = run.Column("spectral_radius");
        var amplitudes = s.Reference!.Components.OrderBy(c => c.FrequencyHz).Select(c => c.Amplitude).ToList();
        var excess = a.HasResponse
            ? Enumerable.Range(0, n).Select(i => TrackingMeasures.SteadyStateExcess(a.ProbeLosses[i], a.ResponseErrors[i], amplitudes[i], Tolerance)).Where(double.IsFinite).ToList()
            : [];
        return new SeedModes
        {
            SteadyStateExcess = excess.Count == 0 ? double.NaN : Descriptive.Median(excess),
            FinalErrors = a.HasResponse ? a.ResponseErrors.Select(e => e[^1]).ToList() : [],
            GainBefore = a.HasResponse ? probe.Select((e, i) => e is { } v ? GainAt(a, i, Math.Max(0, v - Window)) : null).ToList() : [],
            GainAfter = a.HasResponse ? probe.Select((e, i) => e is { } v ? GainAt(a, i, v + Window) : null).ToList() : [],
            Seed = pair.Seed,
            Omegas = omegas,
            Probe = probe,
            ProbeStrict = a.Acquisitions,
            Response = a.HasResponse ? Enumerable.Range(0, n).Select(i => a.ResponseAcquisition(i, Tolerance, Fig6Measures.PersistenceRecords)).ToList() : [],
            ResponseStrict = a.HasResponse ? Enumerable.Range(0, n).Select(i => a.ResponseAcquisition(i, Tolerance, null)).ToList() : [],
            Carrying = Enumerable.Range(0, n).Select(i => AcquisitionModes.AtAcquisition(run, i, probe[i])).ToList(),
            RadiusAtAcquisition = probe.Select(e => e is { } v ? LastAtOrBefore(radius, v) : null).ToList(),
            FirstNetworkBand = omegas.Select(w => TrackingMeasures.FirstModeEpoch(a.SpectrumEpochs, a.SpectrumRows, w, s.Network.Tau)).ToList(),
            FirstJointBand = omegas.Select(w => FirstJointEpoch(a, w, s.Plant.Dt)).ToList(),
        };
    }

    /// <summary>Half-width Δ of the window around e_i over which the step of the response is measured.</summary>
    public const int Window = TrackingAnalysis.DefaultInterferenceWindow;

    private static double? GainAt(TrackingRunAnalysis a, int i, int epoch)
    {
        double? v = null;
        for (int r = 0; r < a.ProbeEpochs.Count && a.ProbeEpochs[r] <= epoch; r++) v = a.ResponseGains[i][r];
        return v;
    }

    private static long? FirstJointEpoch(TrackingRunAnalysis a, double omega, double dt)
    {
        for (int r = 0; r < Math.Min(a.JointEpochs.Count, a.JointRows.Count); r++)
            if (ModeFrequency.HasJointModeNear(a.JointRows[r], omega, dt)) return a.JointEpochs[r];
        return null;
    }

    private static double? LastAtOrBefore(double?[] series, int epoch)
    {
        for (int e = Math.Min(epoch, series.Length - 1); e >= 0; e--)
            if (series[e] is { } v) return v;
        return null;
    }
}
