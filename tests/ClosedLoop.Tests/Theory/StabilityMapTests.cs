using System.Numerics;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class StabilityMapTests
{
    /// <summary>Random points closer than this to a Jury boundary are skipped (classification there is round-off).</summary>
    private const double BoundaryMargin = 1e-9;

    // docs/science/reference-values.md A7: (k1, k2, class, Re λ, |Im λ|, max|λ|); real pairs give the largest-modulus root.
    public static TheoryData<double, double, GainClass, double, double, double> A7 => new()
    {
        { -0.365, -1.003, GainClass.Stable, 0.4985, 0.336894, 0.601664 },
        { -0.1, -0.5, GainClass.Stable, 0.75, 0.193649, 0.774597 },
        { -0.02, 0, GainClass.UnstableOscillatory, 1, 0.141421, 1.00995 },
        { -0.105, -0.028, GainClass.UnstableOscillatory, 0.986, 0.323734, 1.03779 },
        { -0.002, 0.084, GainClass.UnstableOscillatory, 1.042, 0.0153623, 1.04211 },
        { -0.5, -0.2, GainClass.UnstableOscillatory, 0.9, 0.7, 1.14018 },
        { 0.05, 0, GainClass.UnstableReal, 1.22361, 0, 1.22361 },
        { -1, -3, GainClass.UnstableReal, -1.61803, 0, 1.61803 },
    };

    [Theory]
    [MemberData(nameof(A7))]
    public void ReferenceRows_A7(double k1, double k2, GainClass expected, double re, double im, double radius)
    {
        Assert.Equal(expected, StabilityMap.Classify(k1, k2));
        var (first, second) = StabilityMap.Eigenvalues(k1, k2);
        AnalysisAssert.Quoted(re, first.Real, what: "Re λ");
        if (im == 0) Assert.Equal(0.0, first.Imaginary);
        else AnalysisAssert.Quoted(im, first.Imaginary, what: "Im λ");
        AnalysisAssert.Quoted(radius, StabilityMap.SpectralRadius(k1, k2), what: "max|λ|");
        Assert.True(first.Magnitude >= second.Magnitude);
    }

    [Fact]
    public void SecondRealRoot_A7()
    {
        // A7: (0.05, 0) → 1.22361 and 0.776393; (−1, −3) → 0.618034 and −1.61803.
        AnalysisAssert.Quoted(0.776393, StabilityMap.Eigenvalues(0.05, 0).Second.Real);
        AnalysisAssert.Quoted(0.618034, StabilityMap.Eigenvalues(-1, -3).Second.Real);
    }

    [Fact]
    public void Eigenvalues_SatisfyTheCharacteristicPolynomial()
    {
        var rng = new RandomStream(3);
        for (int i = 0; i < 200; i++)
        {
            double k1 = rng.Uniform(-5, 1), k2 = rng.Uniform(-5, 1);
            var (a, b) = StabilityMap.Eigenvalues(k1, k2);
            foreach (var l in new[] { a, b })
                Assert.True(Complex.Abs(l * l - (2 + k2) * l + (1 + k2 - k1)) < 1e-12 * Math.Max(1, l.Magnitude * l.Magnitude));
            Assert.True(Complex.Abs(a + b - (2 + k2)) < 1e-12 * (1 + Math.Abs(k2)));
        }
    }

    [Fact]
    public void StableSet_IsTheJuryTriangle()
    {
        // docs/science/analysis-maths.md §8.2: stable iff k1 < 0, k2 < k1 and k2 > k1/2 − 2; complex iff k2² + 4k1 < 0.
        var rng = new RandomStream(11);
        int stable = 0, tested = 0;
        for (int i = 0; i < 20000; i++)
        {
            double k1 = rng.Uniform(-5, 1), k2 = rng.Uniform(-5, 1);
            double m1 = -k1, m2 = k1 - k2, m3 = k2 - (k1 / 2 - 2), mc = -(k2 * k2 + 4 * k1);
            if (Math.Min(Math.Min(Math.Abs(m1), Math.Abs(m2)), Math.Min(Math.Abs(m3), Math.Abs(mc))) < BoundaryMargin) continue;
            tested++;
            bool jury = m1 > 0 && m2 > 0 && m3 > 0;
            var cls = StabilityMap.Classify(k1, k2);
            Assert.Equal(jury, cls == GainClass.Stable);
            if (!jury) Assert.Equal(mc > 0 ? GainClass.UnstableOscillatory : GainClass.UnstableReal, cls);
            if (jury) stable++;
        }
        // The triangle has area 4 within the 36-unit box.
        Assert.InRange(stable / (double)tested, 4.0 / 36 - 0.01, 4.0 / 36 + 0.01);
    }

    [Fact]
    public void TriangleVertices_AreMarginal()
    {
        Assert.True(Math.Abs(StabilityMap.SpectralRadius(0, -2) - 1) < 1e-12);
        Assert.True(Math.Abs(StabilityMap.SpectralRadius(-4, -4) - 1) < 1e-12);
        Assert.NotEqual(GainClass.Stable, StabilityMap.Classify(0, 0));
    }

    [Fact]
    public void Grid_IndexesK2FirstAndMatchesGridPoints()
    {
        // values −1.5, −0.5, 0.5
        var g = StabilityMap.Grid(-1.5, 0.5, 3);
        Assert.Equal(GainClass.Stable, g[0, 1]);               // k1 = −0.5, k2 = −1.5
        Assert.Equal(GainClass.UnstableOscillatory, g[1, 0]);  // k1 = −1.5, k2 = −0.5
        Assert.Equal(GainClass.UnstableReal, g[0, 2]);         // k1 = 0.5, k2 = −1.5
        var points = StabilityMap.GridPoints(-1.5, 0.5, 3).ToList();
        Assert.Equal(9, points.Count);
        for (int i = 0; i < 9; i++) Assert.Equal(g[i / 3, i % 3], points[i].Class);
        Assert.Equal((-0.5, -1.5), (points[1].K1, points[1].K2));
    }

    [Fact]
    public void PlottedGrid_HasAllThreeClasses()
    {
        var g = StabilityMap.Grid();
        Assert.Equal(200, g.GetLength(0));
        var counts = g.Cast<GainClass>().GroupBy(c => c).ToDictionary(x => x.Key, x => x.Count());
        Assert.Equal(3, counts.Count);
        Assert.Equal(GainClass.UnstableReal, g[199, 199]);
        Assert.Equal(GainClass.Stable, g[0, 100]);
    }

    [Fact]
    public void Linspace_MatchesNumpyEndpoints()
    {
        var v = GainGrid.Linspace(-1.2, 0.6, 50);
        Assert.Equal(-1.2, v[0]);
        Assert.Equal(0.6, v[49]);
        Assert.Equal(-1.2 + 21 * ((0.6 - -1.2) / 49), v[21]);
        Assert.Throws<ArgumentException>(() => GainGrid.Linspace(0, 0, 5));
        Assert.Throws<ArgumentException>(() => GainGrid.Linspace(0, 1, 1));
    }
}

public class StabilityMapPublishedRunTests
{
    [Fact]
    public void PublishedTanhGains_FollowTheClassTable_D1()
    {
        // docs/science/reference-values.md D1 (single unseeded run, sanity example only): epoch 0 oscillatory, 1–5 real,
        // 6–107 oscillatory, 110 onward stable; gains as tabulated (4 digits).
        (int Epoch, double K1, double K2, GainClass Class)[] rows =
        [
            (0, -0.0021, 0.0838, GainClass.UnstableOscillatory),
            (1, 0.0000, 0.0473, GainClass.UnstableReal),
            (5, 0.0001, 0.0002, GainClass.UnstableReal),
            (10, -0.0046, 0.0001, GainClass.UnstableOscillatory),
            (50, -0.0209, -0.0023, GainClass.UnstableOscillatory),
            (100, -0.0214, -0.0160, GainClass.UnstableOscillatory),
            (110, -0.0222, -0.0245, GainClass.Stable),
            (200, -0.171, -0.430, GainClass.Stable),
            (999, -0.365, -1.003, GainClass.Stable),
        ];
        foreach (var r in rows) Assert.True(r.Class == StabilityMap.Classify(r.K1, r.K2), $"epoch {r.Epoch}");
    }
}
