using System.Buffers;
using System.Numerics;
using ClosedLoop.Numerics.Eigen;

namespace ClosedLoop.Numerics;

/// <summary>
/// Eigenvalues λ of a real, non-symmetric square matrix (for example the joint agent–environment matrix P, or
/// the recurrent weights W), without eigenvectors: balancing, Householder reduction to Hessenberg form and the
/// Francis double-shift QR iteration (the EISPACK <c>balanc</c> / <c>orthes</c> / <c>hqr</c> chain). For n ≈ 100
/// it is several times faster than MathNet's <c>Evd</c>, which also computes eigenvectors.
/// </summary>
/// <remarks>
/// <para>Output order: descending modulus |λ|, then descending real part, then descending imaginary part, so the
/// upper member (Im λ &gt; 0) of a complex-conjugate pair comes first and the pair members are exact conjugates.
/// Real eigenvalues have an imaginary part of exactly 0.</para>
/// <para>Accuracy: backward stable (eigenvalues of A + E with ‖E‖ ≈ n·ε‖A‖ after balancing). Well-separated
/// eigenvalues are accurate to about ε‖A‖ times their condition number; an eigenvalue in a Jordan block of size k
/// is perturbed by about (ε‖A‖)^(1/k), as with every backward-stable method. The many zero eigenvalues of a rank-1
/// joint matrix are semisimple and come out at rounding level (about 1e−16).</para>
/// <para>Scaling: the matrix is first multiplied by a power of two bringing its largest entry to about 1 (exact),
/// so entries from about 1e−300 to 1e300 are handled without overflow.</para>
/// <para>Memory: allocates the result and one n×n scratch copy; small work vectors come from the stack (or the
/// shared array pool for very large n).</para>
/// </remarks>
public static class RealEigen
{
    private const int StackWorkLimit = 4096;

    /// <summary>All n eigenvalues of the square matrix <paramref name="a"/>; throws if the QR iteration fails.</summary>
    /// <exception cref="ArgumentException">a is not square or has a NaN or infinite entry.</exception>
    /// <exception cref="ArithmeticException">The QR iteration did not converge (message gives the unconverged block).</exception>
    public static Complex[] Eigenvalues(Mat a)
    {
        if (TryEigenvalues(a, out var values, out int unconverged)) return values;
        throw new ArithmeticException(
            $"RealEigen.Eigenvalues: the QR iteration did not converge for a {a.Rows}x{a.Cols} matrix; {unconverged} eigenvalues " +
            $"remained after {HessenbergQr.MaxIterationsPerDeflation} iterations without deflation");
    }

    /// <summary>Eigenvalues of <paramref name="a"/>; false (and an empty array) if the QR iteration did not converge.</summary>
    public static bool TryEigenvalues(Mat a, out Complex[] eigenvalues) => TryEigenvalues(a, out eigenvalues, out _);

    private static bool TryEigenvalues(Mat a, out Complex[] eigenvalues, out int unconverged)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.IsSquare) throw new ArgumentException($"RealEigen: matrix a is {a.Rows}x{a.Cols}; it must be square", nameof(a));
        foreach (double x in a.Data)
            if (!double.IsFinite(x)) throw new ArgumentException($"RealEigen: matrix a has a non-finite entry ({x}); all entries must be finite", nameof(a));

        int n = a.Rows;
        var h = (double[])a.Data.Clone();
        var values = new Complex[n];
        double[]? rented = null;
        Span<double> work = 2 * n <= StackWorkLimit ? stackalloc double[2 * n] : (rented = ArrayPool<double>.Shared.Rent(2 * n));
        double scale = PowerOfTwoScale(h);
        try
        {
            Balancing.Balance(h, n);
            HessenbergReduction.Reduce(h, n, work);
        }
        finally
        {
            if (rented != null) ArrayPool<double>.Shared.Return(rented);
        }

        if (!HessenbergQr.TrySolve(h, n, values, out unconverged))
        {
            eigenvalues = [];
            return false;
        }

        if (scale != 1)
            for (int i = 0; i < n; i++) values[i] = new Complex(values[i].Real / scale, values[i].Imaginary / scale);
        Array.Sort(values, CompareForOutput);
        eigenvalues = values;
        return true;
    }

    /// <summary>
    /// Multiplies <paramref name="h"/> by the power of two that brings its largest |entry| into [0.5, 1) and returns
    /// that factor. Exact; keeps products of two entries (2×2 blocks, shifts) far from overflow and underflow, so
    /// matrices with entries up to ~1e300 or down to ~1e−300 are handled.
    /// </summary>
    private static double PowerOfTwoScale(double[] h)
    {
        double max = 0;
        foreach (double x in h) max = Math.Max(max, Math.Abs(x));
        if (max == 0) return 1;
        double scale = Math.ScaleB(1.0, Math.Clamp(-Math.ILogB(max) - 1, -1000, 1000));
        for (int i = 0; i < h.Length; i++) h[i] *= scale;
        return scale;
    }

    private static int CompareForOutput(Complex x, Complex y)
    {
        int c = y.Magnitude.CompareTo(x.Magnitude);
        if (c != 0) return c;
        c = y.Real.CompareTo(x.Real);
        return c != 0 ? c : y.Imaginary.CompareTo(x.Imaginary);
    }
}
