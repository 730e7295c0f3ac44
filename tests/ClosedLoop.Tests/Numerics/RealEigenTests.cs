using System.Numerics;
using ClosedLoop.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ClosedLoop.Tests.Numerics;

public class RealEigenTests
{
    /// <summary>Agreement with MathNet on random matrices, relative to the matrix's max-norm.</summary>
    private const double MathNetTolerance = 1e-9;

    /// <summary>Well-conditioned known spectra (companion, rotations, roots of unity), absolute.</summary>
    private const double KnownSpectrumTolerance = 1e-9;

    /// <summary>docs/science/reference-values.md quotes six significant digits: half a unit in the sixth digit of values near 1.</summary>
    private const double PublishedDigitsTolerance = 5e-6;

    /// <summary>Lower-triangular input needs the full QR iteration; its eigenvalues can be moderately ill-conditioned.</summary>
    private const double TriangularTolerance = 1e-11;

    /// <summary>
    /// The zero eigenvalues of the rank-1 joint matrices are semisimple, so they come out at rounding level
    /// (about 1e−16); a Jordan block would be perturbed by (ε‖P‖)^(1/size) and fail this.
    /// </summary>
    private const double ZeroTolerance = 1e-12;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(102)]
    [InlineData(150)]
    public void RandomMatricesMatchMathNet(int n)
    {
        var rng = new RandomStream(1000 + (ulong)n);
        var a = new Mat(n, n);
        rng.FillNormal(a.Data, 0, 1);
        var expected = MathNetEigenvalues(a);
        AssertSameSpectrum(expected, RealEigen.Eigenvalues(a), MathNetTolerance * Math.Max(1, a.MaxAbs()) * n);
    }

    [Fact]
    public void CompanionMatrixOfAKnownPolynomialGivesItsRoots()
    {
        Complex[] roots = [-1.5, 0.5, 2, new(0.3, 0.4), new(0.3, -0.4), new(1, 2), new(1, -2), new(-0.7, 0.1), new(-0.7, -0.1)];
        var coeffs = PolynomialFromRoots(roots);
        int n = roots.Length;
        var c = new Mat(n, n);
        for (int j = 0; j < n; j++) c[0, j] = -coeffs[n - 1 - j];
        for (int i = 1; i < n; i++) c[i, i - 1] = 1;
        AssertSameSpectrum(roots, RealEigen.Eigenvalues(c), KnownSpectrumTolerance);
    }

    [Fact]
    public void RotatedBlockDiagonalRotationsNearTheUnitCircle()
    {
        double[] radii = [1 + 1e-6, 1 - 1e-6, 0.999, 1.0, 0.5, 1.2];
        double[] angles = [0.1, 0.1001, 2.5, Math.PI / 2, 1.0, 0.01];
        int n = 2 * radii.Length + 1;
        var b = new Mat(n, n);
        var expected = new List<Complex>();
        for (int k = 0; k < radii.Length; k++)
        {
            double c = radii[k] * Math.Cos(angles[k]), s = radii[k] * Math.Sin(angles[k]);
            b[2 * k, 2 * k] = c; b[2 * k, 2 * k + 1] = -s;
            b[2 * k + 1, 2 * k] = s; b[2 * k + 1, 2 * k + 1] = c;
            expected.Add(Complex.FromPolarCoordinates(radii[k], angles[k]));
            expected.Add(Complex.FromPolarCoordinates(radii[k], -angles[k]));
        }

        b[n - 1, n - 1] = -0.3;
        expected.Add(-0.3);
        var q = Reflector(n, new RandomStream(5));
        AssertSameSpectrum(expected, RealEigen.Eigenvalues(q * b * q), KnownSpectrumTolerance);
    }

    [Fact]
    public void CyclicPermutationGivesRootsOfUnity()
    {
        const int n = 7;
        var p = new Mat(n, n);
        for (int i = 0; i < n; i++) p[i, (i + 1) % n] = 1;
        var expected = Enumerable.Range(0, n).Select(k => Complex.FromPolarCoordinates(1, 2 * Math.PI * k / n));
        AssertSameSpectrum(expected, RealEigen.Eigenvalues(p), KnownSpectrumTolerance);
    }

    /// <summary>docs/science/reference-values.md §A3: eigenvalues 1.00581 ± 0.229436i, −0.0916108, 0, 0.</summary>
    [Fact]
    public void ReferenceA3JointMatrix()
    {
        var p = A3JointMatrix();
        var values = RealEigen.Eigenvalues(p);
        AssertSameSpectrum([new(1.00581, 0.229436), new(1.00581, -0.229436), -0.0916108], values.Take(3), PublishedDigitsTolerance);
        Assert.All(values.Skip(3), z => Assert.True(z.Magnitude < ZeroTolerance, $"{z} should be 0"));
    }

    /// <summary>docs/science/reference-values.md §B5: eigenvalues 1.69705, 0.467505, 0.0849293, 0.000258057 ± 0.285701i.</summary>
    [Fact]
    public void ReferenceB5LinearisedJointMatrix()
    {
        var p = Mat.FromRows(
            [1, 1, 0, 0, 0],
            [0, 1, 0.4, -0.6, 0.2],
            [0.5, 0.5, 0.1, 0.3, -0.15],
            [-0.3, -0.3, -0.2, 0.05, 0.2],
            [0.8, 0.8, 0, -0.1, 0.1]);
        Complex[] expected = [1.69705, 0.467505, 0.0849293, new(0.000258057, 0.285701), new(0.000258057, -0.285701)];
        AssertSameSpectrum(expected, RealEigen.Eigenvalues(p), PublishedDigitsTolerance);
    }

    /// <summary>
    /// The A3 rank-1 network embedded isometrically in N = 100 (same order parameters, so the same three non-zero
    /// eigenvalues, docs/science/reference-values.md §A3) gives a 102×102 joint matrix with 99 zero eigenvalues.
    /// </summary>
    [Fact]
    public void RankOneJointMatrixOfSize102HasThreeNonZeroEigenvalues()
    {
        const int n = 100;
        var q = Reflector(n, new RandomStream(11));
        double[] Embed(double[] v3) => (q * Mat.Column([.. v3, .. new double[n - 3]])).Data;
        double[] m = Embed([0.1, -0.2, 0.05]), z = Embed([-0.3, 0.1, 0.2]), u = Embed([0.5, 0.4, -0.1]), v = Embed([0.2, -0.3, 0.6]);
        var p = new Mat(n + 2, n + 2);
        p[0, 0] = 1; p[0, 1] = 1; p[1, 1] = 1;
        for (int i = 0; i < n; i++)
        {
            p[1, 2 + i] = z[i];
            p[2 + i, 0] = m[i];
            p[2 + i, 1] = m[i];
            for (int j = 0; j < n; j++) p[2 + i, 2 + j] = u[i] * v[j];
        }

        var values = RealEigen.Eigenvalues(p);
        var small = RealEigen.Eigenvalues(A3JointMatrix());
        AssertSameSpectrum(small.Take(3), values.Take(3), KnownSpectrumTolerance);
        Assert.All(values.Skip(3), x => Assert.True(x.Magnitude < ZeroTolerance, $"{x} should be 0"));
    }

    /// <summary>
    /// A = [ (i + j) mod 3 = 0 ] is u0u0ᵀ + u1u2ᵀ + u2u1ᵀ with u_r the indicator of i ≡ r (mod 3), so its spectrum is
    /// c0, ±sqrt(c1·c2) and n − 3 zeros (c_r the class sizes). Its Hessenberg form ends in blocks of rounding noise
    /// (entries near 1e−170) that the plain EISPACK deflation test never deflates (regression: no convergence).
    /// </summary>
    [Theory]
    [InlineData(34)]
    [InlineData(44)]
    [InlineData(80)]
    public void StructuredRankThreeMatrixConverges(int n)
    {
        var a = new Mat(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = (i + j) % 3 == 0 ? 1 : 0;
        int c0 = (n + 2) / 3, c1 = (n + 1) / 3, c2 = n / 3;
        double s = Math.Sqrt((double)c1 * c2);
        var expected = new List<Complex> { c0, s, -s };
        expected.AddRange(Enumerable.Repeat(Complex.Zero, n - 3));
        AssertSameSpectrum(expected, RealEigen.Eigenvalues(a), KnownSpectrumTolerance * n);
    }

    [Fact]
    public void TriangularAndDiagonalMatricesGiveTheirDiagonal()
    {
        var rng = new RandomStream(3);
        const int n = 30;
        var t = new Mat(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) t[i, j] = rng.Normal();
        var diagonal = Enumerable.Range(0, n).Select(i => new Complex(t[i, i], 0));
        AssertSameSpectrum(diagonal, RealEigen.Eigenvalues(t), 0);
        // Lower triangular: eigenvalue condition numbers of random triangular matrices grow like 2^n (at n = 30
        // MathNet is off by 4e-7), so use a small one.
        const int nl = 10;
        var lower = new Mat(nl, nl);
        for (int i = 0; i < nl; i++)
            for (int j = 0; j <= i; j++) lower[i, j] = rng.Normal();
        AssertSameSpectrum(Enumerable.Range(0, nl).Select(i => new Complex(lower[i, i], 0)), RealEigen.Eigenvalues(lower), TriangularTolerance);

        var d = new Mat(4, 4);
        d[0, 0] = 1e150; d[1, 1] = 1; d[2, 2] = -1e-150; d[3, 3] = -3;
        Assert.Equal([1e150, -3, 1, -1e-150], RealEigen.Eigenvalues(d).Select(z => z.Real));
    }

    [Fact]
    public void NilpotentMatrixHasOnlyZeroEigenvalues()
    {
        var rng = new RandomStream(4);
        const int n = 20;
        var a = new Mat(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) a[i, j] = rng.Normal();
        Assert.All(RealEigen.Eigenvalues(a), z => Assert.Equal(Complex.Zero, z));
    }

    [Fact]
    public void JordanBlockClusterKeepsItsMean()
    {
        const int k = 4;
        var j = new Mat(k + 1, k + 1);
        for (int i = 0; i < k; i++)
        {
            j[i, i] = 2;
            if (i + 1 < k) j[i, i + 1] = 1;
        }

        j[k, k] = -1;
        var q = Reflector(k + 1, new RandomStream(8));
        var values = RealEigen.Eigenvalues(q * j * q);
        var cluster = values.Where(z => (z - 2).Magnitude < 1e-2).ToArray();
        Assert.Equal(k, cluster.Length);
        Assert.True((cluster.Aggregate(Complex.Zero, (s, z) => s + z) / k - 2).Magnitude < 1e-12);
        Assert.True((values.Single(z => z.Real < 0) + 1).Magnitude < 1e-12);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    public void HugeAndTinyScalesGiveScaledEigenvalues(double scale)
    {
        var rng = new RandomStream(9);
        var a = new Mat(12, 12);
        rng.FillNormal(a.Data, 0, 1);
        var expected = RealEigen.Eigenvalues(a).Select(z => z * scale);
        var actual = RealEigen.Eigenvalues(scale * a);
        foreach (var (e, x) in expected.Zip(actual)) Assert.True((e - x).Magnitude <= 1e-12 * scale * 10, $"{x} vs {e}");
    }

    [Fact]
    public void OutputIsSortedByModulusWithExactConjugatePairsUpperFirst()
    {
        var rng = new RandomStream(12);
        var a = new Mat(40, 40);
        rng.FillNormal(a.Data, 0, 1);
        var values = RealEigen.Eigenvalues(a);
        for (int i = 1; i < values.Length; i++) Assert.True(values[i - 1].Magnitude >= values[i].Magnitude);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Imaginary == 0) continue;
            Assert.True(values[i].Imaginary > 0);
            Assert.Equal(Complex.Conjugate(values[i]), values[i + 1]);
            i++;
        }
    }

    [Fact]
    public void EdgeCasesAndBadInput()
    {
        Assert.Empty(RealEigen.Eigenvalues(new Mat(0, 0)));
        Assert.Equal([new Complex(-4.5, 0)], RealEigen.Eigenvalues(Mat.FromRows([-4.5])));
        Assert.All(RealEigen.Eigenvalues(new Mat(6, 6)), z => Assert.Equal(Complex.Zero, z));
        Assert.True(RealEigen.TryEigenvalues(Mat.Identity(3), out var ones));
        Assert.All(ones, z => Assert.Equal(Complex.One, z));
        var e1 = Assert.Throws<ArgumentException>(() => RealEigen.Eigenvalues(new Mat(2, 3)));
        Assert.Contains("2x3", e1.Message);
        var bad = Mat.Identity(2);
        bad[0, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => RealEigen.Eigenvalues(bad));
    }

    internal static Mat A3JointMatrix() => Mat.FromRows(
        [1, 1, 0, 0, 0],
        [0, 1, -0.3, 0.1, 0.2],
        [0.1, 0.1, 0.1, -0.15, 0.3],
        [-0.2, -0.2, 0.08, -0.12, 0.24],
        [0.05, 0.05, -0.02, 0.03, -0.06]);

    private static Complex[] MathNetEigenvalues(Mat a)
    {
        var arr = new double[a.Rows, a.Cols];
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++) arr[i, j] = a[i, j];
        return Matrix<double>.Build.DenseOfArray(arr).Evd(Symmetricity.Asymmetric).EigenValues.ToArray();
    }

    /// <summary>Householder reflector I − 2wwᵀ/wᵀw: orthogonal and symmetric, so Q·B·Q is similar to B.</summary>
    private static Mat Reflector(int n, RandomStream rng)
    {
        var w = new double[n];
        rng.FillNormal(w, 0, 1);
        double ww = w.Sum(x => x * x);
        var q = Mat.Identity(n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) q[i, j] -= 2 * w[i] * w[j] / ww;
        return q;
    }

    /// <summary>Real coefficients c[0..n−1] of the monic polynomial Π(x − r) = xⁿ + Σ c[i]·xⁱ (roots closed under conjugation).</summary>
    private static double[] PolynomialFromRoots(Complex[] roots)
    {
        var c = new Complex[roots.Length + 1];
        c[0] = 1;
        foreach (var r in roots)
        {
            for (int i = c.Length - 1; i > 0; i--) c[i] = c[i - 1] - r * c[i];
            c[0] = -r * c[0];
        }

        return c.Take(roots.Length).Select(z => z.Real).ToArray();
    }

    /// <summary>Each expected value is matched to a distinct actual value within tol (greedy nearest).</summary>
    internal static void AssertSameSpectrum(IEnumerable<Complex> expected, IEnumerable<Complex> actual, double tol)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.Equal(e.Count, a.Count);
        foreach (var x in e.OrderByDescending(z => z.Magnitude))
        {
            int best = 0;
            for (int i = 1; i < a.Count; i++)
                if ((a[i] - x).Magnitude < (a[best] - x).Magnitude) best = i;
            Assert.True((a[best] - x).Magnitude <= tol, $"expected eigenvalue {x}; nearest computed {a[best]} (|diff| {(a[best] - x).Magnitude:E2} > {tol:E2})");
            a.RemoveAt(best);
        }
    }
}
