using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// The blocked product loop shared by every instruction set: D (m×n) (+)= A·B with A element (i, p) at
/// <c>a[i·rsA + p·csA]</c>, B element (p, j) at <c>b[p·rsB + j·csB]</c> and D element (i, j) at <c>c[i·rsC + j·csC]</c>.
/// This one loop serves <c>AB</c>, <c>AtB</c> and <c>ABt</c>, and <c>ABt</c> computed as the transposed product
/// Cᵀ = B·Aᵀ when A has few rows (see <see cref="Gemm"/>).
/// </summary>
/// <remarks>
/// Loop order: k in chunks of <see cref="KChunk"/> (so a chunk's rows of A and B stay in L2 while every tile uses
/// them), then panels of <c>MaxVectors·Lanes</c> columns of B, then tiles of <c>MaxRows</c> rows of A. Operands are
/// read in place; only a B panel whose rows are not contiguous (ABt) or not a whole number of vectors wide (the
/// ragged last panel) is copied into a zero-padded block. Ragged or transposed tiles of D go through a small stack
/// tile. While one chunk computes, the next one is prefetched (<see cref="ChunkPrefetch"/>). Scratch memory is a
/// per-thread pinned array allocated on first use, so steady-state calls allocate nothing. Every element of D is one
/// fused multiply–add chain in ascending p (see <see cref="IMicroKernels"/>), so none of this changes the rounding.
/// Packing A and all of B into contiguous micro-panels (the classic GotoBLAS scheme) was measured and was slower
/// for these sizes: the copies cost more than the strided reads they replace.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one k chunk.</summary>
    public const int KChunk = 128;

    /// <summary>Widest panel any kernel family uses (AVX-512: 3 vectors of 8).</summary>
    private const int MaxPanelWidth = 24;

    /// <summary>Tallest tile any kernel family uses.</summary>
    private const int MaxTileRows = 8;

    [ThreadStatic] private static double[]? t_scratch;

    [SkipLocalsInit]
    public static void Run<TK>(double* a, nint rsA, nint csA, double* b, nint rsB, nint csB, double* c, nint rsC, nint csC,
        int m, int k, int n, bool accumulate)
        where TK : struct, IMicroKernels
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) Clear(c, rsC, csC, m, n);
            return;
        }

        int lanes = TK.Lanes, maxRows = TK.MaxRows, panelWidth = TK.MaxVectors * lanes;
        int calls = ((n + panelWidth - 1) / panelWidth) * ((m + maxRows - 1) / maxRows);
        double* panel = Scratch(KChunk * MaxPanelWidth);
        double* tile = stackalloc double[MaxTileRows * MaxPanelWidth];
        for (int pc = 0; pc < k; pc += KChunk)
        {
            int kc = Math.Min(KChunk, k - pc);
            bool load = accumulate || pc > 0;
            var prefetch = new ChunkPrefetch(a, rsA, csA, m, b, rsB, csB, n, pc + kc, Math.Min(KChunk, k - pc - kc), calls);
            for (int jc = 0; jc < n; jc += panelWidth)
            {
                int nr = Math.Min(panelWidth, n - jc);
                int vectors = (nr + lanes - 1) / lanes, width = vectors * lanes;
                double* bp = b + pc * rsB + jc * csB;
                nint ldb = rsB;
                if (csB != 1 || width != nr)
                {
                    PackB(bp, rsB, csB, kc, nr, width, panel);
                    bp = panel;
                    ldb = width;
                }

                bool direct = csC == 1 && width == nr;
                for (int ic = 0; ic < m; ic += maxRows)
                {
                    prefetch.Step();
                    int mr = Math.Min(maxRows, m - ic);
                    double* ap = a + ic * rsA + pc * csA;
                    double* cp = c + ic * rsC + jc * csC;
                    if (direct)
                    {
                        TK.Run(mr, vectors, kc, ap, rsA, csA, bp, ldb, cp, rsC, load);
                        continue;
                    }

                    if (load) CopyTile(cp, rsC, csC, tile, width, 1, mr, nr);
                    TK.Run(mr, vectors, kc, ap, rsA, csA, bp, ldb, tile, width, load);
                    CopyTile(tile, width, 1, cp, rsC, csC, mr, nr);
                }
            }
        }
    }

    /// <summary>Copies B rows 0..kc−1, columns 0..nr−1 into a dense kc×width block, zero-filling columns nr..width−1.</summary>
    private static void PackB(double* src, nint rsB, nint csB, int kc, int nr, int width, double* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            double* row = dst + p * width;
            double* s = src + p * rsB;
            if (csB == 1)
                CopyRow(s, row, nr);
            else
                for (int j = 0; j < nr; j++) row[j] = s[j * csB];
            for (int j = nr; j < width; j++) row[j] = 0;
        }
    }

    /// <summary>Copies a short contiguous run (a tile row or a panel row) without the call overhead of a span copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(double* src, double* dst, int count)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j <= count - 4; j += 4) Vector256.Store(Vector256.Load(src + j), dst + j);
        for (; j < count; j++) dst[j] = src[j];
    }

    private static void CopyTile(double* src, nint rsS, nint csS, double* dst, nint rsD, nint csD, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) dst[r * rsD + j * csD] = src[r * rsS + j * csS];
    }

    private static void Clear(double* c, nint rsC, nint csC, int m, int n)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[i * rsC + j * csC] = 0;
    }

    /// <summary>The calling thread's pinned scratch array, grown to at least <paramref name="length"/> doubles.</summary>
    private static double* Scratch(nint length)
    {
        var s = t_scratch;
        if (s == null || s.Length < length)
            t_scratch = s = GC.AllocateUninitializedArray<double>((int)Math.Max(length, 2 * (s?.Length ?? 0)), pinned: true);
        return (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s));
    }
}
