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

    /// <summary>
    /// Runs the product with kernel family <typeparamref name="TK"/> on whole panels and <typeparamref name="TE"/> on
    /// the columns left over (n mod panel width). With TE = TK the leftover panel is just narrower; the AVX-512 path
    /// gives the leftover to the AVX2 kernels, whose 4-lane vectors fit a ragged edge (n = 100 = 4·24 + 4) without
    /// padding. All families give the same bits, so mixing them changes nothing in the result.
    /// </summary>
    [SkipLocalsInit]
    public static void Run<TK, TE>(double* a, nint rsA, nint csA, double* b, nint rsB, nint csB, double* c, nint rsC, nint csC,
        int m, int k, int n, bool accumulate)
        where TK : struct, IMicroKernels where TE : struct, IMicroKernels
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) Clear(c, rsC, csC, m, n);
            return;
        }

        int panelWidth = TK.MaxVectors * TK.Lanes;
        int nMain = typeof(TK) == typeof(TE) ? n : n - n % panelWidth;
        int calls = ((n + panelWidth - 1) / panelWidth) * ((m + TK.MaxRows - 1) / TK.MaxRows);
        var product = new Product(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, Scratch(KChunk * MaxPanelWidth));
        double* tile = stackalloc double[MaxTileRows * MaxPanelWidth];
        for (int pc = 0; pc < k; pc += KChunk)
        {
            int kc = Math.Min(KChunk, k - pc);
            bool load = accumulate || pc > 0;
            var prefetch = new ChunkPrefetch(a, rsA, csA, m, b, rsB, csB, n, pc + kc, Math.Min(KChunk, k - pc - kc), calls);
            Panels<TK>(in product, pc, kc, 0, nMain, load, tile, ref prefetch);
            if (nMain < n) Panels<TE>(in product, pc, kc, nMain, n, load, tile, ref prefetch);
        }
    }

    /// <summary>The operands of one product (see the class summary for the stride convention) and the panel buffer.</summary>
    private readonly struct Product(double* a, nint rsA, nint csA, double* b, nint rsB, nint csB, double* c, nint rsC, nint csC, int m, double* panel)
    {
        public readonly double* A = a, B = b, C = c, Panel = panel;
        public readonly nint RsA = rsA, CsA = csA, RsB = rsB, CsB = csB, RsC = rsC, CsC = csC;
        public readonly int M = m;
    }

    /// <summary>One k chunk of the columns jStart..jEnd−1 with kernel family TK.</summary>
    private static void Panels<TK>(in Product x, int pc, int kc, int jStart, int jEnd, bool load, double* tile, ref ChunkPrefetch prefetch)
        where TK : struct, IMicroKernels
    {
        int lanes = TK.Lanes, maxRows = TK.MaxRows, panelWidth = TK.MaxVectors * lanes;
        for (int jc = jStart; jc < jEnd; jc += panelWidth)
        {
            int nr = Math.Min(panelWidth, jEnd - jc);
            int vectors = (nr + lanes - 1) / lanes, width = vectors * lanes;
            double* bp = x.B + pc * x.RsB + jc * x.CsB;
            nint ldb = x.RsB;
            if (x.CsB != 1 || width != nr)
            {
                PackB(bp, x.RsB, x.CsB, kc, nr, width, x.Panel);
                bp = x.Panel;
                ldb = width;
            }

            bool direct = x.CsC == 1 && width == nr;
            for (int ic = 0; ic < x.M; ic += maxRows)
            {
                prefetch.Step();
                int mr = Math.Min(maxRows, x.M - ic);
                double* ap = x.A + ic * x.RsA + pc * x.CsA;
                double* cp = x.C + ic * x.RsC + jc * x.CsC;
                if (direct)
                {
                    TK.Run(mr, vectors, kc, ap, x.RsA, x.CsA, bp, ldb, cp, x.RsC, load);
                    continue;
                }

                if (load) CopyTile(cp, x.RsC, x.CsC, tile, width, 1, mr, nr);
                TK.Run(mr, vectors, kc, ap, x.RsA, x.CsA, bp, ldb, tile, width, load);
                CopyTile(tile, width, 1, cp, x.RsC, x.CsC, mr, nr);
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
            if (csB == 1) CopyRow(s, row, nr);
            for (int j = nr; j < width; j++) row[j] = 0;
        }

        if (csB == 1) return;
        // Transposed B (ABt): walk each source row along p (contiguous when rsB = 1), writing a panel column.
        for (int j = 0; j < nr; j++)
        {
            double* s = src + j * csB;
            for (int p = 0; p < kc; p++) dst[p * width + j] = s[p * rsB];
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
