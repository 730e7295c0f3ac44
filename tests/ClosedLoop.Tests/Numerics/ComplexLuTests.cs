using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Numerics;

public class ComplexLuTests
{
    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(7, 2UL)]
    [InlineData(60, 3UL)]
    public void SolvesRandomSystemsToRounding(int n, ulong seed)
    {
        var rng = new RandomStream(seed);
        var a = Enumerable.Range(0, n * n).Select(_ => new Complex(rng.Normal(), rng.Normal())).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => new Complex(rng.Normal(), rng.Normal())).ToArray();
        var b = new Complex[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) b[i] += a[i * n + j] * x[j];
        var copy = (Complex[])a.Clone();
        var solved = new ComplexLu(a, n).Solve(b);
        Assert.Equal(copy, a); // the constructor copies
        Assert.Equal(solved, ComplexLu.InPlace(a, n).Solve(b));
        for (int i = 0; i < n; i++) Assert.True((solved[i] - x[i]).Magnitude < 1e-11 * n, $"x[{i}] = {solved[i]}, expected {x[i]}");
    }

    [Fact]
    public void PivotsPastAZeroLeadingEntry()
    {
        // [[0, 1], [i, 0]] x = (2, 3i) → x = (3, 2): needs a row exchange.
        var lu = new ComplexLu(new Complex[] { 0, 1, Complex.ImaginaryOne, 0 }, 2);
        var x = lu.Solve([2, new Complex(0, 3)]);
        Assert.Equal(new Complex(3, 0), x[0]);
        Assert.Equal(new Complex(2, 0), x[1]);
    }

    [Fact]
    public void SingularAndMalformedMatricesAreRejected()
    {
        Assert.Throws<ArithmeticException>(() => new ComplexLu(new Complex[] { 1, 2, 2, 4 }, 2));
        Assert.Throws<ArgumentException>(() => new ComplexLu(new Complex[] { 1, 2, 3 }, 2));
        Assert.Throws<ArgumentException>(() => new ComplexLu(new Complex[] { double.NaN }, 1));
        Assert.Throws<ArgumentException>(() => new ComplexLu(new Complex[] { 1 }, 1).Solve([1, 2]));
    }
}
