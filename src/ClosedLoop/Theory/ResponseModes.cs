using System.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// One eigenvalue λ of the joint matrix P (Im λ ≥ 0; a complex pair is represented by its upper member) and its
/// contribution to one entry of the frequency response at one frequency (docs/science/analysis-maths.md §1.3, §9).
/// </summary>
/// <param name="Eigenvalue">λ, a per-step multiplier of the closed loop.</param>
/// <param name="Contribution">The mode's steady-state share of the response, z r/(z − λ) (plus the conjugate term for a pair).</param>
public sealed record ResponseMode(Complex Eigenvalue, Complex Contribution)
{
    /// <summary>Angular frequency arg λ / dt of the mode (rad per unit time; 0 for a real λ > 0).</summary>
    public double Frequency(double dt) => Eigenvalue.Phase / dt;

    /// <summary>Growth rate ln|λ| / dt (negative: the mode decays).</summary>
    public double Rate(double dt) => Math.Log(Eigenvalue.Magnitude) / dt;

    /// <summary>Damping ratio ζ = −rate / |(rate, frequency)| of the equivalent continuous-time mode (1 for a real decaying mode).</summary>
    public double DampingRatio(double dt) => -Rate(dt) / Math.Sqrt(Rate(dt) * Rate(dt) + Frequency(dt) * Frequency(dt));
}

/// <summary>
/// Modal decomposition of the closed-loop frequency response: for diagonalisable P with simple eigenvalues λ_k,
/// right and left eigenvectors v_k, w_k, H(z) = z Q (zI − P)⁻¹ G = Σ_k z r_k / (z − λ_k) with
/// r_k = (Q v_k)(w_kᵀ G) / (w_kᵀ v_k). The term z r_k/(z − λ_k) is mode k's part of the steady-state output: its
/// coordinate obeys ξ_t = λ_k ξ_{t−1} + w_kᵀG r_t, so ξ = z (w_kᵀG)/(z − λ_k) at z = e^{iω dt}. r_k is the residue at
/// λ_k of H(z)/z = Q (zI − P)⁻¹ G, computed from the response itself, r = (δ/2)(H(λ + δ)/(λ + δ) − H(λ − δ)/(λ − δ))
/// + O(δ²), δ = 10⁻⁶ (no eigenvectors needed). The mode with the largest |contribution| at ω is the one that carries
/// the response there.
/// </summary>
/// <remarks>
/// Exact to about 10⁻¹⁰ relative for eigenvalues separated by much more than δ^{2/3} ≈ 10⁻⁴ (eigenvalue clusters
/// closer than that each see about the residue of the whole cluster, so a cluster of m is counted m times). Eigenvalues come from
/// <see cref="Spectrum"/> of <see cref="FrequencyResponse.Joint"/>. Cost: two complex LU factorisations per mode.
/// </remarks>
public static class ResponseModes
{
    /// <summary>Offset δ of the residue difference.</summary>
    public const double ResidueStep = 1e-6;

    /// <summary>r_k: the residue of H[row, col](z)/z = [Q (zI − P)⁻¹ G][row, col] at the eigenvalue <paramref name="lambda"/> of P.</summary>
    public static Complex Residue(FrequencyResponse response, Complex lambda, int row, int col)
    {
        ArgumentNullException.ThrowIfNull(response);
        Complex up = lambda + ResidueStep, down = lambda - ResidueStep;
        return ResidueStep / 2 * (response.AtZ(up)[row, col] / up - response.AtZ(down)[row, col] / down);
    }

    /// <summary>
    /// The contribution of every eigenvalue with Im λ ≥ 0 (pairs summed; a pair closer to the real axis than
    /// Spectrum.ImaginaryTolerance counts as two real eigenvalues) to H[row, col](e^{iω dt}), largest |contribution|
    /// first. <paramref name="minModulus"/> skips eigenvalues with |λ| below it (fast modes; they are left out of the list).
    /// </summary>
    public static IReadOnlyList<ResponseMode> Of(FrequencyResponse response, IEnumerable<Complex> eigenvalues, double omega, int row, int col, double minModulus = 0)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(eigenvalues);
        var z = Complex.FromPolarCoordinates(1, omega * response.Dt);
        var modes = new List<ResponseMode>();
        foreach (var l in eigenvalues)
        {
            if (l.Imaginary < -Spectrum.ImaginaryTolerance || l.Magnitude < minModulus) continue;
            var r = Residue(response, l, row, col);
            var c = z * r / (z - l);
            if (l.Imaginary > Spectrum.ImaginaryTolerance) c += z * Complex.Conjugate(r) / (z - Complex.Conjugate(l));
            modes.Add(new ResponseMode(l, c));
        }
        modes.Sort((a, b) => b.Contribution.Magnitude.CompareTo(a.Contribution.Magnitude));
        return modes;
    }
}
