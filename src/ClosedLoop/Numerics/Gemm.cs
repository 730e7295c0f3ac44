using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClosedLoop.Numerics.Kernels;

namespace ClosedLoop.Numerics;

/// <summary>
/// Dense matrix products on row-major spans of double or float (the element type T of the training engine;
/// docs/engine.md "Precision"). Every method computes <c>C = op(A)·op(B)</c>, or adds it to
/// <c>C</c> when <c>accumulate</c> is true. Shapes are given as the shape of the product: <c>C</c> is m×n and
/// the inner dimension is k. Spans may be longer than needed (only the leading elements are used); C must not
/// overlap A or B. No heap allocation, no threads.
/// </summary>
/// <remarks>
/// <para>The products run on register-blocked micro-kernels (AVX-512, AVX2+FMA or portable scalar; see
/// <c>docs/performance-kernels.md</c>). In the training engine they are the forward <c>H·W</c> (AB), the backward
/// <c>G·Wᵀ</c> (ABt) and the stacked weight gradient <c>Hᵀ·G</c> over all time steps (AtB).</para>
/// <para>Rounding: each element of C is one fused multiply–add chain over p = 0..k−1 in ascending order, started
/// from C (accumulate) or from 0. The result is therefore the same bytes on every call, for any span alignment, and
/// the same on the AVX-512, AVX2 and scalar paths of any machine with hardware FMA. Only a processor without FMA
/// (where the scalar path rounds the product and the sum separately) gives different last bits.</para>
/// </remarks>
public static class Gemm
{
    [ThreadStatic] private static GemmPath t_path;

    /// <summary>
    /// The instruction set used by products on the calling thread (default <see cref="GemmPath.Auto"/>). Thread-local
    /// so a test forcing a path does not affect other threads. Setting a path the machine lacks throws.
    /// </summary>
    internal static GemmPath Path
    {
        get => t_path;
        set
        {
            if (!IsSupported(value))
                throw new ArgumentException($"Gemm.Path = {value} is not supported on this machine; allowed: {string.Join(", ", SupportedPaths)}", nameof(value));
            t_path = value;
        }
    }

    /// <summary>The paths this machine can run (always Auto and Scalar).</summary>
    internal static IReadOnlyList<GemmPath> SupportedPaths =>
        Enum.GetValues<GemmPath>().Where(IsSupported).ToArray();

    /// <summary>The path <see cref="GemmPath.Auto"/> resolves to on this machine.</summary>
    internal static GemmPath BestPath =>
        IsSupported(GemmPath.Avx512) ? GemmPath.Avx512 : IsSupported(GemmPath.Avx2) ? GemmPath.Avx2 : GemmPath.Scalar;

    internal static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Auto or GemmPath.Scalar => true,
        GemmPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmPath.Avx512 => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Fma.IsSupported,
        _ => false,
    };

    /// <summary>C (m×n) (+)= A (m×k, row-major) · B (k×n, row-major).</summary>
    public static unsafe void AB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(nameof(AB), a.Length, b.Length, c.Length, m, k, n);
        fixed (T* pa = a, pb = b, pc = c)
            Run(pa, k, 1, pb, n, 1, pc, n, 1, m, k, n, accumulate);
    }

    /// <summary>C (m×n) (+)= Aᵀ · B with A stored k×m and B stored k×n (both row-major).</summary>
    public static unsafe void AtB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(nameof(AtB), a.Length, b.Length, c.Length, m, k, n);
        fixed (T* pa = a, pb = b, pc = c)
            Run(pa, 1, m, pb, n, 1, pc, n, 1, m, k, n, accumulate);
    }

    /// <summary>C (m×n) (+)= A · Bᵀ with A stored m×k and B stored n×k (both row-major).</summary>
    public static unsafe void ABt<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(nameof(ABt), a.Length, b.Length, c.Length, m, k, n);
        fixed (T* pa = a, pb = b, pc = c)
        {
            // B would have to be transposed into panels (n·k copies); with few rows in A, computing Cᵀ = B·Aᵀ
            // transposes the smaller A instead (m·k copies) and writes C through the transposed tile.
            if (m < n && (long)m * (k + 2L * n) < (long)n * k)
                Run(pb, k, 1, pa, 1, k, pc, 1, n, n, k, m, accumulate);
            else
                Run(pa, k, 1, pb, 1, k, pc, n, 1, m, k, n, accumulate);
        }
    }

    /// <summary>y += s·x (y at least as long as x; each element one fused multiply–add where the hardware has FMA).</summary>
    public static void Axpy<T>(T s, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => VectorOps.Axpy(s, x, y);

    /// <summary>Dot product of two spans (y at least as long as x; the sum runs over x's length).</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T> => VectorOps.Dot(x, y);

    /// <summary>Products with at most this many multiply–adds skip the blocked driver (call overhead dominates).</summary>
    private const long TinyWork = 256;

    /// <summary>Single-column products with at least this many rows run transposed (a single row of vector lanes).</summary>
    private const int TransposeSingleColumn = 8;

    private static unsafe void Run<T>(T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC,
        int m, int k, int n, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var path = t_path;
        if (path == GemmPath.Auto)
        {
            // Every path gives the same bits (one FMA chain per element), so Auto may pick per shape.
            if ((long)m * k * n <= TinyWork)
            {
                RunTiny(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate);
                return;
            }

            // A single output column gains nothing from vectors, a single output row does: C (m×1) = Aᵀ·B with A stored
            // k×m (the weight gradient of a one-output readout) is computed as Cᵀ (1×m) = Bᵀ·A, whose second operand is
            // then row-major, through the strides: the same FMA chain per element, so the same bits.
            if (n == 1 && rsA == 1 && m >= TransposeSingleColumn)
            {
                Run(b, csB, rsB, a, csA, rsA, c, csC, rsC, n, k, m, accumulate);
                return;
            }

            path = AutoPath(k, n, Vector256<T>.Count);
        }

        // The ragged column edge goes to the family whose vectors hold 4 elements: 256-bit for double, 128-bit for
        // float (n = 100 = 4·24 + 4 in double, 2·48 + 4 in float: no padding either way).
        bool dbl = typeof(T) == typeof(double);
        switch (path)
        {
            case GemmPath.Avx512 when dbl: GemmDriver.Run<T, Avx512Kernels<T>, Avx2Kernels<T>>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate); break;
            case GemmPath.Avx512: GemmDriver.Run<T, Avx512Kernels<T>, Avx128Kernels<T>>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate); break;
            case GemmPath.Avx2 when dbl: GemmDriver.Run<T, Avx2Kernels<T>, Avx2Kernels<T>>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate); break;
            case GemmPath.Avx2: GemmDriver.Run<T, Avx2Kernels<T>, Avx128Kernels<T>>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate); break;
            default: GemmDriver.Run<T, ScalarKernels<T>, ScalarKernels<T>>(a, rsA, csA, b, rsB, csB, c, rsC, csC, m, k, n, accumulate); break;
        }
    }

    /// <summary>
    /// The path for an output n columns wide with inner dimension k, for 256-bit vectors of <paramref name="lanes"/>
    /// elements: a single column gains nothing from vectors (scalar); 2–3 columns fill half a 256-bit vector of
    /// doubles, which pays only for deep products (k ≥ 16) because the ragged tile goes through a copy; up to one
    /// 256-bit vector of columns (4 doubles, 8 floats) fits it better than one 512-bit vector; wider products take the
    /// widest path.
    /// </summary>
    private static GemmPath AutoPath(int k, int n, int lanes)
    {
        if (n == 1 || (n < 4 && k < 16)) return GemmPath.Scalar;
        if (n <= lanes && IsSupported(GemmPath.Avx2)) return GemmPath.Avx2;
        return BestPath;
    }

    private static unsafe void RunTiny<T>(T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC,
        int m, int k, int n, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            T* ai = a + i * rsA;
            for (int j = 0; j < n; j++)
            {
                T* cij = c + i * rsC + j * csC, ap = ai, bp = b + j * csB;
                T sum = accumulate ? *cij : T.Zero;
                for (int p = 0; p < k; p++, ap += csA, bp += rsB) sum = Fused.MultiplyAdd(*ap, *bp, sum);
                *cij = sum;
            }
        }
    }

    private static void CheckShapes(string op, int la, int lb, int lc, int m, int k, int n)
    {
        if (m < 0) throw new ArgumentException($"Gemm.{op}: m = {m} must be >= 0", nameof(m));
        if (k < 0) throw new ArgumentException($"Gemm.{op}: k = {k} must be >= 0", nameof(k));
        if (n < 0) throw new ArgumentException($"Gemm.{op}: n = {n} must be >= 0", nameof(n));
        long ea = (long)m * k, eb = (long)k * n, ec = (long)m * n;
        if (la < ea) throw new ArgumentException($"Gemm.{op}: span a has {la} elements, needs at least m·k = {ea} (m={m}, k={k})", "a");
        if (lb < eb) throw new ArgumentException($"Gemm.{op}: span b has {lb} elements, needs at least k·n = {eb} (k={k}, n={n})", "b");
        if (lc < ec) throw new ArgumentException($"Gemm.{op}: span c has {lc} elements, needs at least m·n = {ec} (m={m}, n={n})", "c");
    }
}
