namespace ClosedLoop.Numerics.Eigen;

/// <summary>
/// Orthogonal reduction to upper Hessenberg form by Householder reflections (EISPACK <c>orthes</c>), written for
/// row-major storage so that both the left and the right update run along contiguous rows. The transformations
/// are not accumulated (eigenvalues only). Backward stable: the Hessenberg matrix is exactly similar to A + E
/// with ‖E‖ ≈ n·ε‖A‖.
/// </summary>
internal static class HessenbergReduction
{
    /// <summary>
    /// Reduces the row-major n×n matrix <paramref name="a"/> in place; entries below the subdiagonal are set to 0.
    /// <paramref name="work"/> needs 2n doubles.
    /// </summary>
    public static void Reduce(Span<double> a, int n, Span<double> work)
    {
        var u = work[..n];
        var f = work.Slice(n, n);
        for (int m = 1; m < n - 1; m++)
        {
            double scale = 0;
            for (int i = m; i < n; i++) scale += Math.Abs(a[i * n + m - 1]);
            if (scale == 0) continue;

            double h = 0;
            for (int i = m; i < n; i++)
            {
                u[i] = a[i * n + m - 1] / scale;
                h += u[i] * u[i];
            }

            double g = u[m] > 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
            h -= u[m] * g;
            u[m] -= g;
            int w = n - m;
            var um = u.Slice(m, w);

            // Left: A[m.., m..] -= u (uᵀ A[m.., m..]) / h, as f = Σ_i u_i·row_i then row_i -= (u_i/h)·f.
            var fm = f.Slice(m, w);
            fm.Clear();
            for (int i = m; i < n; i++) Gemm.Axpy(u[i], a.Slice(i * n + m, w), fm);
            for (int i = m; i < n; i++) Gemm.Axpy(-u[i] / h, fm, a.Slice(i * n + m, w));

            // Right: A[:, m..] -= (A[:, m..] u) uᵀ / h, row by row.
            for (int i = 0; i < n; i++)
            {
                var row = a.Slice(i * n + m, w);
                Gemm.Axpy(-Gemm.Dot(row, um) / h, um, row);
            }

            a[m * n + m - 1] = scale * g;
            for (int i = m + 1; i < n; i++) a[i * n + m - 1] = 0;
        }
    }
}
