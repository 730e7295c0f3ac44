using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// Level-1 kernels behind <see cref="Gemm.Axpy"/> and <see cref="Gemm.Dot"/>. Axpy rounds each element once
/// (fused) where the hardware has FMA, so it matches the matrix kernels bit for bit. Dot sums in 16 partial sums
/// (four 256-bit accumulators) combined in a fixed order: the same bytes on every call on one machine, but not the
/// same bits as a sequential sum.
/// </summary>
internal static class VectorOps
{
    public static void Axpy(double s, ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Gemm.Axpy: y has {y.Length} elements, needs at least x.Length = {x.Length}", nameof(y));
        int n = x.Length, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        if (Fma.IsSupported)
        {
            var vs = Vector256.Create(s);
            for (; i <= n - 4; i += 4)
            {
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                Fma.MultiplyAdd(vs, Vector256.LoadUnsafe(ref xr, (nuint)i), yv).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < n; i++) Unsafe.Add(ref yr, i) = Fused.MultiplyAdd(s, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Gemm.Dot: y has {y.Length} elements, needs at least x.Length = {x.Length}", nameof(y));
        int n = x.Length, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        double sum = 0;
        if (Fma.IsSupported && n >= 16)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 16; i += 16)
            {
                s0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), s0);
                s1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 4)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 4)), s1);
                s2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 8)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 8)), s2);
                s3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 12)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 12)), s3);
            }

            var t = (s0 + s1) + (s2 + s3);
            sum = (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));
        }

        for (; i < n; i++) sum = Fused.MultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        return sum;
    }
}
