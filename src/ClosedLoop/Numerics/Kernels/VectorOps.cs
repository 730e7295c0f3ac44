using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// Level-1 kernels behind <see cref="Gemm.Axpy"/> and <see cref="Gemm.Dot"/>, for double and float. Axpy rounds each
/// element once (fused) where the hardware has FMA, so it matches the matrix kernels bit for bit. Dot sums in four
/// 256-bit accumulators (16 double or 32 float partial sums) combined in a fixed order: the same bytes on every call on
/// one machine, but not the same bits as a sequential sum.
/// </summary>
internal static class VectorOps
{
    public static void Axpy<T>(T s, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Gemm.Axpy: y has {y.Length} elements, needs at least x.Length = {x.Length}", nameof(y));
        int n = x.Length, i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        if (Fma.IsSupported)
        {
            var vs = Vector256.Create(s);
            for (int w = Vector256<T>.Count; i <= n - w; i += w)
            {
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                Fused.MultiplyAdd(vs, Vector256.LoadUnsafe(ref xr, (nuint)i), yv).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < n; i++) Unsafe.Add(ref yr, i) = Fused.MultiplyAdd(s, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Gemm.Dot: y has {y.Length} elements, needs at least x.Length = {x.Length}", nameof(y));
        int n = x.Length, i = 0, w = Vector256<T>.Count;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        T sum = T.Zero;
        if (Fma.IsSupported && n >= 4 * w)
        {
            Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                s0 = Fused.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), s0);
                s1 = Fused.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + w)), Vector256.LoadUnsafe(ref yr, (nuint)(i + w)), s1);
                s2 = Fused.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 2 * w)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 2 * w)), s2);
                s3 = Fused.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 3 * w)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 3 * w)), s3);
            }

            sum = PairwiseSum((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++) sum = Fused.MultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        return sum;
    }

    /// <summary>The lanes summed pairwise in a fixed order: (e0 + e1) + (e2 + e3), and for 8 lanes that plus (e4 + e5) + (e6 + e7).</summary>
    private static T PairwiseSum<T>(Vector256<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T low = (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));
        if (Vector256<T>.Count == 4) return low;
        return low + ((t.GetElement(4) + t.GetElement(5)) + (t.GetElement(6) + t.GetElement(7)));
    }
}
