namespace ClosedLoop.Numerics.Eigen;

/// <summary>
/// Diagonal similarity scaling by powers of two (EISPACK <c>balanc</c>, scaling part) so that each row and the
/// matching column have comparable 1-norms. The scaling is exact in binary floating point, leaves the eigenvalues
/// unchanged and makes the later QR iteration's error relative to the balanced norm, which is often much smaller
/// than the original (badly scaled plants, huge/small entries).
/// </summary>
internal static class Balancing
{
    private const double Radix = 2.0;

    /// <summary>Stop once a sweep does not reduce a row+column norm below this fraction.</summary>
    private const double Improvement = 0.95;

    /// <summary>Safety cap on sweeps (each sweep halves or doubles scale factors; convergence is normally fast).</summary>
    private const int MaxSweeps = 200;

    /// <summary>Factors are kept inside [2^-MaxExponent, 2^MaxExponent] so no entry overflows or underflows.</summary>
    private const int MaxExponent = 300;

    /// <summary>Balances the row-major n×n matrix <paramref name="a"/> in place.</summary>
    public static void Balance(Span<double> a, int n)
    {
        const double sqrdx = Radix * Radix;
        bool done = false;
        for (int sweep = 0; sweep < MaxSweeps && !done; sweep++)
        {
            done = true;
            for (int i = 0; i < n; i++)
            {
                double c = 0, r = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    c += Math.Abs(a[j * n + i]);
                    r += Math.Abs(a[i * n + j]);
                }

                if (c == 0 || r == 0 || !double.IsFinite(c + r)) continue;
                double s = c + r, f = 1;
                int e = 0;
                double g = r / Radix;
                while (c < g && e < MaxExponent) { f *= Radix; c *= sqrdx; e++; }
                g = r * Radix;
                while (c > g && e > -MaxExponent) { f /= Radix; c /= sqrdx; e--; }
                if ((c + r) / f >= Improvement * s) continue;

                done = false;
                double inv = 1 / f;
                foreach (ref double x in a.Slice(i * n, n)) x *= inv;
                for (int j = 0; j < n; j++) a[j * n + i] *= f;
            }
        }
    }
}
