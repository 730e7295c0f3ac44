using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// The blocked product loop shared by every instruction set and both element types (double, float): D (m×n) (+)= A·B with A element (i, p) at
/// <c>a[i·rsA + p·csA]</c>, B element (p, j) at <c>b[p·rsB + j·csB]</c> and D element (i, j) at <c>c[i·rsC + j·csC]</c>.
/// This one loop serves <c>AB</c>, <c>AtB</c> and <c>ABt</c>, and <c>ABt</c> computed as the transposed product
/// Cᵀ = B·Aᵀ when A has few rows (see <see cref="Gemm"/>).
/// </summary>
/// <remarks>
/// Loop order: k in chunks of <see cref="KChunk"/> (so a chunk's rows of A and B stay in L2 while every tile uses
/// them), then panels of <c>MaxVectors·Lanes</c> columns of B, then tiles of <c>MaxRows</c> rows of A. Operands are
/// read in place; only a B panel whose rows are not contiguous (ABt) or not a whole number of vectors wide (the
/// ragged last panel) is copied into a zero-padded block. Ragged or transposed tiles of D go through a small stack
/// tile. While one chunk computes, the next one is prefetched (<see cref="ChunkPrefetch{T}"/>). Scratch memory is a
/// per-thread pinned array allocated on first use, so steady-state calls allocate nothing. Every element of D is one
/// fused multiply–add chain in ascending p (see <see cref="IMicroKernels{T}"/>), so none of this changes the rounding.
/// Packing A and all of B into contiguous micro-panels (the classic GotoBLAS scheme) was measured and was slower
/// for these sizes: the copies cost more than the strided reads they replace.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one k chunk.</summary>
    public const int KChunk = 128;

    /// <summary>Widest panel any kernel family uses (AVX-512: 3 vectors of 8 doubles or 16 floats).</summary>
    private const int MaxPanelWidth = 48;

    /// <summary>Tallest tile any kernel family uses.</summary>
    private const int MaxTileRows = 8;

    /// <summary>
    /// Runs the product with kernel family <typeparamref name="TK"/> on whole panels and <typeparamref name="TE"/> on
    /// the columns left over (n mod panel width). With TE = TK the leftover panel is just narrower; the AVX-512 path
    /// gives the leftover to the AVX2 kernels, whose 4-lane vectors fit a ragged edge (n = 100 = 4·24 + 4) without
    /// padding. All families give the same bits, so mixing them changes nothing in the result.
    /// </summary>
    [SkipLocalsInit]
    public static void Run<T, TK, TE>(T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC,
        int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernels<T> where TE : struct, IMicroKernels<T>
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
        var product = new Product<T>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, Scratch<T>.Get(KChunk * MaxPanelWidth));
        T* tile = stackalloc T[MaxTileRows * MaxPanelWidth];
        for (int pc = 0; pc < k; pc += KChunk)
        {
            int kc = Math.Min(KChunk, k - pc);
            bool load = accumulate || pc > 0;
            var prefetch = new ChunkPrefetch<T>(a, rsA, csA, m, b, rsB, csB, n, pc + kc, Math.Min(KChunk, k - pc - kc), calls);
            Panels<T, TK>(in product, pc, kc, 0, nMain, load, tile, ref prefetch);
            if (nMain < n) Panels<T, TE>(in product, pc, kc, nMain, n, load, tile, ref prefetch);
        }
    }

    /// <summary>The operands of one product (see the class summary for the stride convention) and the panel buffer.</summary>
    private readonly struct Product<T>(T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC, int m, T* panel)
        where T : unmanaged
    {
        public readonly T* A = a, B = b, C = c, Panel = panel;
        public readonly nint RsA = rsA, CsA = csA, RsB = rsB, CsB = csB, RsC = rsC, CsC = csC;
        public readonly int M = m;
    }

    /// <summary>One k chunk of the columns jStart..jEnd−1 with kernel family TK.</summary>
    private static void Panels<T, TK>(in Product<T> x, int pc, int kc, int jStart, int jEnd, bool load, T* tile, ref ChunkPrefetch<T> prefetch)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernels<T>
    {
        int lanes = TK.Lanes, maxRows = TK.MaxRows, panelWidth = TK.MaxVectors * lanes;
        for (int jc = jStart; jc < jEnd; jc += panelWidth)
        {
            int nr = Math.Min(panelWidth, jEnd - jc);
            int vectors = (nr + lanes - 1) / lanes, width = vectors * lanes;
            T* bp = x.B + pc * x.RsB + jc * x.CsB;
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
                T* ap = x.A + ic * x.RsA + pc * x.CsA;
                T* cp = x.C + ic * x.RsC + jc * x.CsC;
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
    private static void PackB<T>(T* src, nint rsB, nint csB, int kc, int nr, int width, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < kc; p++)
        {
            T* row = dst + p * width;
            T* s = src + p * rsB;
            if (csB == 1) CopyRow(s, row, nr);
            for (int j = nr; j < width; j++) row[j] = T.Zero;
        }

        if (csB == 1) return;
        // Transposed B (ABt): walk each source row along p (contiguous when rsB = 1), writing a panel column.
        for (int j = 0; j < nr; j++)
        {
            T* s = src + j * csB;
            for (int p = 0; p < kc; p++) dst[p * width + j] = s[p * rsB];
        }
    }

    /// <summary>Copies a short contiguous run (a tile row or a panel row) without the call overhead of a span copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow<T>(T* src, T* dst, int count) where T : unmanaged
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (int w = Vector256<T>.Count; j <= count - w; j += w) Vector256.Store(Vector256.Load(src + j), dst + j);
        for (; j < count; j++) dst[j] = src[j];
    }

    private static void CopyTile<T>(T* src, nint rsS, nint csS, T* dst, nint rsD, nint csD, int rows, int cols) where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) dst[r * rsD + j * csD] = src[r * rsS + j * csS];
    }

    private static void Clear<T>(T* c, nint rsC, nint csC, int m, int n) where T : unmanaged
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[i * rsC + j * csC] = default;
    }

    /// <summary>Per-thread pinned scratch arrays, one per element type.</summary>
    private static class Scratch<T> where T : unmanaged
    {
        [ThreadStatic] private static T[]? t_scratch;

        /// <summary>The calling thread's scratch array, grown to at least <paramref name="length"/> elements.</summary>
        public static T* Get(nint length)
        {
            var s = t_scratch;
            if (s == null || s.Length < length)
                t_scratch = s = GC.AllocateUninitializedArray<T>((int)Math.Max(length, 2 * (s?.Length ?? 0)), pinned: true);
            return (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s));
        }
    }
}
