using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using ClosedLoop.Numerics;

namespace ClosedLoop.Bench.Kernels;

/// <summary>
/// tanh over a batch of pre-activations (10 000 values uniform on [−3, 3]); times are per element
/// (OperationsPerInvoke). Compares the scalar Math.Tanh loop, TensorPrimitives.Tanh (System.Numerics.Tensors
/// 10.0.15) and FastMath.Tanh.
/// </summary>
[Config(typeof(KernelConfig))]
public class TanhBenchmarks
{
    private const int Count = 10_000;
    private readonly double[] _x = new double[Count];
    private readonly double[] _y = new double[Count];

    [GlobalSetup]
    public void Setup() => new RandomStream(3).FillUniform(_x, -3, 3);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void MathTanhLoop()
    {
        for (int i = 0; i < Count; i++) _y[i] = Math.Tanh(_x[i]);
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void TensorPrimitivesTanh() => TensorPrimitives.Tanh<double>(_x, _y);

    [Benchmark(OperationsPerInvoke = Count)]
    public void FastMathTanh() => FastMath.Tanh(_x, _y);
}
