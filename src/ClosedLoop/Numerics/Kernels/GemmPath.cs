namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// Which instruction set the <see cref="Gemm"/> products run on. <see cref="Auto"/> picks the widest one the
/// machine accelerates (AVX-512, then AVX2+FMA, then the portable scalar kernel). Tests and benchmarks force a
/// path through <c>Gemm.Path</c>; production code never needs to.
/// </summary>
internal enum GemmPath
{
    /// <summary>The widest path the machine supports.</summary>
    Auto = 0,

    /// <summary>Portable scalar kernels (fused multiply–add where the hardware has it).</summary>
    Scalar = 1,

    /// <summary>256-bit kernels (x64 AVX2 + FMA3).</summary>
    Avx2 = 2,

    /// <summary>512-bit kernels (x64 AVX-512F), used only where <c>Vector512.IsHardwareAccelerated</c>.</summary>
    Avx512 = 3,
}
