using System.Globalization;
using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The measurements of one learner of a study (one row of <c>study_beta_summary.csv</c> / <c>study_T_summary.csv</c>):
/// stage boundaries, final deployed state loss D_50 and control energy, final spectrum and gains, open-loop peak
/// ratio, largest pre-clip gradient norm.
/// </summary>
/// <param name="Config">Study configuration: A (restart), B (rank-1 from scratch), C (tanh).</param>
/// <param name="Model">full (closed-loop network), reduced (P_eff, study β A) or open (open-loop student, study β C).</param>
/// <param name="Value">The study variable (β or T).</param>
/// <param name="Seed">Root seed.</param>
/// <param name="E1">Stage-1 end e1 (spectral detector), null if not detected.</param>
/// <param name="EStab">The family's e_stab: strict ρ(P) stabilisation for rank-1 runs, strict gain-system stabilisation
/// P_red(k_eff) for the tanh network (docs/science/figures-and-studies.md §1, the published 110); null = not stabilised.</param>
/// <param name="EStabRho">Strict ρ(P) stabilisation epoch.</param>
/// <param name="EStabGain">Strict gain-system stabilisation epoch.</param>
/// <param name="Final">Final deployed state loss D_50 and control energy.</param>
/// <param name="FinalRho">Final ρ(P).</param>
/// <param name="FinalSpectrum">The three largest-modulus eigenvalues of the final P.</param>
/// <param name="K1">Final effective position gain k₁.</param>
/// <param name="K2">Final effective velocity gain k₂.</param>
/// <param name="GainClass">Final class of P_red(k): stable, unstable_osc or unstable_real ("" when not fitted).</param>
/// <param name="OpenPeakRatio">Open-loop students: max_e D / D(0) (docs/science/analysis-maths.md §10); NaN otherwise.</param>
/// <param name="MaxGradNorm">Largest pre-clip gradient norm over the run.</param>
/// <param name="RestartEpoch">Snapshot the run restarted from (config A), else null.</param>
public sealed record StudyRow(
    string Config, string Model, double Value, long Seed, int? E1, int? EStab, int? EStabRho, int? EStabGain,
    Deployment Final, double FinalRho, IReadOnlyList<Complex> FinalSpectrum, double K1, double K2, string GainClass,
    double OpenPeakRatio, double MaxGradNorm, int? RestartEpoch)
{
    /// <summary>Stage-2 duration e_stab − e1 (null unless both exist).</summary>
    public int? StageTwoDuration => EStab is { } s && E1 is { } e ? s - e : null;

    /// <summary>Whether the final policy is in the stable class of the gain system.</summary>
    public bool FinalStable => GainClass == "stable";

    /// <summary>Measures a finished run (open-loop students: their own deployed loss, spectrum and gains).</summary>
    public static StudyRow Measure(RunRecord run, string config, double value, int? restartEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var st = RunStages.Of(run);
        bool tanh = run.Settings.Network.Activation != Controllers.Activation.Linear;
        var eig = run.Array("eig_p");
        var spectrum = eig is { } a && a.Rows.Length > 0 ? a.Rows[^1].Take(3).ToArray() : [];
        var cls = run.Columns.Contains("p_red_class") ? run.TextColumn("p_red_class").LastOrDefault(c => c != "") ?? "" : "";
        double peak = double.NaN;
        if (run.Settings.Mode == Training.LoopMode.Open)
        {
            var d = run.Column("test_loss").Where(v => v is not null).Select(v => v!.Value).ToList();
            if (d.Count > 0) peak = PeakMetrics.Analyze(d).PeakOverInitial;
        }
        return new StudyRow(
            config, run.Settings.Mode == Training.LoopMode.Open ? "open" : "full", value, run.Settings.Seed,
            st.Stage1End, tanh ? st.GainStabilization : st.Stabilization, st.Stabilization, st.GainStabilization,
            FinalDeployment.Of(run, StudyRuns.DeployedHorizon),
            LastOf(run, "spectral_radius"), spectrum, LastOf(run, "k1"), LastOf(run, "k2"), cls,
            peak, SeedRuns.Max(run.Column("grad_norm"), 0, run.Epochs - 1), restartEpoch);
    }

    /// <summary>The summary-table header (the study variable column is named <paramref name="variable"/>).</summary>
    public static IReadOnlyList<string> Header(string variable) =>
    [
        "config", "model", variable, "seed", "e1", "e_stab", "e_stab_rho", "e_stab_gain", "stage2_duration", "restart_epoch",
        "final_d50", "final_control_energy", "final_rho", "final_eigenvalues", "k1", "k2", "gain_class", "open_peak_ratio", "max_grad_norm",
    ];

    /// <summary>The row's cells in <see cref="Header"/> order.</summary>
    public IReadOnlyList<object?> Cells() =>
    [
        Config, Model, Value, Seed, E1, EStab, EStabRho, EStabGain, StageTwoDuration, RestartEpoch,
        Final.StateLoss, Final.ControlEnergy, FinalRho, SpectrumText(FinalSpectrum), K1, K2, GainClass, OpenPeakRatio, MaxGradNorm,
    ];

    /// <summary>"re+imi; ..." with 6 significant digits.</summary>
    public static string SpectrumText(IEnumerable<Complex> eigenvalues) =>
        string.Join("; ", eigenvalues.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Real:G6}{(l.Imaginary >= 0 ? "+" : "-")}{Math.Abs(l.Imaginary):G6}i")));

    private static double LastOf(RunRecord run, string column) => run.TryColumn(column) is { } c ? SeedRuns.Last(c) : double.NaN;
}
