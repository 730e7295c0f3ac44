using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Numerics;

/// <summary>The float tanh and σ of the engine's single precision against the correctly rounded float of the double function.</summary>
public class FastMathSingleTests
{
    /// <summary>At most 2 units in the last place of a float, as for the double functions.</summary>
    private const int MaxUlp = 2;

    private static float[] Grid()
    {
        var x = new List<float>();
        const int n = 400_001; // odd length: exercises the overlapping tail vector
        for (int i = 0; i < n; i++) x.Add(-30f + 60f * i / (n - 1));
        for (int e = -149; e <= 127; e++)
            foreach (float m in new[] { 1f, 1.1f, 1.37f, 1.5f, 1.999f })
            {
                float v = MathF.ScaleB(m, e);
                if (float.IsFinite(v)) { x.Add(v); x.Add(-v); }
            }
        return x.ToArray();
    }

    private static int Ulp(float a, float b) => Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    [Fact]
    public void Tanh_is_within_two_ulp_of_the_rounded_double_tanh()
    {
        var x = Grid();
        var y = new float[x.Length];
        FastMath.Tanh(x, y);
        int worst = 0;
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Ulp(y[i], (float)Math.Tanh(x[i])));
        Assert.InRange(worst, 0, MaxUlp);
    }

    [Fact]
    public void Sigmoid_keeps_relative_accuracy_down_to_the_cap()
    {
        var x = Grid().Where(v => Math.Abs(v) <= 87).ToArray();
        var y = new float[x.Length];
        FastMath.Sigmoid(x, y);
        int worst = 0;
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Ulp(y[i], (float)(1 / (1 + Math.Exp(-(double)x[i])))));
        Assert.InRange(worst, 0, MaxUlp);
    }

    [Fact]
    public void Special_values_and_saturation()
    {
        float[] x = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 9.5f, 1e30f, -200f];
        var t = new float[x.Length];
        var s = new float[x.Length];
        FastMath.Tanh(x, t);
        FastMath.Sigmoid(x, s);
        Assert.True(t[0] == 0 && float.IsPositive(t[0]) && t[1] == 0 && float.IsNegative(t[1]));
        Assert.True(float.IsNaN(t[2]) && float.IsNaN(s[2]));
        Assert.Equal([1f, -1f, float.Epsilon, 1f, 1f, -1f], [t[3], t[4], t[5], t[6], t[7], t[8]]);
        Assert.Equal([0.5f, 1f, 1f], [s[0], s[3], s[7]]);
        Assert.InRange(s[8], 1e-38f, 2e-38f); // σ(−200) is held at σ(−87), the bottom of the normal floats
    }

    [Fact]
    public void Every_length_and_in_place_give_the_same_bits_as_one_element()
    {
        var rng = new RandomStream(8);
        foreach (int n in new[] { 1, 3, 7, 8, 9, 15, 16, 17, 33, 101 })
        {
            var x = Enumerable.Range(0, n).Select(_ => (float)rng.Uniform(-4, 4)).ToArray();
            var y = new float[n];
            FastMath.Tanh(x, y);
            var inPlace = (float[])x.Clone();
            FastMath.Tanh(inPlace, inPlace);
            for (int i = 0; i < n; i++)
            {
                var one = new float[1];
                FastMath.Tanh(x.AsSpan(i, 1), one);
                Assert.Equal(one[0], y[i]);
                Assert.Equal(one[0], inPlace[i]);
            }
        }
    }
}
