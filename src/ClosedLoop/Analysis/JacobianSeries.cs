using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>
/// The spectral columns of a run that the spectral detector reads (one entry per epoch, null where not recorded):
/// ρ(J), the unstable-complex flag and λ₃ of the joint Jacobian J, and the step of the trajectory mode. Either read from
/// metrics.csv (the operating point the run recorded, <c>evaluation.jacobian.at</c>) or recomputed by
/// <c>closedloop analyze</c> at another operating point (<c>analysis.jacobian.at</c>) from every parameter snapshot
/// (docs/generalisation.md).
/// </summary>
/// <param name="At">The operating point of J.</param>
/// <param name="Recomputed">True when computed from the snapshots by the analysis (only snapshot epochs are filled).</param>
/// <param name="Radius">ρ(J) per epoch (null where not recorded or not defined).</param>
/// <param name="UnstableComplex">1 when J has an unstable complex pair, else 0, per epoch.</param>
/// <param name="Lambda3">The largest real eigenvalue of J per epoch.</param>
/// <param name="Step">Along a trajectory: the step whose Jacobian is reported, per epoch.</param>
public sealed record JacobianSeries(JacobianPoint At, bool Recomputed, double?[]? Radius, double?[]? UnstableComplex, double?[]? Lambda3, double?[]? Step)
{
    /// <summary>The header of <c>analysis/jacobian_spectra.csv</c>.</summary>
    public static readonly IReadOnlyList<string> Header = ["epoch", "spectral_radius", "has_unstable_complex", "lambda3", "jacobian_step"];

    /// <summary>The columns training recorded (metrics.csv).</summary>
    public static JacobianSeries FromMetrics(RunDirectory run) =>
        new(run.Settings.Evaluation.Jacobian.At, false, run.Column("spectral_radius"), run.Column("has_unstable_complex"), run.Column("lambda3"), run.Column("jacobian_step"));

    /// <summary>
    /// J at <paramref name="at"/> for every checkpoint with a parameter snapshot, each deployed on the run's own
    /// evaluation set (the same rollout training evaluates).
    /// </summary>
    public static JacobianSeries Recompute(RunDirectory run, JacobianPoint at)
    {
        var s = run.Settings with { Evaluation = run.Settings.Evaluation with { Jacobian = new JacobianSettings { At = at } } };
        var spectra = new JacobianSpectra(s, new EvaluationRollout(s));
        int n = run.EpochCount;
        double?[] rho = new double?[n], unstable = new double?[n], lambda3 = new double?[n], step = new double?[n];
        for (int e = 0; e < n; e++)
        {
            if (run.Snapshot(e) is not { } p || spectra.Of(e, p) is not { } found) continue;
            rho[e] = found.Spectrum.Radius;
            unstable[e] = found.Spectrum.HasUnstableComplex ? 1 : 0;
            lambda3[e] = found.Spectrum.Lambda3;
            step[e] = found.Step;
        }
        return new JacobianSeries(at, true, rho, unstable, lambda3, step);
    }

    /// <summary>Rows of <c>analysis/jacobian_spectra.csv</c>: the epochs with a radius.</summary>
    public IEnumerable<IReadOnlyList<object?>> Rows()
    {
        for (int e = 0; e < (Radius?.Length ?? 0); e++)
            if (Radius![e] is not null) yield return [e, Radius[e], UnstableComplex![e], Lambda3![e], Step![e]];
    }
}
