using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>Scalar multiply–add used by the portable kernels.</summary>
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
    public static double MultiplyAdd(double x, double y, double z) =>
        IsHardwareAccelerated ? Math.FusedMultiplyAdd(x, y, z) : x * y + z;
}
