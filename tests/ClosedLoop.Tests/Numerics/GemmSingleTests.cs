using ClosedLoop.Numerics;
using ClosedLoop.Numerics.Kernels;

namespace ClosedLoop.Tests.Numerics;

/// <summary>
/// The float products of single precision: on every path, each element is the float fused multiply–add chain in
/// ascending p, bit for bit — with the 48-wide AVX-512 panels, the 16-wide AVX2 panels and the 4-wide 128-bit edge
/// (n = 100 = 2·48 + 4), ragged rows, k chunks, and accumulation; the spans' slack is never written.
/// </summary>
public class GemmSingleTests
{
    private const float Sentinel = -12345.5f;

    public static IEnumerable<object[]> PathsAndOps() =>
        from path in Gemm.SupportedPaths from op in Enum.GetValues<GemmTests.Op>() select new object[] { path, op };

    [Theory]
    [MemberData(nameof(PathsAndOps))]
    internal void Every_path_equals_the_float_multiply_add_chain_exactly(GemmPath path, GemmTests.Op op)
    {
        var rng = new RandomStream(0xF10A7 + (ulong)op);
        foreach (var (m, k, n) in new[] { (100, 100, 100), (50, 100, 100), (7, 300, 52), (1, 300, 100), (100, 300, 1), (9, 129, 17), (100, 1, 300), (3, 5, 4), (0, 3, 5), (5, 0, 6) })
            foreach (bool accumulate in new[] { false, true })
            {
                var a = Random(rng, m * k + 3);
                var b = Random(rng, k * n + 3);
                var c = Random(rng, m * n + 3);
                for (int i = m * n; i < c.Length; i++) c[i] = Sentinel;
                var expected = (float[])c.Clone();
                Reference(op, a, b, expected, m, k, n, accumulate);
                var saved = Gemm.Path;
                Gemm.Path = path;
                try
                {
                    switch (op)
                    {
                        case GemmTests.Op.AB: Gemm.AB<float>(a, b, c, m, k, n, accumulate); break;
                        case GemmTests.Op.AtB: Gemm.AtB<float>(a, b, c, m, k, n, accumulate); break;
                        default: Gemm.ABt<float>(a, b, c, m, k, n, accumulate); break;
                    }
                }
                finally { Gemm.Path = saved; }
                Assert.True(expected.AsSpan().SequenceEqual(c), $"{path} {op} m={m} k={k} n={n} acc={accumulate}");
            }
    }

    [Fact]
    public void Dot_and_axpy_of_floats_keep_their_order_and_rounding()
    {
        var rng = new RandomStream(77);
        foreach (int n in new[] { 0, 1, 7, 31, 32, 33, 100, 1000 })
        {
            var x = Random(rng, n);
            var y = Random(rng, n);
            // 32 partial sums in four 8-lane accumulators, each lane one fused chain, then pairwise; the tail fused on top
            var partial = new float[32];
            int i = 0;
            for (; i <= n - 32 && Fused.IsHardwareAccelerated; i += 32)
                for (int l = 0; l < 32; l++) partial[l] = MathF.FusedMultiplyAdd(x[i + l], y[i + l], partial[l]);
            float sum = 0;
            if (i > 0)
            {
                var t = new float[8];
                for (int l = 0; l < 8; l++) t[l] = (partial[l] + partial[8 + l]) + (partial[16 + l] + partial[24 + l]);
                sum = ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
            }
            for (; i < n; i++) sum = Fused.IsHardwareAccelerated ? MathF.FusedMultiplyAdd(x[i], y[i], sum) : x[i] * y[i] + sum;
            Assert.Equal(sum, Gemm.Dot<float>(x, y));
            var expected = y.Select((v, j) => Fused.IsHardwareAccelerated ? MathF.FusedMultiplyAdd(0.7f, x[j], v) : 0.7f * x[j] + v).ToArray();
            Gemm.Axpy(0.7f, x, y);
            Assert.Equal(expected, y);
        }
    }

    private static float[] Random(RandomStream rng, int length) => Enumerable.Range(0, length).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();

    /// <summary>The float chain: A is m×k (AB, ABt) or k×m (AtB); B is k×n (AB, AtB) or n×k (ABt).</summary>
    private static void Reference(GemmTests.Op op, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float x = op == GemmTests.Op.AtB ? a[p * m + i] : a[i * k + p];
                    float y = op == GemmTests.Op.ABt ? b[j * k + p] : b[p * n + j];
                    sum = Fused.IsHardwareAccelerated ? MathF.FusedMultiplyAdd(x, y, sum) : x * y + sum;
                }
                c[i * n + j] = sum;
            }
    }
}
