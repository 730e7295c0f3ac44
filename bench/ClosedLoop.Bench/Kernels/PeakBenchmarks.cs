using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace ClosedLoop.Bench.Kernels;

/// <summary>The flop count of one peak-probe invocation.</summary>
public sealed record FmaWork(int Iterations, int Chains, int Lanes) : IFlopCount
{
    public double Flops => 2.0 * Iterations * Chains * Lanes;

    public override string ToString() => $"{Chains} chains x {Lanes} lanes";
}

/// <summary>
/// Measured single-core float64 peak: independent fused multiply–add chains with no memory traffic (12 ymm chains,
/// and 24 zmm chains where AVX-512 is accelerated). The kernel efficiencies in docs/performance-kernels.md are
/// relative to this number.
/// </summary>
[Config(typeof(KernelConfig))]
public class PeakBenchmarks
{
    private const int Iterations = 100_000;

    public static IEnumerable<FmaWork> Works =>
        Vector512.IsHardwareAccelerated ? [new(Iterations, 12, 4), new(Iterations, 24, 8)] : [new(Iterations, 12, 4)];

    [ParamsSource(nameof(Works))]
    public FmaWork Work { get; set; } = new(Iterations, 12, 4);

    [Benchmark]
    public double FmaChains() => Work.Lanes == 8 ? Zmm(Iterations, 1.0, 0.9999999, 1e-9) : Ymm(Iterations, 1.0, 0.9999999, 1e-9);

    /// <summary>The float32 peak of one core: 24 independent zmm chains (12 ymm without AVX-512), best of 200 samples, in GFLOP/s.</summary>
    public static double SinglePeakGflops()
    {
        double s = CpuTimer.BestSecondsPerCall(() => s_sink += Vector512.IsHardwareAccelerated
            ? Zmm(Iterations, 1f, 0.9999999f, 1e-9f) : Ymm(Iterations, 1f, 0.9999999f, 1e-9f), 1, 200);
        return 2.0 * Iterations * (Vector512.IsHardwareAccelerated ? 24 * 16 : 12 * 8) / s / 1e9;
    }

    /// <summary>What <see cref="SinglePeakGflops"/> runs on this machine.</summary>
    public static string SinglePeakChains => Vector512.IsHardwareAccelerated ? "24 independent zmm FMA chains" : "12 independent ymm FMA chains";

    private static float s_sink;

    /// <summary>12 independent ymm chains a ← a·m + z of element type T (double or float).</summary>
    private static T Ymm<T>(int iterations, T one, T factor, T offset) where T : unmanaged, INumber<T>
    {
        if (!Fma.IsSupported) return T.Zero;
        var m = Vector256.Create(factor);
        var z = Vector256.Create(offset);
        var a0 = Vector256.Create(one);
        Vector256<T> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma256(a0, m, z); a1 = Fma256(a1, m, z); a2 = Fma256(a2, m, z); a3 = Fma256(a3, m, z);
            a4 = Fma256(a4, m, z); a5 = Fma256(a5, m, z); a6 = Fma256(a6, m, z); a7 = Fma256(a7, m, z);
            a8 = Fma256(a8, m, z); a9 = Fma256(a9, m, z); a10 = Fma256(a10, m, z); a11 = Fma256(a11, m, z);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>24 independent zmm chains a ← a·m + z of element type T (double or float).</summary>
    private static T Zmm<T>(int iterations, T one, T factor, T offset) where T : unmanaged, INumber<T>
    {
        var m = Vector512.Create(factor);
        var z = Vector512.Create(offset);
        var a0 = Vector512.Create(one);
        Vector512<T> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<T> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0, b8 = a0, b9 = a0, b10 = a0, b11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma512(a0, m, z); a1 = Fma512(a1, m, z); a2 = Fma512(a2, m, z); a3 = Fma512(a3, m, z);
            a4 = Fma512(a4, m, z); a5 = Fma512(a5, m, z); a6 = Fma512(a6, m, z); a7 = Fma512(a7, m, z);
            a8 = Fma512(a8, m, z); a9 = Fma512(a9, m, z); a10 = Fma512(a10, m, z); a11 = Fma512(a11, m, z);
            b0 = Fma512(b0, m, z); b1 = Fma512(b1, m, z); b2 = Fma512(b2, m, z); b3 = Fma512(b3, m, z);
            b4 = Fma512(b4, m, z); b5 = Fma512(b5, m, z); b6 = Fma512(b6, m, z); b7 = Fma512(b7, m, z);
            b8 = Fma512(b8, m, z); b9 = Fma512(b9, m, z); b10 = Fma512(b10, m, z); b11 = Fma512(b11, m, z);
        }

        var s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11;
        return Vector512.Sum(s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma256<T>(Vector256<T> a, Vector256<T> m, Vector256<T> z) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Fma.MultiplyAdd(a.AsSingle(), m.AsSingle(), z.AsSingle()).As<float, T>()
            : Fma.MultiplyAdd(a.AsDouble(), m.AsDouble(), z.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma512<T>(Vector512<T> a, Vector512<T> m, Vector512<T> z) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Avx512F.FusedMultiplyAdd(a.AsSingle(), m.AsSingle(), z.AsSingle()).As<float, T>()
            : Avx512F.FusedMultiplyAdd(a.AsDouble(), m.AsDouble(), z.AsDouble()).As<double, T>();
}
