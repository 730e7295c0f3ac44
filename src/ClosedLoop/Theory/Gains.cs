namespace ClosedLoop.Theory;

/// <summary>How <see cref="EffectiveGains.Fit"/> selects rows and regularises (docs/science/analysis-maths.md §8.1, decision 8 of docs/science/decisions.md).</summary>
public enum GainFit
{
    /// <summary>The published fit: rows t = 1..T−1 (t = 0 dropped, where u₀ = 0), ordinary least squares without intercept.</summary>
    Published = 0,
    /// <summary>The reproduction's fit: rows t = 0..T−1, ridge (XᵀX + 10⁻⁸I)⁻¹Xᵀu.</summary>
    Reproduction = 1,
}

/// <summary>Outcome of a gain fit.</summary>
public enum GainFitStatus
{
    /// <summary>The 2×2 normal equations were well posed; the gains are finite.</summary>
    Ok = 0,
    /// <summary>The design matrix is rank-deficient (e.g. all-zero states or position ∝ velocity); gains are NaN.</summary>
    Singular = 1,
    /// <summary>A selected state or control is NaN or infinite (a diverged rollout); gains are NaN.</summary>
    NonfiniteInput = 2,
}

/// <summary>
/// Effective feedback gains k = (k₁, k₂) of a policy, in the code's sign convention u ≈ k₁x⁽¹⁾ + k₂x⁽²⁾
/// (position, velocity). Stabilising double-integrator policies have negative gains; the paper's LQR gain is
/// K = −k (decision 7 of docs/science/decisions.md).
/// </summary>
/// <param name="K1">Position gain k₁ (NaN unless <paramref name="Status"/> is Ok).</param>
/// <param name="K2">Velocity gain k₂ (NaN unless <paramref name="Status"/> is Ok).</param>
/// <param name="Status">Whether the fit was well posed.</param>
/// <param name="Rows">Number of (x, v; u) rows used.</param>
/// <param name="Method">The fit variant used.</param>
public sealed record Gains(double K1, double K2, GainFitStatus Status = GainFitStatus.Ok, int Rows = 0, GainFit Method = GainFit.Published)
{
    /// <summary>True when the gains are usable (<see cref="GainFitStatus.Ok"/>).</summary>
    public bool IsValid => Status == GainFitStatus.Ok;

    /// <summary>The paper's LQR-convention gain K = −k, as (K₁, K₂).</summary>
    public (double K1, double K2) LqrConvention => (-K1, -K2);

    /// <summary>Euclidean distance ‖k − other‖₂ (the gain distance of docs/science/analysis-maths.md §10).</summary>
    public double DistanceTo(Gains other) => Math.Sqrt((K1 - other.K1) * (K1 - other.K1) + (K2 - other.K2) * (K2 - other.K2));
}

/// <summary>
/// Least-squares fit of the effective gains of a rollout (docs/science/analysis-maths.md §8.1):
/// k = argmin Σ (u_t − k₁x⁽¹⁾_t − k₂x⁽²⁾_t)² = (XᵀX + λI)⁻¹Xᵀu, pooled over samples, no intercept.
/// </summary>
public static class EffectiveGains
{
    /// <summary>Ridge weight λ_r of <see cref="GainFit.Reproduction"/>.</summary>
    public const double ReproductionRidge = 1e-8;

    /// <summary>
    /// Relative determinant below which the Gram matrix XᵀX counts as singular:
    /// det(XᵀX) ≤ 10⁻¹²·Σx²·Σv² (or a zero diagonal).
    /// </summary>
    public const double SingularityThreshold = 1e-12;

    /// <summary>
    /// Fits the gains of one rollout.
    /// </summary>
    /// <param name="states">Plant states, shape (T+1, S, 2) time-major: element (t, s, i) at (t·S + s)·2 + i, i = 0 position, 1 velocity.</param>
    /// <param name="controls">Controls, shape (T, S, 1): element (t, s) at t·S + s; u_t acts on x_t.</param>
    /// <param name="steps">T, the number of control steps.</param>
    /// <param name="samples">S, the number of trajectories.</param>
    /// <param name="method">Row selection and regularisation.</param>
    /// <returns>
    /// The gains. A rank-deficient design (the same test for both methods, on the unregularised XᵀX) or a
    /// non-finite selected row gives NaN gains with <see cref="Gains.Status"/> saying why; no exception.
    /// </returns>
    public static Gains Fit(ReadOnlySpan<double> states, ReadOnlySpan<double> controls, int steps, int samples, GainFit method = GainFit.Published)
    {
        if (steps < 1) throw new ArgumentException($"gains.steps = {steps} is not allowed: it must be >= 1");
        if (samples < 1) throw new ArgumentException($"gains.samples = {samples} is not allowed: it must be >= 1");
        if (method is not (GainFit.Published or GainFit.Reproduction)) throw new ArgumentException($"gains.method = {method} is not allowed: use Published or Reproduction");
        if (states.Length != (steps + 1) * samples * 2)
            throw new ArgumentException($"gains.states has {states.Length} values, expected (T+1)·S·2 = {(steps + 1) * samples * 2} for T = {steps}, S = {samples}");
        if (controls.Length != steps * samples)
            throw new ArgumentException($"gains.controls has {controls.Length} values, expected T·S = {steps * samples} for T = {steps}, S = {samples}");

        int first = method == GainFit.Published ? 1 : 0;
        int rows = (steps - first) * samples;
        double sxx = 0, sxv = 0, svv = 0, sxu = 0, svu = 0;
        for (int t = first; t < steps; t++)
            for (int s = 0; s < samples; s++)
            {
                double x = states[(t * samples + s) * 2], v = states[(t * samples + s) * 2 + 1], u = controls[t * samples + s];
                if (!double.IsFinite(x) || !double.IsFinite(v) || !double.IsFinite(u))
                    return new Gains(double.NaN, double.NaN, GainFitStatus.NonfiniteInput, rows, method);
                sxx += x * x; sxv += x * v; svv += v * v; sxu += x * u; svu += v * u;
            }
        double gramDet = sxx * svv - sxv * sxv;
        if (sxx == 0 || svv == 0 || !double.IsFinite(gramDet) || gramDet <= SingularityThreshold * sxx * svv)
            return new Gains(double.NaN, double.NaN, GainFitStatus.Singular, rows, method);

        double ridge = method == GainFit.Reproduction ? ReproductionRidge : 0.0;
        double a = sxx + ridge, d = svv + ridge, det = a * d - sxv * sxv;
        double k1 = (d * sxu - sxv * svu) / det;
        double k2 = (a * svu - sxv * sxu) / det;
        return new Gains(k1, k2, GainFitStatus.Ok, rows, method);
    }
}
