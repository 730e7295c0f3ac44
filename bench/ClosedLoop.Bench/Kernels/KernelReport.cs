using System.Globalization;
using System.Numerics.Tensors;
using ClosedLoop.Numerics;
using ClosedLoop.Numerics.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace ClosedLoop.Bench.Kernels;

/// <summary>
/// A fast, noise-tolerant report of every kernel number in docs/performance-kernels.md (run with
/// <c>-- --kernel-report</c>): best-of-many thread-CPU-time samples instead of BenchmarkDotNet's wall-clock
/// statistics, so it stays meaningful while other jobs share the machine. Prints Markdown tables.
/// </summary>
internal static class KernelReport
{
    private const int Samples = 100;

    /// <summary>Results are stored here so the JIT cannot discard a pure computation as dead code.</summary>
    private static double s_sink;

    /// <summary>Prints the sections named in <paramref name="sections"/> ("gemm", "single", "eigen", "tanh"; all when empty; "gemm" includes "single").</summary>
    public static void Run(IReadOnlyCollection<string> sections)
    {
        bool All(string name) => sections.Count == 0 || sections.Contains(name);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"timer: {(CpuTimer.MeasuresThreadCpuTime ? "thread CPU time" : "wall time")}, best of {Samples} samples");
        if (All("gemm")) Products(inv);
        Gemm.Path = GemmPath.Auto;
        if (All("gemm") || All("single")) SingleProducts(inv);
        if (All("eigen")) Eigen(inv);
        if (All("tanh")) Tanh(inv);
    }

    private static void Products(CultureInfo inv)
    {
        double peak = PeakGflops();
        Console.WriteLine(string.Format(inv, "measured single-core peak (independent FMA chains): {0:F1} GFLOP/s\n", peak));
        Console.WriteLine("| product | path | µs | GFLOP/s | % of peak |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var shape in GemmBenchmarks.Shapes)
            foreach (var path in GemmBenchmarks.Paths)
            {
                var bench = new GemmBenchmarks { Shape = shape, Path = path };
                bench.Setup();
                int calls = (int)Math.Max(1, 4e6 / shape.Flops);
                double s = CpuTimer.BestSecondsPerCall(bench.Product, calls, Samples);
                Console.WriteLine(string.Format(inv, "| {0} | {1} | {2:F3} | {3:F1} | {4:F0} |", shape, path, s * 1e6, shape.Flops / s / 1e9, 100 * shape.Flops / s / 1e9 / peak));
            }
    }

    /// <summary>The engine's products in float (single precision) on the Auto path, against the float FMA peak.</summary>
    private static void SingleProducts(CultureInfo inv)
    {
        double peak = PeakBenchmarks.SinglePeakGflops();
        Console.WriteLine(string.Format(inv, "\nmeasured single-core float32 peak ({0}): {1:F1} GFLOP/s\n", PeakBenchmarks.SinglePeakChains, peak));
        Console.WriteLine("| float product | path | µs | GFLOP/s | % of float peak |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var rng = new RandomStream(43);
        foreach (var shape in GemmBenchmarks.Shapes.Concat([new GemmShape("AB", 50, 100, 100), new GemmShape("AtB", 100, 2450, 100), new GemmShape("AtB", 100, 2450, 1)]))
        {
            float[] Fill(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
            var a = Fill(shape.M * shape.K);
            var b = Fill(shape.K * shape.N);
            var c = new float[shape.M * shape.N];
            int calls = (int)Math.Max(1, 4e6 / shape.Flops);
            double s = CpuTimer.BestSecondsPerCall(() => shape.Run(a, b, c), calls, Samples);
            Console.WriteLine(string.Format(inv, "| {0} | Auto | {1:F3} | {2:F1} | {3:F0} |", shape, s * 1e6, shape.Flops / s / 1e9, 100 * shape.Flops / s / 1e9 / peak));
        }
    }

    private static double PeakGflops()
    {
        double best = 0;
        foreach (var work in PeakBenchmarks.Works)
        {
            var bench = new PeakBenchmarks { Work = work };
            double s = CpuTimer.BestSecondsPerCall(() => s_sink += bench.FmaChains(), 1, 200);
            best = Math.Max(best, work.Flops / s / 1e9);
        }

        return best;
    }

    private static void Eigen(CultureInfo inv)
    {
        Console.WriteLine("\n| eigenvalues | RealEigen ms | MathNet Evd ms | speed-up |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var c in new[] { "random 5", "random 102", "rank-1 joint 102", "random 150", "random 400" })
        {
            var bench = new EigenBenchmarks { Case = c };
            bench.Setup();
            int samples = c.EndsWith("400") ? 5 : 20;
            double ours = CpuTimer.BestSecondsPerCall(() => s_sink += bench.RealEigenValues()[0].Real, 1, samples);
            double theirs = CpuTimer.BestSecondsPerCall(() => s_sink += bench.MathNetEvd()[0].Real, 1, samples);
            Console.WriteLine(string.Format(inv, "| {0} | {1:F3} | {2:F3} | {3:F1}x |", c, ours * 1e3, theirs * 1e3, theirs / ours));
        }
    }

    private static void Tanh(CultureInfo inv)
    {
        const int n = 10_000;
        var x = new double[n];
        var y = new double[n];
        new RandomStream(3).FillUniform(x, -3, 3);
        (string Name, Action Run)[] cases =
        [
            ("Math.Tanh loop", () => { for (int i = 0; i < n; i++) y[i] = Math.Tanh(x[i]); }),
            ("TensorPrimitives.Tanh", () => TensorPrimitives.Tanh<double>(x, y)),
            ("FastMath.Tanh", () => FastMath.Tanh(x, y)),
        ];
        var xf = x.Select(v => (float)v).ToArray();
        var yf = new float[n];
        double sf = CpuTimer.BestSecondsPerCall(() => FastMath.Tanh(xf, yf), 2, Samples);
        Console.WriteLine(string.Format(inv, "\nFastMath.Tanh in float: {0:F2} ns / element; max ulp vs the rounded Math.Tanh on [−3, 3]: {1}", sf / n * 1e9, MaxUlpSingle()));
        Console.WriteLine("\n| tanh of 10 000 values in [−3, 3] | ns / element | max ulp vs Math.Tanh on [−3, 3] | max ulp for tiny x (1e−300..1e−2) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, run) in cases)
        {
            double s = CpuTimer.BestSecondsPerCall(run, 2, Samples);
            Console.WriteLine(string.Format(inv, "| {0} | {1:F2} | {2} | {3} |", name, s / n * 1e9, MaxUlp(name, -3, 3, linear: true), MaxUlp(name, 1e-300, 1e-2, linear: false)));
        }
    }

    private static int MaxUlpSingle()
    {
        const int n = 200_000;
        var x = Enumerable.Range(0, n).Select(i => -3f + 6f * i / (n - 1)).ToArray();
        var y = new float[n];
        FastMath.Tanh(x, y);
        return Enumerable.Range(0, n).Max(i => Math.Abs(BitConverter.SingleToInt32Bits(y[i]) - BitConverter.SingleToInt32Bits((float)Math.Tanh(x[i]))));
    }

    private static long MaxUlp(string name, double lo, double hi, bool linear)
    {
        const int n = 200_000;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = linear ? lo + (hi - lo) * i / (n - 1) : lo * Math.Pow(hi / lo, i / (n - 1.0));
        var y = new double[n];
        switch (name)
        {
            case "TensorPrimitives.Tanh": TensorPrimitives.Tanh<double>(x, y); break;
            case "FastMath.Tanh": FastMath.Tanh(x, y); break;
            default: for (int i = 0; i < n; i++) y[i] = Math.Tanh(x[i]); break;
        }

        long worst = 0;
        for (int i = 0; i < n; i++)
            worst = Math.Max(worst, Math.Abs(BitConverter.DoubleToInt64Bits(y[i]) - BitConverter.DoubleToInt64Bits(Math.Tanh(x[i]))));
        return worst;
    }
}
