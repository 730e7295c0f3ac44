using System.Runtime.CompilerServices;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// The blocked product loop shared by every instruction set: C (m×n, row-major, leading dimension n) (+)= A·B with
/// A element (i, p) at <c>a[i·rsA + p·csA]</c> and B element (p, j) at <c>b[p·rsB + j·csB]</c>. This one loop
/// serves <c>AB</c> (rsA = k, csA = 1, rsB = n, csB = 1), <c>AtB</c> (rsA = 1, csA = m) and <c>ABt</c>
/// (rsB = 1, csB = k).
/// </summary>
/// <remarks>
/// Loop order: k in chunks of <see cref="KChunk"/> (so the chunk's A and B rows stay in L2), then panels of
/// <c>MaxVectors·Lanes</c> columns of B, then tiles of <c>MaxRows</c> rows of A. A panel is read in place when its
/// rows are contiguous and it is a whole number of vectors wide; otherwise (ABt, or the ragged last panel) it is
/// copied into a zero-padded stack buffer. Ragged tiles go through a stack tile. Nothing is allocated on the heap.
/// Every C element is a single fused multiply–add chain in ascending p (see <see cref="IMicroKernels"/>), so the
/// blocking never changes the rounding.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one k chunk.</summary>
    public const int KChunk = 256;

    /// <summary>Widest panel any kernel family uses (AVX-512: 3 vectors of 8).</summary>
    private const int MaxPanelWidth = 24;

    /// <summary>Tallest tile any kernel family uses.</summary>
    private const int MaxTileRows = 8;

    [SkipLocalsInit]
    public static void Run<TK>(double* a, nint rsA, nint csA, double* b, nint rsB, nint csB, double* c, int m, int k, int n, bool accumulate)
        where TK : struct, IMicroKernels
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) new Span<double>(c, checked(m * n)).Clear();
            return;
        }

        int lanes = TK.Lanes, maxRows = TK.MaxRows, panelWidth = TK.MaxVectors * lanes;
        double* panel = stackalloc double[KChunk * MaxPanelWidth];
        double* tile = stackalloc double[MaxTileRows * MaxPanelWidth];
        for (int pc = 0; pc < k; pc += KChunk)
        {
            int kc = Math.Min(KChunk, k - pc);
            bool load = accumulate || pc > 0;
            for (int jc = 0; jc < n; jc += panelWidth)
            {
                int nr = Math.Min(panelWidth, n - jc);
                int vectors = (nr + lanes - 1) / lanes;
                int width = vectors * lanes;
                double* bSrc = b + pc * rsB + jc * csB;
                double* bp = bSrc;
                nint ldb = rsB;
                if (csB != 1 || width != nr)
                {
                    PackPanel(bSrc, rsB, csB, kc, nr, width, panel);
                    bp = panel;
                    ldb = width;
                }

                for (int ic = 0; ic < m; ic += maxRows)
                {
                    int mr = Math.Min(maxRows, m - ic);
                    double* ap = a + ic * rsA + pc * csA;
                    double* cp = c + (nint)ic * n + jc;
                    if (width == nr)
                    {
                        TK.Run(mr, vectors, kc, ap, rsA, csA, bp, ldb, cp, n, load);
                        continue;
                    }

                    if (load) CopyTile(cp, n, tile, width, mr, nr);
                    TK.Run(mr, vectors, kc, ap, rsA, csA, bp, ldb, tile, width, load);
                    CopyTile(tile, width, cp, n, mr, nr);
                }
            }
        }
    }

    /// <summary>Copies B rows 0..kc−1, columns 0..nr−1 into a dense kc×width block, zero-filling columns nr..width−1.</summary>
    private static void PackPanel(double* src, nint rsB, nint csB, int kc, int nr, int width, double* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            double* row = dst + p * width;
            double* s = src + p * rsB;
            if (csB == 1)
            {
                new ReadOnlySpan<double>(s, nr).CopyTo(new Span<double>(row, nr));
            }
            else
            {
                for (int j = 0; j < nr; j++) row[j] = s[j * csB];
            }

            for (int j = nr; j < width; j++) row[j] = 0;
        }
    }

    private static void CopyTile(double* src, nint lds, double* dst, nint ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<double>(src + r * lds, cols).CopyTo(new Span<double>(dst + r * ldd, cols));
    }
}
