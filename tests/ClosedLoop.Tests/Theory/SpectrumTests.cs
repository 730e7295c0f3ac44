using System.Numerics;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class SpectrumTests
{
    private const double EigenTolerance = 1e-12;

    [Fact]
    public void EigenvaluesAreSortedByModulusThenImaginaryPart()
    {
        var s = Spectrum.FromEigenvalues([0.5, -2, new Complex(1, -1), new Complex(0, 0.3), 1.2, new Complex(1, 1), new Complex(0, -0.3)]);
        Complex[] expected = [-2, new Complex(1, 1), new Complex(1, -1), 1.2, 0.5, new Complex(0, 0.3), new Complex(0, -0.3)];
        Assert.Equal(expected, s.Eigenvalues);
        Assert.Equal(2.0, s.Radius);
        Assert.Equal(new Complex(-2, 0), s.Dominant);
        Assert.Equal(-2.0, s.Lambda3);
        Assert.True(s.HasUnstableComplex);
        Assert.False(s.IsStable);
    }

    [Fact]
    public void DominantIsTheUpperMemberOfAPairEvenWhenModuliDifferInTheLastBit()
    {
        // The lower member has a modulus larger by 10⁻¹⁴ (relative), below the tie tolerance: the sort rule still puts Im ≥ 0 first.
        var upper = new Complex(0.9, 0.3);
        var lower = new Complex(0.9, -0.3 * (1 + 1e-14));
        Assert.True(lower.Magnitude > upper.Magnitude);
        var s = Spectrum.FromEigenvalues([lower, 0.1, upper]);
        Assert.Equal(upper, s.Dominant);
        Assert.Equal(0.1, s.Lambda3);
        Assert.False(s.HasUnstableComplex);
        Assert.True(s.IsStable);
    }

    [Fact]
    public void Lambda3IsNullWithoutARealEigenvalueAndIgnoresTinyImaginaryParts()
    {
        Assert.Null(Spectrum.FromEigenvalues([new Complex(0.5, 0.5), new Complex(0.5, -0.5)]).Lambda3);
        var s = Spectrum.FromEigenvalues([new Complex(1.1, 0.2), new Complex(1.1, -0.2), new Complex(-0.4, 5e-7), 0.3]);
        Assert.Equal(-0.4, s.Lambda3);
    }

    [Fact]
    public void OfComputesEigenvaluesOfARotationAndOfAnUpperTriangularMatrix()
    {
        var rotation = Spectrum.Of(Mat.FromRows([0, -1], [1, 0]));
        Near(Complex.ImaginaryOne, rotation.Eigenvalues[0], EigenTolerance);
        Near(-Complex.ImaginaryOne, rotation.Eigenvalues[1], EigenTolerance);
        Assert.Null(rotation.Lambda3);
        var triangular = Spectrum.Of(Mat.FromRows([0.2, 5, 1], [0, -0.7, 3], [0, 0, 0.5]));
        Near(-0.7, triangular.Eigenvalues[0].Real, EigenTolerance);
        Near(0.5, triangular.Eigenvalues[1].Real, EigenTolerance);
        Near(0.2, triangular.Eigenvalues[2].Real, EigenTolerance);
        Assert.Equal(3, triangular.Count);
    }

    [Theory]
    // docs/science/reference-values.md A7: (k1, k2) → eigenvalues of P_red = [[1, 1], [k1, 1 + k2]].
    [InlineData(-0.365, -1.003, "0.4985", "0.336894", "0.601664")]
    [InlineData(-0.1, -0.5, "0.75", "0.193649", "0.774597")]
    [InlineData(-0.105, -0.028, "0.986", "0.323734", "1.03779")]
    [InlineData(-0.5, -0.2, "0.9", "0.7", "1.14018")]
    public void GainSystemComplexPairsMatchA7(double k1, double k2, string re, string im, string modulus)
    {
        var s = Spectrum.Of(Mat.FromRows([1, 1], [k1, 1 + k2]));
        Quoted(re, s.Dominant.Real, "Re λ");
        Quoted(im, s.Dominant.Imaginary, "Im λ");
        Quoted(modulus, s.Radius, "ρ");
        Assert.Equal(Complex.Conjugate(s.Dominant).Imaginary, s.Eigenvalues[1].Imaginary, 12);
    }

    [Fact]
    public void GainSystemRealCaseMatchesA7()
    {
        // docs/science/reference-values.md A7, (k1, k2) = (−1, −3): eigenvalues 0.618034 and −1.61803 (unstable real).
        var s = Spectrum.Of(Mat.FromRows([1, 1], [-1, -2]));
        Quoted("-1.61803", s.Dominant.Real);
        Quoted("0.618034", s.Eigenvalues[1].Real);
        Quoted("-1.61803", s.Lambda3!.Value);
        Assert.False(s.HasUnstableComplex);
    }

    [Fact]
    public void OfRejectsNonSquareAndNonFiniteMatrices()
    {
        Assert.Throws<ArgumentException>(() => Spectrum.Of(new Mat(2, 3)));
        Assert.Throws<ArgumentException>(() => Spectrum.Of(Mat.FromRows([1, double.NaN], [0, 1])));
    }
}
