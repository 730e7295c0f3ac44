using System.Numerics;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics.Eigen;

/// <summary>
/// Eigenvalues of a real upper Hessenberg matrix by the Francis implicit double-shift QR iteration (EISPACK
/// <c>hqr</c>, eigenvalues only). Transformations touch only the active block, so deflated eigenvalues cost
/// nothing further. A subdiagonal entry is negligible when adding it to |h_{l−1,l−1}| + |h_{l,l}| does not change
/// that sum. Exceptional shifts after every <see cref="ExceptionalShiftPeriod"/> iterations without deflation
/// break cycles.
/// </summary>
internal static unsafe class HessenbergQr
{
    /// <summary>Iterations without a deflation between two exceptional shifts.</summary>
    public const int ExceptionalShiftPeriod = 10;

    /// <summary>Unit roundoff scale of the absolute deflation test (2^−52).</summary>
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Iterations allowed for one deflation before giving up.</summary>
    public const int MaxIterationsPerDeflation = 60;

    /// <summary>
    /// Writes the n eigenvalues of the row-major Hessenberg matrix <paramref name="h"/> (destroyed) into
    /// <paramref name="values"/> (complex pairs as conjugates, the upper member first). Returns false if some
    /// eigenvalue failed to converge; <paramref name="unconverged"/> is then the size of the remaining block.
    /// </summary>
    public static bool TrySolve(Span<double> h, int n, Span<Complex> values, out int unconverged)
    {
        fixed (double* a = h)
            return TrySolve(a, n, values, out unconverged);
    }

    private static bool TrySolve(double* a, int n, Span<Complex> values, out int unconverged)
    {
        double anorm = 0, sumSquares = 0;
        for (int i = 0; i < n; i++)
            for (int j = Math.Max(i - 1, 0); j < n; j++)
            {
                double x = a[i * n + j];
                anorm += Math.Abs(x);
                sumSquares += x * x;
            }

        double tiny = Epsilon * Math.Sqrt(sumSquares);

        int nn = n - 1, its = 0;
        double t = 0;
        while (nn >= 0)
        {
            int l = FindSmallSubdiagonal(a, n, nn, anorm, tiny);
            double x = a[nn * n + nn];
            if (l == nn)
            {
                values[nn--] = new Complex(x + t, 0);
                its = 0;
                continue;
            }

            double y = a[(nn - 1) * n + nn - 1], w = a[nn * n + nn - 1] * a[(nn - 1) * n + nn];
            if (l == nn - 1)
            {
                TwoByTwo(x, y, w, t, values, nn);
                nn -= 2;
                its = 0;
                continue;
            }

            if (its == MaxIterationsPerDeflation)
            {
                unconverged = nn + 1;
                return false;
            }

            if (its > 0 && its % ExceptionalShiftPeriod == 0)
            {
                t += x;
                for (int i = 0; i <= nn; i++) a[i * n + i] -= x;
                double s = Math.Abs(a[nn * n + nn - 1]) + Math.Abs(a[(nn - 1) * n + nn - 2]);
                y = x = 0.75 * s;
                w = -0.4375 * s * s;
            }

            its++;
            int m = StartOfBulge(a, n, l, nn, x, y, w, out double p, out double q, out double r);
            Sweep(a, n, l, m, nn, p, q, r);
        }

        unconverged = 0;
        return true;
    }

    /// <summary>
    /// Largest l ≤ nn with a negligible subdiagonal h[l, l−1] (set to 0), or 0. Negligible means either relative to
    /// its diagonal neighbours (EISPACK) or below ε‖H‖_F in absolute terms (<paramref name="tiny"/>). The absolute
    /// test is a backward-stable perturbation of size ε‖H‖ and stops the iteration from chasing blocks of rounding
    /// noise (entries near 1e−170 in a matrix of norm 1, as left by rank-deficient structured inputs).
    /// </summary>
    private static int FindSmallSubdiagonal(double* a, int n, int nn, double anorm, double tiny)
    {
        for (int l = nn; l >= 1; l--)
        {
            double s = Math.Abs(a[(l - 1) * n + l - 1]) + Math.Abs(a[l * n + l]);
            if (s == 0) s = anorm;
            double sub = Math.Abs(a[l * n + l - 1]);
            if (sub + s == s || sub <= tiny)
            {
                a[l * n + l - 1] = 0;
                return l;
            }
        }

        return 0;
    }

    /// <summary>Eigenvalues of the trailing 2×2 block [[y, ·], [·, x]] with off-diagonal product w, plus shift t.</summary>
    private static void TwoByTwo(double x, double y, double w, double t, Span<Complex> values, int nn)
    {
        double p = 0.5 * (y - x), q = p * p + w, z = Math.Sqrt(Math.Abs(q));
        x += t;
        if (q >= 0)
        {
            z = p + (p >= 0 ? z : -z);
            double hi = x + z, lo = z != 0 ? x - w / z : hi;
            values[nn - 1] = new Complex(hi, 0);
            values[nn] = new Complex(lo, 0);
        }
        else
        {
            values[nn - 1] = new Complex(x + p, z);
            values[nn] = new Complex(x + p, -z);
        }
    }

    /// <summary>
    /// Looks for two consecutive small subdiagonal elements from the bottom (the double shift can start there) and
    /// returns that row m with the first column (p, q, r) of the shifted double step, normalised.
    /// </summary>
    private static int StartOfBulge(double* a, int n, int l, int nn, double x, double y, double w, out double p, out double q, out double r)
    {
        int m = nn - 2;
        for (; ; m--)
        {
            double z = a[m * n + m];
            double rr = x - z, ss = y - z;
            p = (rr * ss - w) / a[(m + 1) * n + m] + a[m * n + m + 1];
            q = a[(m + 1) * n + m + 1] - z - rr - ss;
            r = a[(m + 2) * n + m + 1];
            double s = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m == l) break;
            double u = Math.Abs(a[m * n + m - 1]) * (Math.Abs(q) + Math.Abs(r));
            double v = Math.Abs(p) * (Math.Abs(a[(m - 1) * n + m - 1]) + Math.Abs(z) + Math.Abs(a[(m + 1) * n + m + 1]));
            if (u + v == v) break;
        }

        for (int i = m + 2; i <= nn; i++)
        {
            a[i * n + i - 2] = 0;
            if (i != m + 2) a[i * n + i - 3] = 0;
        }

        return m;
    }

    /// <summary>One implicit double-shift QR sweep chasing the bulge from row m to nn within the active block l..nn.</summary>
    private static void Sweep(double* a, int n, int l, int m, int nn, double p, double q, double r)
    {
        double x = 0;
        for (int k = m; k <= nn - 1; k++)
        {
            bool last = k == nn - 1;
            if (k != m)
            {
                p = a[k * n + k - 1];
                q = a[(k + 1) * n + k - 1];
                r = last ? 0 : a[(k + 2) * n + k - 1];
                x = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                if (x != 0)
                {
                    p /= x;
                    q /= x;
                    r /= x;
                }
            }

            double s = Math.Sqrt(p * p + q * q + r * r);
            if (p < 0) s = -s;
            if (s == 0) continue;
            if (k == m)
            {
                if (l != m) a[k * n + k - 1] = -a[k * n + k - 1];
            }
            else
            {
                a[k * n + k - 1] = -s * x;
            }

            p += s;
            x = p / s;
            double y = q / s, z = r / s;
            q /= p;
            r /= p;
            ReflectRows(a + k * n, n, k, nn, last, x, y, z, q, r);
            ReflectColumns(a, n, k, l, Math.Min(nn, k + 3), last, x, y, z, q, r);
        }
    }

    /// <summary>Applies the reflector to rows k, k+1 (and k+2) over columns k..nn (contiguous: vectorised).</summary>
    private static void ReflectRows(double* rowK, int n, int k, int nn, bool last, double x, double y, double z, double q, double r)
    {
        double* r0 = rowK, r1 = rowK + n, r2 = rowK + 2 * n;
        int j = k;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vx = Vector256.Create(x), vy = Vector256.Create(y), vz = Vector256.Create(z), vq = Vector256.Create(q), vr = Vector256.Create(r);
            for (; j <= nn - 3; j += 4)
            {
                var a0 = Vector256.Load(r0 + j);
                var a1 = Vector256.Load(r1 + j);
                var p = a0 + vq * a1;
                if (!last)
                {
                    var a2 = Vector256.Load(r2 + j);
                    p += vr * a2;
                    (a2 - p * vz).Store(r2 + j);
                }

                (a1 - p * vy).Store(r1 + j);
                (a0 - p * vx).Store(r0 + j);
            }
        }

        for (; j <= nn; j++)
        {
            double p = r0[j] + q * r1[j];
            if (!last)
            {
                p += r * r2[j];
                r2[j] -= p * z;
            }

            r1[j] -= p * y;
            r0[j] -= p * x;
        }
    }

    /// <summary>Applies the reflector to columns k, k+1 (and k+2) over rows l..iMax.</summary>
    private static void ReflectColumns(double* a, int n, int k, int l, int iMax, bool last, double x, double y, double z, double q, double r)
    {
        for (int i = l; i <= iMax; i++)
        {
            double* c = a + i * n + k;
            double p = x * c[0] + y * c[1];
            if (!last)
            {
                p += z * c[2];
                c[2] -= p * r;
            }

            c[1] -= p * q;
            c[0] -= p;
        }
    }
}
