using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Numerics;

public class FastMathSigmoidTests
{
    /// <summary>Relative error allowed against a reference 1/(1 + e^(−x)) computed from Math.Exp in both tails.</summary>
    private const double MaxRelative = 6e-16; // 3 ulp of a value in [0.5, 1) (the reference itself rounds twice)

    private static double Reference(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    [Fact]
    public void Dense_grid_keeps_relative_accuracy_in_both_tails()
    {
        const int n = 400_003; // odd length: exercises the overlapping tail vector
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = -700 + 1400.0 * i / (n - 1);
        var y = new double[n];
        FastMath.Sigmoid(x, y);
        double worst = 0;
        for (int i = 0; i < n; i++) worst = Math.Max(worst, Math.Abs(y[i] - Reference(x[i])) / Reference(x[i]));
        Assert.True(worst <= MaxRelative, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Small_arguments_and_special_values()
    {
        double[] x = [0.0, 1e-300, -1e-12, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 30, -30];
        var y = new double[x.Length];
        FastMath.Sigmoid(x, y);
        Assert.Equal(0.5, y[0]);
        Assert.Equal(0.5, y[1]);
        Assert.Equal(0.5 - 0.25e-12, y[2], 1e-26);
        Assert.True(double.IsNaN(y[3]));
        Assert.Equal(1.0, y[4]);
        Assert.True(y[5] >= 0 && y[5] < 1e-307);
        Assert.Equal(1.0, y[6] + y[7], 1e-16);           // σ(x) + σ(−x) = 1
        Assert.True(Math.Abs(y[7] / Reference(-30) - 1) < MaxRelative); // 9.4e-14 with full relative accuracy
    }

    [Fact]
    public void In_place_and_every_length_give_the_same_bits()
    {
        var rng = new RandomStream(8);
        var whole = new double[67];
        rng.FillUniform(whole, -12, 12);
        var reference = new double[whole.Length];
        FastMath.Sigmoid(whole, reference);
        foreach (int n in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 67 })
        {
            var part = whole[..n];
            FastMath.Sigmoid(part, part);
            for (int i = 0; i < n; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(reference[i]), BitConverter.DoubleToInt64Bits(part[i]));
        }
    }
}
