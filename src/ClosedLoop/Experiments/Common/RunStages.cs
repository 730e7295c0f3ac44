using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>Stage boundaries of a finished run (theory.md §2, §7.2), as the experiments use them.</summary>
public sealed record RunStages(int? Stage1End, int? Crossing, int? Stabilization, int? GainStabilization, double Growth, bool ThreeStages)
{
    /// <summary>
    /// The spectral detector on the run's per-epoch k1, ρ(P), unstable-complex flag and |λ3| (epochs where the spectrum
    /// was not recorded are skipped), the strict stabilisation epoch of ρ(P) and, for gain-fitted runs, the strict
    /// stabilisation epoch of the gain system P_red(k_eff).
    /// </summary>
    public static RunStages Of(RunRecord run, SpectralDetectorSettings? settings = null)
    {
        var rho = run.TryColumn("spectral_radius");
        var k1 = run.TryColumn("k1");
        int? gainStab = GainSystemStabilization(run);
        if (rho is null) return new RunStages(null, null, null, gainStab, double.NaN, false);
        var flag = run.Column("has_unstable_complex");
        var l3 = run.Column("lambda3");
        var idx = Enumerable.Range(0, rho.Length).Where(e => rho[e] is not null).ToList();
        var series = new SpectralSeries(
            idx.Select(e => k1?[e] ?? double.NaN).ToList(),
            idx.Select(e => rho[e]!.Value).ToList(),
            idx.Select(e => flag[e] == 1).ToList(),
            idx.Select(e => l3[e] is { } v ? Math.Abs(v) : (double?)null).ToList()) { Epochs = idx };
        var r = SpectralStageDetector.Detect(series, settings);
        return new RunStages(r.Stage1End, r.Stage2End, r.StrictStabilization, gainStab, r.Growth ?? double.NaN, r.ThreeStages);
    }

    /// <summary>First epoch from which the gain system is stable at every later evaluated epoch (null if never or not fitted).</summary>
    public static int? GainSystemStabilization(RunRecord run)
    {
        if (run.TryColumn("k1") is null) return null;
        var cls = run.TextColumn("p_red_class");
        var epochs = Enumerable.Range(0, cls.Count).Where(e => cls[e] != "").ToList();
        var stable = epochs.Select(e => cls[e] == "stable" ? 0.0 : 2.0).ToList();
        return StabilizationEpochs.Strict(stable) is { } i ? epochs[i] : null;
    }
}
