using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// The exact reduced model of the rank-1 linear network on the double integrator (docs/science/analysis-maths.md §3.3–3.5): with
/// γ = 1, linear φ, W = u vᵀ (g = 0), h₀ = 0 and m frozen, the hidden state stays h_t = κ_m(t) m + κ_u(t) u, and the
/// state (x⁽¹⁾, x⁽²⁾, κ_m, κ_u) evolves by the 4×4 matrix
/// <code>
/// P_eff = [ 1  1  0     0    ]
///         [ 0  1  σ_zm  σ_zu ]
///         [ 1  1  0     0    ]
///         [ 0  0  σ_vm  σ_vu ],     u_t = σ_zm κ_m(t) + σ_zu κ_u(t).
/// </code>
/// Its characteristic polynomial is λ·p(λ) with the cubic p(λ) = λ³ + c₂λ² + c₁λ + c₀ of §3.4; the non-zero
/// eigenvalues of the full (N+2)×(N+2) joint matrix are the cubic roots.
/// </summary>
public sealed class RankOneModel
{
    /// <summary>Newton iterations used to polish each companion-matrix root.</summary>
    private const int PolishIterations = 8;

    public RankOneModel(OrderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = parameters.ToArray();
        if (!Array.TrueForAll(values, double.IsFinite))
            throw new ArgumentException($"order parameters {parameters} are not allowed: all four must be finite", nameof(parameters));
        Parameters = parameters;
    }

    /// <summary>The order parameters (σ_zm, σ_zu, σ_vm, σ_vu).</summary>
    public OrderParameters Parameters { get; }

    /// <summary>The 4×4 reduced matrix P_eff in the state (x⁽¹⁾, x⁽²⁾, κ_m, κ_u).</summary>
    public Mat ReducedMatrix()
    {
        var o = Parameters;
        return Mat.FromRows(
            [1, 1, 0, 0],
            [0, 1, o.SigmaZm, o.SigmaZu],
            [1, 1, 0, 0],
            [0, 0, o.SigmaVm, o.SigmaVu]);
    }

    /// <summary>
    /// Coefficients of p(λ) = λ³ + c₂λ² + c₁λ + c₀: c₂ = −(σ_vu + 2), c₁ = 2σ_vu − σ_zm + 1,
    /// c₀ = σ_vu σ_zm − σ_vu − π (the published code's b, c, d).
    /// </summary>
    public (double C2, double C1, double C0) CubicCoefficients()
    {
        var o = Parameters;
        return (-(o.SigmaVu + 2), 2 * o.SigmaVu - o.SigmaZm + 1, o.SigmaVu * o.SigmaZm - o.SigmaVu - o.Pi);
    }

    /// <summary>p(λ) evaluated at a complex point.</summary>
    public Complex Cubic(Complex lambda)
    {
        var (c2, c1, c0) = CubicCoefficients();
        return ((lambda + c2) * lambda + c1) * lambda + c0;
    }

    /// <summary>
    /// The three roots of p, sorted by the <see cref="Spectrum"/> rule (descending modulus, then descending imaginary
    /// part). Computed as companion-matrix eigenvalues, polished by Newton's method; a complex pair is returned as
    /// exact conjugates and a real root with zero imaginary part.
    /// </summary>
    public Complex[] CubicRoots()
    {
        var (c2, c1, c0) = CubicCoefficients();
        var companion = Mat.FromRows([-c2, -c1, -c0], [1, 0, 0], [0, 1, 0]);
        var raw = Spectrum.Of(companion).Eigenvalues.OrderByDescending(l => l.Imaginary).ToArray();
        Complex[] roots;
        if (raw[0].Imaginary > 0 && raw[2].Imaginary < 0)
        {
            var upper = Polish(raw[0]);
            roots = [upper, Complex.Conjugate(upper), Polish(new Complex(raw[1].Real, 0))];
        }
        else
        {
            roots = raw.Select(r => Polish(new Complex(r.Real, 0))).ToArray();
        }
        return Spectrum.Sort(roots);
    }

    /// <summary>The dominant cubic root (largest modulus, Im ≥ 0 member of a pair).</summary>
    public Complex DominantRoot() => CubicRoots()[0];

    /// <summary>Cubic roots of <paramref name="o"/>, or three NaN values when a parameter is not finite (diverged training).</summary>
    internal static Complex[] CubicRootsOrNaN(OrderParameters o)
    {
        if (Array.TrueForAll(o.ToArray(), double.IsFinite))
        {
            var (c2, c1, c0) = new RankOneModel(o).CubicCoefficients();
            if (double.IsFinite(c2) && double.IsFinite(c1) && double.IsFinite(c0)) return new RankOneModel(o).CubicRoots();
        }
        var nan = new Complex(double.NaN, double.NaN);
        return [nan, nan, nan];
    }

    /// <summary>
    /// Rolls P_eff out from the plant state <paramref name="x0"/> = (position, velocity) with κ = 0 and records the
    /// <paramref name="steps"/> states s₀..s_{steps−1} and controls u₀..u_{steps−1} (u₀ = 0 automatically).
    /// </summary>
    public ReducedTrajectory Rollout(ReadOnlySpan<double> x0, int steps)
    {
        if (x0.Length != 2) throw new ArgumentException($"x0 has {x0.Length} entries: the double integrator state is (position, velocity)", nameof(x0));
        if (steps < 1) throw new ArgumentException($"steps = {steps} is not allowed: it must be >= 1", nameof(steps));
        var o = Parameters;
        var states = new double[steps * 4];
        var controls = new double[steps];
        double x = x0[0], v = x0[1], km = 0, ku = 0;
        for (int t = 0; t < steps; t++)
        {
            double u = o.SigmaZm * km + o.SigmaZu * ku;
            states[4 * t] = x;
            states[4 * t + 1] = v;
            states[4 * t + 2] = km;
            states[4 * t + 3] = ku;
            controls[t] = u;
            double xNext = x + v;
            (x, v, km, ku) = (xNext, v + u, xNext, o.SigmaVm * km + o.SigmaVu * ku);
        }
        return new ReducedTrajectory(steps, states, controls);
    }

    private Complex Polish(Complex z)
    {
        var (c2, c1, c0) = CubicCoefficients();
        var value = Cubic(z);
        for (int it = 0; it < PolishIterations && value != Complex.Zero; it++)
        {
            var slope = (3 * z + 2 * c2) * z + c1;
            if (slope == Complex.Zero) break;
            var next = z - value / slope;
            var nextValue = Cubic(next);
            if (!(nextValue.Magnitude < value.Magnitude)) break;
            (z, value) = (next, nextValue);
        }
        return z;
    }
}
