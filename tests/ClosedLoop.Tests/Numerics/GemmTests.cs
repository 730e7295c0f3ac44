using ClosedLoop.Numerics;
using ClosedLoop.Numerics.Kernels;

namespace ClosedLoop.Tests.Numerics;

/// <summary>
/// Every instruction-set path of <see cref="Gemm"/> against a naive triple loop, on all shape combinations the
/// training engine can produce (plus k-chunk boundaries), with and without accumulation and with spans longer
/// than needed.
/// </summary>
public class GemmTests
{
    /// <summary>Brief: relative error below 1e-13, measured against Σ_p |a_ip·b_pj| (+ |c_ij| when accumulating).</summary>
    private const double RelativeTolerance = 1e-13;

    /// <summary>Extra elements appended to every span; they must be ignored (inputs) and left untouched (C).</summary>
    private const int Slack = 3;

    private const double Sentinel = -12345.678;

    private static readonly int[] Sizes = [0, 1, 2, 3, 5, 7, 8, 9, 17, 100, 101];

    public enum Op { AB, AtB, ABt }

    public static IEnumerable<object[]> PathsAndOps() =>
        from path in Gemm.SupportedPaths from op in Enum.GetValues<Op>() select new object[] { path, op };

    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void AllShapesMatchNaiveLoop(GemmPath path, Op op)
    {
        var rng = new RandomStream(0xA11 + (ulong)op);
        foreach (int m in Sizes)
            foreach (int k in Sizes)
                foreach (int n in Sizes)
                    foreach (bool accumulate in new[] { false, true })
                        CheckOne(path, op, m, k, n, accumulate, rng);
    }

    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void DeepProductsCrossingChunkBoundariesMatchNaiveLoop(GemmPath path, Op op)
    {
        var rng = new RandomStream(0xC4 + (ulong)op);
        int chunk = GemmDriver.KChunk;
        foreach (int k in new[] { chunk - 1, chunk, chunk + 1, 2 * chunk + 37 })
            foreach (var (m, n) in new[] { (100, 100), (9, 17), (2, 100), (101, 3) })
                foreach (bool accumulate in new[] { false, true })
                    CheckOne(path, op, m, k, n, accumulate, rng);
    }

    /// <summary>
    /// Every path computes each element as one multiply–add chain in ascending p — fused where the hardware has FMA,
    /// so then all paths agree with the exactly rounded chain bit for bit (the determinism contract on
    /// <see cref="Gemm"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void EveryPathEqualsTheMultiplyAddChainExactly(GemmPath path, Op op)
    {
        var rng = new RandomStream(0xB17);
        foreach (var (m, k, n) in new[] { (100, 100, 100), (8, 100, 100), (2, 100, 100), (17, 300, 9), (100, 1, 100), (100, 100, 1), (5, 7, 3) })
        {
            var (a, b, c0) = Inputs(op, m, k, n, rng);
            var expected = (double[])c0.Clone();
            Reference(op, a, b, expected, m, k, n, accumulate: true, fused: true);
            var actual = (double[])c0.Clone();
            WithPath(path, () => Apply(op, a, b, actual, m, k, n, accumulate: true));
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void RepeatedCallsAtDifferentOffsetsGiveIdenticalBytes(GemmPath path, Op op)
    {
        var rng = new RandomStream(0x5EED);
        const int m = 37, k = 101, n = 29;
        var (a, b, _) = Inputs(op, m, k, n, rng);
        var first = new double[m * n];
        WithPath(path, () => Apply(op, a, b, first, m, k, n, accumulate: false));
        for (int shift = 1; shift < 8; shift++)
        {
            var a2 = new double[a.Length + shift];
            var b2 = new double[b.Length + shift];
            var c2 = new double[m * n + shift];
            a.CopyTo(a2, shift);
            b.CopyTo(b2, shift);
            WithPath(path, () => Apply(op, a2.AsSpan(shift), b2.AsSpan(shift), c2.AsSpan(shift), m, k, n, accumulate: false));
            Assert.Equal(first, c2.AsSpan(shift).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void NonFiniteValuesPropagateLikeTheNaiveLoop(GemmPath path, Op op)
    {
        var rng = new RandomStream(0x1F);
        const int m = 9, k = 5, n = 11;
        var (a, b, _) = Inputs(op, m, k, n, rng);
        a[3] = double.PositiveInfinity;
        a[7] = 0;
        b[4] = double.NaN;
        var expected = new double[m * n];
        Reference(op, a, b, expected, m, k, n, accumulate: false, fused: false);
        var actual = new double[m * n];
        WithPath(path, () => Apply(op, a, b, actual, m, k, n, accumulate: false));
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(double.IsNaN(expected[i]), double.IsNaN(actual[i]));
    }

    [Fact]
    internal void ShortSpansAndNegativeSizesThrowNamingTheField()
    {
        var buf = new double[6];
        var e1 = Assert.Throws<ArgumentException>(() => Gemm.AB(buf, buf, buf, 2, 3, 3, accumulate: false));
        Assert.Contains("span b", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Gemm.AtB(buf, buf, buf, -1, 1, 1, accumulate: false));
        Assert.Contains("m = -1", e2.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Axpy(1, new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => Gemm.Dot(new double[3], new double[2]));
    }

    [Fact]
    internal void AxpyAndDotMatchScalarLoops()
    {
        var rng = new RandomStream(7);
        foreach (int len in new[] { 0, 1, 3, 4, 15, 16, 17, 100, 1001 })
        {
            var x = Random(rng, len);
            var y = Random(rng, len + Slack);
            var expected = (double[])y.Clone();
            double dot = 0, scale = 0;
            for (int i = 0; i < len; i++)
            {
                expected[i] += 0.7 * x[i];
                dot += x[i] * y[i];
                scale += Math.Abs(x[i] * y[i]);
            }

            Assert.True(Math.Abs(Gemm.Dot(x, y) - dot) <= RelativeTolerance * scale);
            Gemm.Axpy(0.7, x, y);
            for (int i = 0; i < y.Length; i++) Assert.True(Math.Abs(y[i] - expected[i]) <= RelativeTolerance * (1 + Math.Abs(expected[i])));
        }
    }

    private static void CheckOne(GemmPath path, Op op, int m, int k, int n, bool accumulate, RandomStream rng)
    {
        var (a, b, c0) = Inputs(op, m, k, n, rng);
        var expected = (double[])c0.Clone();
        var scale = new double[m * n];
        Reference(op, a, b, expected, m, k, n, accumulate, fused: false, scale);
        var actual = (double[])c0.Clone();
        WithPath(path, () => Apply(op, a, b, actual, m, k, n, accumulate));
        for (int i = 0; i < m * n; i++)
        {
            double bound = RelativeTolerance * (scale[i] + (accumulate ? Math.Abs(c0[i]) : 0)) + double.Epsilon;
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail($"{path} {op} m={m} k={k} n={n} acc={accumulate}: element {i} is {actual[i]}, expected {expected[i]}");
        }

        for (int i = m * n; i < actual.Length; i++) Assert.Equal(Sentinel, actual[i]);
    }

    private static (double[] A, double[] B, double[] C) Inputs(Op op, int m, int k, int n, RandomStream rng)
    {
        var c = Random(rng, m * n + Slack);
        for (int i = m * n; i < c.Length; i++) c[i] = Sentinel;
        return (Random(rng, m * k + Slack), Random(rng, k * n + Slack), c);
    }

    private static double[] Random(RandomStream rng, int length)
    {
        var v = new double[length];
        rng.FillUniform(v, -1, 1);
        return v;
    }

    private static void Apply(Op op, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        switch (op)
        {
            case Op.AB: Gemm.AB(a, b, c, m, k, n, accumulate); break;
            case Op.AtB: Gemm.AtB(a, b, c, m, k, n, accumulate); break;
            default: Gemm.ABt(a, b, c, m, k, n, accumulate); break;
        }
    }

    /// <summary>Naive triple loop; A is m×k (AB, ABt) or k×m (AtB); B is k×n (AB, AtB) or n×k (ABt).</summary>
    private static void Reference(Op op, double[] a, double[] b, double[] c, int m, int k, int n, bool accumulate, bool fused, double[]? scale = null)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = op == Op.AtB ? a[p * m + i] : a[i * k + p];
                    double y = op == Op.ABt ? b[j * k + p] : b[p * n + j];
                    sum = !fused ? sum + x * y : Fused.IsHardwareAccelerated ? Math.FusedMultiplyAdd(x, y, sum) : x * y + sum;
                    abs += Math.Abs(x * y);
                }

                c[i * n + j] = sum;
                if (scale != null) scale[i * n + j] = abs;
            }
    }

    private static void WithPath(GemmPath path, Action action)
    {
        var saved = Gemm.Path;
        Gemm.Path = path;
        try { action(); }
        finally { Gemm.Path = saved; }
    }
}
