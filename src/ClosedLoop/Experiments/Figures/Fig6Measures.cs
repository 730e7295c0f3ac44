using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// What claims 2–6 of Fig. 6 read from one seed's pair (docs/science/figures-and-studies.md §7): the closed learner's loss levels and
/// staircase, the acquisitions (strict and with persistence), the eig(W) modes at the acquisitions, the interference
/// between probes, and the open student's imitation, early rise, distance above the closed curve and final ratio.
/// </summary>
public sealed record Fig6Measures(long Seed, double InitialRatio, int? NearZeroEpoch, double StepContrast, double PersistentContrast, double FinalLoss, int Acquired, bool Ordered,
    IReadOnlyList<int?> Persistent, double ModeMatch, double NewModes, IReadOnlyList<bool?> MatchPerFrequency, IReadOnlyList<bool?> NewPerFrequency, double Interference, bool Recovers,
    double MaxOtherInterference, IReadOnlyDictionary<(int, int), double> Pairs, double ImitationDrop, double EarlyRise, int? OpenPeakEpoch, int EpochsAbove, double FinalRatio,
    IReadOnlyList<long?> FirstModeEpochs) : ISeeded
{
    /// <summary>Zero-output training loss over random phases (docs/science/reference-values.md A8).</summary>
    public const double ZeroOutputLoss = 1.04178;

    /// <summary>"Well above" for the student's deployed loss against the closed-loop one, and for the initial loss.</summary>
    public const double WellAboveFactor = 2;

    /// <summary>Claim 2b: "about the zero-output level" is |loss/1.04178 − 1| within this, reached within <see cref="NearZeroWithin"/> epochs.</summary>
    public const double NearZeroTolerance = 0.3;

    /// <summary>Claim 2b: the epochs within which the loss must reach the zero-output level.</summary>
    public const int NearZeroWithin = 100;

    /// <summary>Persistence window (probe records) of the alternative acquisition rule reported with claim 3a.</summary>
    public const int PersistenceRecords = 10;

    public static Fig6Measures Of(SeedPair p, TrackingRunAnalysis a)
    {
        var loss = p.Closed.Column("loss");
        var acq = a.Acquisitions;
        var persistent = a.ProbeEpochs.Count == 0 ? acq : a.ProbeLosses.Select(l => TrackingAnalysis.AcquisitionEpoch(a.ProbeEpochs, l, TrackingAnalysis.DefaultThreshold, PersistenceRecords)).ToList();
        var s = p.Closed.Settings;
        double tau = s.Network.Tau;
        var match = new bool?[a.Count];
        var fresh = new bool?[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (acq[i] is not { } e) continue;
            double w = Fig6Panels.Omega(s, i);
            match[i] = a.SpectrumAt(e) is { } now && TrackingMeasures.HasMode(now.Eigenvalues, w, tau);
            int before = i == 0 ? 0 : acq[i - 1] ?? 0;
            fresh[i] = a.SpectrumAt(before) is { } then && !TrackingMeasures.HasMode(then.Eigenvalues, w, tau);
        }
        int acquired = acq.Count(x => x is not null);
        var pairs = new Dictionary<(int, int), double>();
        for (int i = 1; i < a.Count; i++)
            for (int j = 0; j < i; j++)
                if (acq[i] is { } ei && TrackingAnalysis.Interference(a.ProbeEpochs, a.ProbeLosses[j], ei) is { } v) pairs[(j, i)] = v;
        double interference = pairs.TryGetValue((0, 1), out var i12) ? i12 : double.NaN;
        bool recovers = acq.Count > 1 && acq[1] is { } e2 && TrackingMeasures.Recovers(a.ProbeEpochs, a.ProbeLosses[0], e2);
        var others = pairs.Where(kv => kv.Key != (0, 1)).Select(kv => kv.Value).ToList();

        var dOpen = p.Open.Column("test_loss");
        var dClosed = p.Closed.Column("test_loss");
        var imitation = p.Open.Column("imitation_cost");
        double d0 = SeedRuns.At(dOpen, 0);
        double finalClosed = SeedRuns.Last(dClosed), finalOpen = SeedRuns.Last(dOpen);
        return new Fig6Measures(
            p.Seed,
            SeedRuns.At(loss, 0) / ZeroOutputLoss,
            TrackingMeasures.FirstNear(loss, ZeroOutputLoss, NearZeroTolerance, NearZeroWithin),
            MinContrast(loss, acq),
            MinContrast(loss, persistent),
            SeedRuns.Last(loss),
            acquired,
            TrackingMeasures.InIncreasingOrder(acq),
            persistent,
            acquired == 0 ? double.NaN : match.Count(x => x == true) / (double)acquired,
            acquired == 0 ? double.NaN : fresh.Count(x => x == true) / (double)acquired,
            match,
            fresh,
            interference,
            recovers,
            others.Count == 0 ? double.NaN : others.Max(),
            pairs,
            SeedRuns.Last(imitation) / SeedRuns.At(imitation, 0),
            SeedRuns.Max(dOpen, 1, 50) / d0,
            SeedRuns.ArgMax(dOpen, 1),
            TrackingMeasures.EpochsAbove(dOpen, dClosed, WellAboveFactor),
            Math.Max(finalClosed, finalOpen) / Math.Min(finalClosed, finalOpen),
            Enumerable.Range(0, a.Count).Select(i => TrackingMeasures.FirstModeEpoch(a.SpectrumEpochs, a.SpectrumRows, Fig6Panels.Omega(s, i), tau)).ToList());
    }

    /// <summary>The smallest staircase contrast over the acquisitions i >= 2 of the prefix ω1..ωk (NaN when none is measurable).</summary>
    private static double MinContrast(double?[] loss, IReadOnlyList<int?> acq)
    {
        int k = TrackingMeasures.AcquiredPrefix(acq);
        var v = Enumerable.Range(1, Math.Max(0, k - 1)).Select(i => TrackingMeasures.StepContrast(loss, acq[i - 1]!.Value, acq[i]!.Value)).Where(x => x is not null).Select(x => x!.Value).ToList();
        return v.Count == 0 ? double.NaN : v.Min();
    }
}

/// <summary>
/// Claim 1 of Fig. 6: the zero-output network on the paper's task (docs/science/reference-values.md A8) — the training loss with all
/// phases 0, averaged over random phases (exact 17-point lattice), the probe losses with phase 0, and the largest |x|.
/// </summary>
public sealed record Fig6ZeroOutput(double PhaseZeroLoss, double AveragedLoss, IReadOnlyList<double> ProbeLosses, double MaxState)
{
    public static Fig6ZeroOutput Of(long seed)
    {
        var s = Presets.Get("tracking") with { Seed = seed };
        var zero = TrackingRollouts.ZeroOutput(s);
        double phase0 = TrackingRollouts.FixedPhaseLoss(s, zero, [0, 0, 0, 0], out double max0);
        double averaged = TrackingRollouts.PhaseAveragedLoss(s, zero, out double maxAvg);
        var comps = s.Reference!.Components.OrderBy(x => x.FrequencyHz).ToList();
        var probes = comps.Select(comp => TrackingRollouts.Fixed(s with { Reference = s.Reference with { Components = [comp] } }, zero, [0.0])).ToList();
        return new Fig6ZeroOutput(phase0, averaged, probes.Select(t => t.SquaredError(0)).ToList(), Math.Max(Math.Max(max0, maxAvg), probes.Max(t => t.MaxAbsState)));
    }
}
