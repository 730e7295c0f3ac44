using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// The four order parameters of the rank-1 theory model (docs/science/analysis-maths.md §3.2): plain dot products, not divided by N,
/// <c>σ_zm = zᵀm</c>, <c>σ_zu = zᵀu</c>, <c>σ_vm = vᵀm</c>, <c>σ_vu = vᵀu</c>, with m the input weights, z the readout
/// weights and W = u vᵀ the rank-1 recurrence (column form).
/// </summary>
/// <remarks>
/// Only <see cref="Pi"/> = σ_vm σ_zu, together with σ_zm and σ_vu, is identifiable from trajectories and spectra
/// (docs/science/analysis-maths.md §3.5): compare π between implementations, never σ_zu or σ_vm alone.
/// </remarks>
public sealed record OrderParameters(double SigmaZm, double SigmaZu, double SigmaVm, double SigmaVu)
{
    /// <summary>Memory coupling π = σ_vm σ_zu (input → recurrent loop → readout).</summary>
    public double Pi => SigmaVm * SigmaZu;

    /// <summary>
    /// The order parameters of a rank-1 network with one input and one output: m = the single row of W_ih
    /// (<see cref="NetworkWeights{T}.Input"/>), z = the single column of W_ho (<see cref="NetworkWeights{T}.Readout"/>),
    /// u and v = the single columns of U and V. Any dense recurrent part is ignored here; the reduced model is exact
    /// only when it is zero (g = 0), φ is linear, γ = 1 and the plant is the double integrator (docs/science/analysis-maths.md §3).
    /// </summary>
    public static OrderParameters Of(NetworkParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var s = p.Settings;
        if (s.Recurrence != Recurrence.LowRank || p.Rank != 1)
            throw new ArgumentException($"network.recurrence = {s.Recurrence} with rank {(s.Recurrence == Recurrence.LowRank ? s.Rank : 0)} is not allowed: order parameters need a low-rank network of rank 1");
        if (s.Inputs != 1)
            throw new ArgumentException($"network.inputs = {s.Inputs} is not allowed: order parameters need exactly one input (m is a vector)");
        if (s.Outputs != 1)
            throw new ArgumentException($"network.outputs = {s.Outputs} is not allowed: order parameters need exactly one output (z is a vector)");
        double[] m = p.Input, z = p.Readout, u = p.U, v = p.V;
        return new OrderParameters(Gemm.Dot(z, m), Gemm.Dot(z, u), Gemm.Dot(v, m), Gemm.Dot(v, u));
    }

    /// <summary>
    /// Order parameters whose cubic (docs/science/analysis-maths.md §3.4) has the three given roots: σ_vu = Σλ − 2,
    /// σ_zm = 2σ_vu + 1 − c₁, π = σ_vu σ_zm − σ_vu − c₀. π is split as σ_vm = <paramref name="sigmaVm"/>,
    /// σ_zu = π/σ_vm (the split is not identifiable). The roots must be those of a real cubic (a conjugate pair and a
    /// real root, or three real roots); imaginary round-off below 10⁻⁹ in the coefficients is dropped.
    /// </summary>
    public static OrderParameters FromCubicRoots(IReadOnlyList<Complex> roots, double sigmaVm = 1.0)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count != 3) throw new ArgumentException($"roots has {roots.Count} entries: exactly 3 cubic roots are needed", nameof(roots));
        if (!(sigmaVm != 0) || !double.IsFinite(sigmaVm)) throw new ArgumentException($"sigmaVm = {sigmaVm} is not allowed: it must be finite and non-zero", nameof(sigmaVm));
        Complex a = roots[0], b = roots[1], c = roots[2];
        Complex c2 = -(a + b + c), c1 = a * b + a * c + b * c, c0 = -(a * b * c);
        if (Math.Abs(c2.Imaginary) + Math.Abs(c1.Imaginary) + Math.Abs(c0.Imaginary) > 1e-9)
            throw new ArgumentException("roots are not those of a real cubic: complex roots must come in conjugate pairs", nameof(roots));
        double sigmaVu = -c2.Real - 2;
        double sigmaZm = 2 * sigmaVu + 1 - c1.Real;
        double pi = sigmaVu * sigmaZm - sigmaVu - c0.Real;
        return new OrderParameters(sigmaZm, pi / sigmaVm, sigmaVm, sigmaVu);
    }

    /// <summary>The values in the engine's order (σ_zm, σ_zu, σ_vm, σ_vu).</summary>
    public double[] ToArray() => [SigmaZm, SigmaZu, SigmaVm, SigmaVu];
}
