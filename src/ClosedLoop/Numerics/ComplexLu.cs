using System.Numerics;

namespace ClosedLoop.Numerics;

/// <summary>
/// LU factorisation with partial (row) pivoting of a dense complex square matrix, PA = LU, and solves with it.
/// Used for resolvents (zI − P)⁻¹b of the joint matrix (docs/science/analysis-maths.md §1.3); sizes are about 100,
/// so the plain O(n³) elimination is enough.
/// </summary>
/// <remarks>
/// Backward stable in practice (Gaussian elimination with partial pivoting). A pivot of exactly zero, or a non-finite
/// entry, makes the factorisation fail with an <see cref="ArithmeticException"/>: the matrix is singular (for a
/// resolvent, z is an eigenvalue).
/// </remarks>
public sealed class ComplexLu
{
    private readonly Complex[] _lu;
    private readonly int[] _pivot;

    /// <summary>Order n of the factorised matrix.</summary>
    public int Size { get; }

    /// <summary>
    /// Factorises the n×n matrix given row-major in <paramref name="matrix"/> (copied; the argument is not changed).
    /// </summary>
    /// <exception cref="ArgumentException">The length is not n², or an entry is not finite.</exception>
    /// <exception cref="ArithmeticException">The matrix is singular (a zero pivot).</exception>
    public ComplexLu(ReadOnlySpan<Complex> matrix, int n) : this(Checked(matrix, n).ToArray(), n)
    {
    }

    private ComplexLu(Complex[] owned, int n)
    {
        Size = n;
        _lu = owned;
        _pivot = new int[n];
        Factorise();
    }

    /// <summary>Factorises <paramref name="matrix"/> in place (no copy): the array then holds the factors and must not be reused.</summary>
    public static ComplexLu InPlace(Complex[] matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Checked(matrix, n);
        return new ComplexLu(matrix, n);
    }

    private static ReadOnlySpan<Complex> Checked(ReadOnlySpan<Complex> matrix, int n)
    {
        if (n < 1) throw new ArgumentException($"ComplexLu: n = {n} is not allowed: it must be >= 1", nameof(n));
        if (matrix.Length != n * n) throw new ArgumentException($"ComplexLu: the matrix has {matrix.Length} entries, expected n² = {n * n}", nameof(matrix));
        foreach (var v in matrix)
            if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)) throw new ArgumentException($"ComplexLu: the matrix has a non-finite entry ({v})", nameof(matrix));
        return matrix;
    }

    private void Factorise()
    {
        int n = Size;
        var a = _lu;
        for (int j = 0; j < n; j++)
        {
            int p = j;
            double best = a[j * n + j].Magnitude;
            for (int i = j + 1; i < n; i++)
            {
                double m = a[i * n + j].Magnitude;
                if (m > best) { best = m; p = i; }
            }
            if (best == 0) throw new ArithmeticException($"ComplexLu: the {n}x{n} matrix is singular (zero pivot in column {j})");
            _pivot[j] = p;
            if (p != j)
                for (int c = 0; c < n; c++) (a[j * n + c], a[p * n + c]) = (a[p * n + c], a[j * n + c]);
            var inv = Complex.Reciprocal(a[j * n + j]);
            for (int i = j + 1; i < n; i++)
            {
                var f = a[i * n + j] * inv;
                a[i * n + j] = f;
                if (f == Complex.Zero) continue;
                for (int c = j + 1; c < n; c++) a[i * n + c] -= f * a[j * n + c];
            }
        }
    }

    /// <summary>Solves A x = b for one right-hand side; returns x (b is not changed).</summary>
    public Complex[] Solve(ReadOnlySpan<Complex> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"ComplexLu.Solve: b has {b.Length} entries, expected {n}", nameof(b));
        var x = b.ToArray();
        for (int j = 0; j < n; j++)
            if (_pivot[j] != j) (x[j], x[_pivot[j]]) = (x[_pivot[j]], x[j]);
        for (int i = 1; i < n; i++)
        {
            var s = x[i];
            for (int c = 0; c < i; c++) s -= _lu[i * n + c] * x[c];
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var s = x[i];
            for (int c = i + 1; c < n; c++) s -= _lu[i * n + c] * x[c];
            x[i] = s / _lu[i * n + i];
        }
        return x;
    }
}
