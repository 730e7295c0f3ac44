using BenchmarkDotNet.Attributes;
using ClosedLoop.Numerics;
using ClosedLoop.Numerics.Kernels;

namespace ClosedLoop.Bench.Kernels;

/// <summary>The instruction-set paths of <see cref="Gemm"/>, public for BenchmarkDotNet's parameter display.</summary>
public enum KernelPath { Auto, Scalar, Avx2, Avx512 }

/// <summary>One product shape of the training engine: C (m×n) = op(A)·op(B) with inner dimension k.</summary>
public sealed record GemmShape(string Op, int M, int K, int N) : IFlopCount
{
    public double Flops => 2.0 * M * K * N;

    public override string ToString() => $"{Op} {M}x{K}x{N}";

    public void Run<T>(T[] a, T[] b, T[] c) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        switch (Op)
        {
            case "AB": Gemm.AB(a, b, c, M, K, N, accumulate: false); break;
            case "AtB": Gemm.AtB(a, b, c, M, K, N, accumulate: false); break;
            default: Gemm.ABt(a, b, c, M, K, N, accumulate: false); break;
        }
    }
}

/// <summary>
/// The engine's products with the default (Auto) path. Forward H·W is AB 100x100x100, backward G·Wᵀ is ABt
/// 100x100x100, the stacked weight gradient Hᵀ·G over T·S rows is AtB 100x5000x100 (T = 50) and 100x30000x100;
/// small-S rollouts give 8x100x100 and 2x100x100; plant and readout products give the narrow shapes.
/// </summary>
[Config(typeof(KernelConfig))]
public class GemmBenchmarks
{
    private double[] _a = [], _b = [], _c = [];

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = new("AB", 1, 1, 1);

    /// <summary>The instruction set; <see cref="GemmPathBenchmarks"/> varies it.</summary>
    public KernelPath Path { get; set; }

    public static IEnumerable<GemmShape> Shapes =>
    [
        new("AB", 100, 100, 100), new("ABt", 100, 100, 100), new("AtB", 100, 5000, 100), new("AtB", 100, 30000, 100),
        new("AB", 8, 100, 100), new("ABt", 8, 100, 100), new("AB", 2, 100, 100), new("ABt", 2, 100, 100),
        new("AB", 100, 100, 1), new("AB", 100, 1, 100), new("AB", 100, 100, 4), new("ABt", 100, 2, 2), new("AB", 2, 2, 2),
    ];

    public static IEnumerable<KernelPath> Paths =>
        Enum.GetValues<KernelPath>().Where(p => Gemm.IsSupported((GemmPath)p));

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomStream(42);
        _a = new double[Shape.M * Shape.K];
        _b = new double[Shape.K * Shape.N];
        _c = new double[Shape.M * Shape.N];
        rng.FillUniform(_a, -1, 1);
        rng.FillUniform(_b, -1, 1);
        Gemm.Path = (GemmPath)Path;
    }

    [Benchmark]
    public void Product() => Shape.Run(_a, _b, _c);
}

/// <summary>The main engine shapes on every instruction-set path this machine supports.</summary>
[Config(typeof(KernelConfig))]
public class GemmPathBenchmarks
{
    private readonly GemmBenchmarks _inner = new();

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = new("AB", 1, 1, 1);

    [ParamsSource(nameof(Paths))]
    public KernelPath Path { get; set; }

    public static IEnumerable<GemmShape> Shapes => GemmBenchmarks.Shapes.Take(6);

    public static IEnumerable<KernelPath> Paths => GemmBenchmarks.Paths;

    [GlobalSetup]
    public void Setup()
    {
        _inner.Shape = Shape;
        _inner.Path = Path;
        _inner.Setup();
    }

    [Benchmark]
    public void Product() => _inner.Product();
}
