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
    public double FmaChains() => Work.Lanes == 8 ? Zmm() : Ymm();

    private static double Ymm()
    {
        if (!Fma.IsSupported) return 0;
        var m = Vector256.Create(0.9999999);
        var z = Vector256.Create(1e-9);
        var a0 = Vector256.Create(1.0);
        Vector256<double> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, z); a1 = Fma.MultiplyAdd(a1, m, z); a2 = Fma.MultiplyAdd(a2, m, z);
            a3 = Fma.MultiplyAdd(a3, m, z); a4 = Fma.MultiplyAdd(a4, m, z); a5 = Fma.MultiplyAdd(a5, m, z);
            a6 = Fma.MultiplyAdd(a6, m, z); a7 = Fma.MultiplyAdd(a7, m, z); a8 = Fma.MultiplyAdd(a8, m, z);
            a9 = Fma.MultiplyAdd(a9, m, z); a10 = Fma.MultiplyAdd(a10, m, z); a11 = Fma.MultiplyAdd(a11, m, z);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    private static double Zmm()
    {
        var m = Vector512.Create(0.9999999);
        var z = Vector512.Create(1e-9);
        var a0 = Vector512.Create(1.0);
        Vector512<double> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<double> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0, b8 = a0, b9 = a0, b10 = a0, b11 = a0;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, z); a1 = Avx512F.FusedMultiplyAdd(a1, m, z); a2 = Avx512F.FusedMultiplyAdd(a2, m, z);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, z); a4 = Avx512F.FusedMultiplyAdd(a4, m, z); a5 = Avx512F.FusedMultiplyAdd(a5, m, z);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, z); a7 = Avx512F.FusedMultiplyAdd(a7, m, z); a8 = Avx512F.FusedMultiplyAdd(a8, m, z);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, z); a10 = Avx512F.FusedMultiplyAdd(a10, m, z); a11 = Avx512F.FusedMultiplyAdd(a11, m, z);
            b0 = Avx512F.FusedMultiplyAdd(b0, m, z); b1 = Avx512F.FusedMultiplyAdd(b1, m, z); b2 = Avx512F.FusedMultiplyAdd(b2, m, z);
            b3 = Avx512F.FusedMultiplyAdd(b3, m, z); b4 = Avx512F.FusedMultiplyAdd(b4, m, z); b5 = Avx512F.FusedMultiplyAdd(b5, m, z);
            b6 = Avx512F.FusedMultiplyAdd(b6, m, z); b7 = Avx512F.FusedMultiplyAdd(b7, m, z); b8 = Avx512F.FusedMultiplyAdd(b8, m, z);
            b9 = Avx512F.FusedMultiplyAdd(b9, m, z); b10 = Avx512F.FusedMultiplyAdd(b10, m, z); b11 = Avx512F.FusedMultiplyAdd(b11, m, z);
        }

        var s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11;
        return Vector512.Sum(s);
    }

    /// <summary>The float32 peak of one core: 24 independent zmm chains (12 ymm without AVX-512), best of 200 samples, in GFLOP/s.</summary>
    public static double SinglePeakGflops()
    {
        const int iterations = 100_000;
        double s = CpuTimer.BestSecondsPerCall(() => s_sink += Vector512.IsHardwareAccelerated ? ZmmSingle(iterations) : YmmSingle(iterations), 1, 200);
        return 2.0 * iterations * (Vector512.IsHardwareAccelerated ? 24 * 16 : 12 * 8) / s / 1e9;
    }

    /// <summary>What <see cref="SinglePeakGflops"/> runs on this machine.</summary>
    public static string SinglePeakChains => Vector512.IsHardwareAccelerated ? "24 independent zmm FMA chains" : "12 independent ymm FMA chains";

    private static float s_sink;

    private static float ZmmSingle(int iterations)
    {
        var m = Vector512.Create(0.9999999f);
        var z = Vector512.Create(1e-9f);
        var a0 = Vector512.Create(1f);
        Vector512<float> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<float> b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0, b8 = a0, b9 = a0, b10 = a0, b11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, z); a1 = Avx512F.FusedMultiplyAdd(a1, m, z); a2 = Avx512F.FusedMultiplyAdd(a2, m, z);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, z); a4 = Avx512F.FusedMultiplyAdd(a4, m, z); a5 = Avx512F.FusedMultiplyAdd(a5, m, z);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, z); a7 = Avx512F.FusedMultiplyAdd(a7, m, z); a8 = Avx512F.FusedMultiplyAdd(a8, m, z);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, z); a10 = Avx512F.FusedMultiplyAdd(a10, m, z); a11 = Avx512F.FusedMultiplyAdd(a11, m, z);
            b0 = Avx512F.FusedMultiplyAdd(b0, m, z); b1 = Avx512F.FusedMultiplyAdd(b1, m, z); b2 = Avx512F.FusedMultiplyAdd(b2, m, z);
            b3 = Avx512F.FusedMultiplyAdd(b3, m, z); b4 = Avx512F.FusedMultiplyAdd(b4, m, z); b5 = Avx512F.FusedMultiplyAdd(b5, m, z);
            b6 = Avx512F.FusedMultiplyAdd(b6, m, z); b7 = Avx512F.FusedMultiplyAdd(b7, m, z); b8 = Avx512F.FusedMultiplyAdd(b8, m, z);
            b9 = Avx512F.FusedMultiplyAdd(b9, m, z); b10 = Avx512F.FusedMultiplyAdd(b10, m, z); b11 = Avx512F.FusedMultiplyAdd(b11, m, z);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11);
    }

    private static float YmmSingle(int iterations)
    {
        if (!Fma.IsSupported) return 0;
        var m = Vector256.Create(0.9999999f);
        var z = Vector256.Create(1e-9f);
        var a0 = Vector256.Create(1f);
        Vector256<float> a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, z); a1 = Fma.MultiplyAdd(a1, m, z); a2 = Fma.MultiplyAdd(a2, m, z);
            a3 = Fma.MultiplyAdd(a3, m, z); a4 = Fma.MultiplyAdd(a4, m, z); a5 = Fma.MultiplyAdd(a5, m, z);
            a6 = Fma.MultiplyAdd(a6, m, z); a7 = Fma.MultiplyAdd(a7, m, z); a8 = Fma.MultiplyAdd(a8, m, z);
            a9 = Fma.MultiplyAdd(a9, m, z); a10 = Fma.MultiplyAdd(a10, m, z); a11 = Fma.MultiplyAdd(a11, m, z);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
