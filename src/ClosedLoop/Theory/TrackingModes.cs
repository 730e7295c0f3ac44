using System.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// Oscillatory modes of the recurrent weights W in the tracking task (docs/science/analysis-maths.md §9): an eigenvalue a ± ib of W gives
/// a mode e^{(a−1)t/τ}e^{±ibt/τ} of τḣ = −h + Wh, i.e. an oscillation at angular frequency b/τ (rad/s for τ = 1 s),
/// decaying iff a &lt; 1. The modes of the closed loop are those of the joint matrix P (<see cref="HasJointModeNear"/>).
/// </summary>
public static class ModeFrequency
{
    /// <summary>|Im λ| above this counts as complex (docs/science/analysis-maths.md §2).</summary>
    public const double ComplexThreshold = Spectrum.ImaginaryTolerance;

    /// <summary>Default relative tolerance of a frequency match (±15 %).</summary>
    public const double DefaultRelativeTolerance = 0.15;

    /// <summary>Angular frequencies b/τ of the complex pairs (one per pair, the member with Im &gt; 0), ascending.</summary>
    public static double[] AngularFrequencies(IEnumerable<Complex> eigenvaluesOfW, double tau = 1.0)
    {
        ArgumentNullException.ThrowIfNull(eigenvaluesOfW);
        if (!(tau > 0) || !double.IsFinite(tau)) throw new ArgumentException($"mode.tau = {tau} is not allowed: it must be > 0 and finite");
        var f = eigenvaluesOfW.Where(z => z.Imaginary > ComplexThreshold).Select(z => z.Imaginary / tau).ToArray();
        Array.Sort(f);
        return f;
    }

    /// <summary>
    /// True when some complex pair of W has angular frequency b/τ within ±<paramref name="relativeTolerance"/>
    /// of <paramref name="targetOmega"/>: |b/τ − ω| ≤ tol·ω.
    /// </summary>
    public static bool HasModeNear(IEnumerable<Complex> eigenvaluesOfW, double targetOmega, double tau = 1.0, double relativeTolerance = DefaultRelativeTolerance)
    {
        if (!(targetOmega > 0) || !double.IsFinite(targetOmega)) throw new ArgumentException($"mode.target_omega = {targetOmega} is not allowed: it must be > 0 and finite");
        if (!(relativeTolerance >= 0) || !double.IsFinite(relativeTolerance)) throw new ArgumentException($"mode.relative_tolerance = {relativeTolerance} is not allowed: it must be finite and >= 0");
        return AngularFrequencies(eigenvaluesOfW, tau).Any(w => Math.Abs(w - targetOmega) <= relativeTolerance * targetOmega);
    }

    /// <summary>The damping ratio below which a mode is resonant (a second-order response has a gain peak): 1/√2.</summary>
    public static readonly double ResonantDamping = 1 / Math.Sqrt(2);

    /// <summary>
    /// True when the joint matrix P has a resonant mode near <paramref name="targetOmega"/>: an eigenvalue λ (a per-step
    /// multiplier) with Im λ &gt; 0, frequency |arg λ / dt − ω| ≤ tol·ω and damping ratio ζ &lt; 1/√2, where
    /// ζ = −ln|λ| / |ln λ| (docs/findings/tracking-modes.md). Bulk modes of a leaky network are not resonant.
    /// </summary>
    public static bool HasJointModeNear(IEnumerable<Complex> eigenvaluesOfP, double targetOmega, double dt, double relativeTolerance = DefaultRelativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(eigenvaluesOfP);
        if (!(targetOmega > 0) || !double.IsFinite(targetOmega)) throw new ArgumentException($"mode.target_omega = {targetOmega} is not allowed: it must be > 0 and finite");
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentException($"mode.dt = {dt} is not allowed: it must be > 0 and finite");
        return eigenvaluesOfP.Any(l =>
        {
            if (l.Imaginary <= ComplexThreshold || l == Complex.Zero) return false;
            var s = Complex.Log(l);
            double zeta = -s.Real / s.Magnitude;
            return zeta < ResonantDamping && Math.Abs(s.Imaginary / dt - targetOmega) <= relativeTolerance * targetOmega;
        });
    }

    /// <summary><see cref="HasModeNear"/> for each target frequency (e.g. the four ω_i of the task).</summary>
    public static bool[] MatchTargets(IReadOnlyCollection<Complex> eigenvaluesOfW, IReadOnlyList<double> targetOmegas, double tau = 1.0, double relativeTolerance = DefaultRelativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(targetOmegas);
        return targetOmegas.Select(w => HasModeNear(eigenvaluesOfW, w, tau, relativeTolerance)).ToArray();
    }
}
