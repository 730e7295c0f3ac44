using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>Fused multiply–add of one element type T (double or float), scalar and vector, used by every kernel.</summary>
internal static class Fused
{
    /// <summary>True when the processor has a fused multiply–add instruction (x64 FMA3 or Arm64).</summary>
    public static bool IsHardwareAccelerated => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>
    /// x·y + z, rounded once (fused) when the hardware has FMA, so the portable path gives the same bits as the
    /// vector paths; on a processor without FMA a software fused operation would be very slow, so it rounds
    /// twice instead (the result then differs in the last bits from machines with FMA).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T x, T y, T z) where T : IFloatingPointIeee754<T> =>
        IsHardwareAccelerated ? T.FusedMultiplyAdd(x, y, z) : x * y + z;

    /// <summary>x·y + z lane by lane, rounded once (FMA3 on xmm registers; the caller checks <see cref="Fma.IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> x, Vector128<T> y, Vector128<T> z) where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>()
            : Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();

    /// <summary>x·y + z lane by lane, rounded once (AVX2 + FMA3; the caller checks <see cref="Fma.IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z) where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>()
            : Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();

    /// <summary>x·y + z lane by lane, rounded once (AVX-512F; the caller checks <see cref="Avx512F.IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>()
            : Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
}
