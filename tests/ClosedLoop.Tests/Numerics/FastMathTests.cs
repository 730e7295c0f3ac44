using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Numerics;

public class FastMathTests
{
    /// <summary>Brief: at most 2 units in the last place from Math.Tanh.</summary>
    private const long MaxUlp = 2;

    [Fact]
    public void DenseGridIncludingSaturationIsWithinTwoUlp()
    {
        const int n = 1_000_003; // odd length: exercises the overlapping tail vector
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = -30 + 60.0 * i / (n - 1);
        AssertWithinUlp(x);
    }

    [Fact]
    public void LogarithmicGridFromTinyToHugeIsWithinTwoUlp()
    {
        var x = new List<double>();
        for (int e = -1074; e <= 1023; e++)
            foreach (double m in new[] { 1.0, 1.1, 1.37, 1.5, 1.999 })
            {
                double v = Math.ScaleB(m, e);
                if (double.IsFinite(v)) { x.Add(v); x.Add(-v); }
            }

        var rng = new RandomStream(21);
        for (int i = 0; i < 200_000; i++) x.Add((rng.NextDouble() * 2 - 1) * Math.Pow(2, -40 + 46 * rng.NextDouble()));
        AssertWithinUlp(x.ToArray());
    }

    [Fact]
    public void SpecialValues()
    {
        double[] x = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, 19.1, 1e308];
        var y = new double[x.Length];
        FastMath.Tanh(x, y);
        Assert.Equal(0.0, y[0]);
        Assert.True(double.IsPositive(y[0]));
        Assert.True(double.IsNegative(y[1]) && y[1] == 0);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal([1.0, -1.0], y[3..5]);
        Assert.Equal([double.Epsilon, -double.Epsilon], y[5..7]);
        Assert.Equal([1.0, 1.0], y[7..9]);
    }

    [Fact]
    public void InPlaceShortAndLongSpansAgreeElementwise()
    {
        var rng = new RandomStream(5);
        foreach (int n in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 101 })
        {
            var x = new double[n];
            rng.FillUniform(x, -3, 3);
            var y = new double[n + 2];
            FastMath.Tanh(x, y);
            var inPlace = (double[])x.Clone();
            FastMath.Tanh(inPlace, inPlace);
            for (int i = 0; i < n; i++)
            {
                var one = new double[1];
                FastMath.Tanh(x.AsSpan(i, 1), one);
                Assert.Equal(one[0], y[i]);
                Assert.Equal(one[0], inPlace[i]);
            }

            Assert.Equal([0.0, 0.0], y[n..]);
        }
    }

    [Fact]
    public void ShortDestinationThrows()
    {
        var e = Assert.Throws<ArgumentException>(() => FastMath.Tanh(new double[3], new double[2]));
        Assert.Contains("x.Length = 3", e.Message);
    }

    private static void AssertWithinUlp(double[] x)
    {
        var y = new double[x.Length];
        FastMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Tanh(x[i]);
            long ulp = Math.Abs(BitConverter.DoubleToInt64Bits(y[i]) - BitConverter.DoubleToInt64Bits(expected));
            if (ulp > MaxUlp) Assert.Fail($"tanh({x[i]:R}) = {y[i]:R}, Math.Tanh gives {expected:R} ({ulp} ulp apart)");
        }
    }
}
