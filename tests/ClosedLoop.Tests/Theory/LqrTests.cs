using System.Numerics;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class LqrTests
{
    /// <summary>Relative tolerance for closed-form values (golden-ratio solution of the R → 0 limit).</summary>
    private const double ClosedFormRelTol = 1e-9;
    /// <summary>docs/science/reference-values.md A9: the residual must be below 1e−12 for every case.</summary>
    private const double ReferenceResidual = 1e-12;
    /// <summary>Brief: random stabilisable systems must reach a residual below 1e−10.</summary>
    private const double RandomResidual = 1e-10;

    private static readonly double Phi = (1 + Math.Sqrt(5)) / 2;

    private static void AssertRel(double expected, double actual, double rel = ClosedFormRelTol)
        => Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected), $"expected {expected}, got {actual}");

    private static void AssertDoubleIntegratorGolden(LqrResult res)
    {
        // A9: S = [[φ², φ], [φ, φ²]], K = (φ − 1, φ).
        AssertRel(Phi * Phi, res.Solution[0, 0]);
        AssertRel(Phi, res.Solution[0, 1]);
        AssertRel(Phi, res.Solution[1, 0]);
        AssertRel(Phi * Phi, res.Solution[1, 1]);
        AssertRel(Phi - 1, res.Gain[0, 0]);
        AssertRel(Phi, res.Gain[0, 1]);
        AssertRel(1 / (Phi * Phi), res.ClosedLoopEigenvalues[0].Real);
        Assert.True(res.Residual < ReferenceResidual, $"residual {res.Residual}");
    }

    [Fact]
    public void DoubleIntegratorTinyR_MatchesA9()
    {
        // docs/science/reference-values.md A9, row 1: Q = I2, R = 1e−8; S quoted to 8 digits in the notes (2.6180340, 1.6180340).
        var p = Plants.DoubleIntegrator();
        var res = Lqr.Solve(p.A, p.B, Mat.Identity(2), Mat.FromRows([1e-8]));
        AnalysisAssert.Quoted(2.6180340, res.Solution[0, 0], 8);
        AnalysisAssert.Quoted(1.6180340, res.Solution[0, 1], 8);
        AnalysisAssert.Quoted(2.6180340, res.Solution[1, 1], 8);
        AnalysisAssert.Quoted(0.618034, res.Gain[0, 0]);
        AnalysisAssert.Quoted(1.61803, res.Gain[0, 1]);
        AnalysisAssert.Quoted(0.381966, res.ClosedLoopEigenvalues[0].Real);
        AnalysisAssert.Quoted(1.00000e-8, res.ClosedLoopEigenvalues[1].Magnitude);
        Assert.Equal(LqrMethod.Doubling, res.Method);
        Assert.True(res.Residual < ReferenceResidual, $"residual {res.Residual}");
    }

    [Fact]
    public void DoubleIntegratorZeroR_UsesValueIterationAndMatchesGoldenRatio()
    {
        // docs/science/reference-values.md A9, row 2: the R = 0 limit, K = (φ − 1, φ), eigenvalues φ⁻² and 0.
        var p = Plants.DoubleIntegrator();
        var res = Lqr.Solve(p.A, p.B, Mat.Identity(2), Mat.FromRows([0.0]));
        AssertDoubleIntegratorGolden(res);
        Assert.Equal(LqrMethod.ValueIteration, res.Method);
        Assert.True(res.ClosedLoopEigenvalues[1].Magnitude < 1e-6);
    }

    [Fact]
    public void DoubleIntegratorUnitR_MatchesA9()
    {
        // docs/science/reference-values.md A9, row 3: Q = I2, R = 1.
        var p = Plants.DoubleIntegrator();
        var res = Lqr.Solve(p, Mat.Identity(2), Mat.FromRows([1.0]));
        AnalysisAssert.Quoted(2.94712, res.Solution[0, 0]);
        AnalysisAssert.Quoted(2.36921, res.Solution[0, 1]);
        AnalysisAssert.Quoted(4.61313, res.Solution[1, 1]);
        AnalysisAssert.Quoted(0.422082, res.Gain[0, 0]);
        AnalysisAssert.Quoted(1.24393, res.Gain[0, 1]);
        var top = res.ClosedLoopEigenvalues[0];
        AnalysisAssert.Quoted(0.378036, top.Real);
        AnalysisAssert.Quoted(0.187730, top.Imaginary);
        Assert.Equal(Complex.Conjugate(top), res.ClosedLoopEigenvalues[1]);
        AnalysisAssert.Quoted(0.422082, top.Magnitude);
        Assert.True(res.Residual < ReferenceResidual, $"residual {res.Residual}");
    }

    [Fact]
    public void PointMass_DecouplesIntoTwoIdenticalBlocks()
    {
        // docs/science/reference-values.md A9, row 4: point mass dt = 0.1, Q = I4, R = 0.1 I2.
        var p = Plants.PointMass(0.1);
        var r = 0.1 * Mat.Identity(2);
        var res = Lqr.Solve(p.A, p.B, Mat.Identity(4), r);
        foreach (int o in new[] { 0, 2 })
        {
            AnalysisAssert.Quoted(13.8270, res.Solution[o, o]);
            AnalysisAssert.Quoted(3.86801, res.Solution[o, o + 1]);
            AnalysisAssert.Quoted(4.96152, res.Solution[o + 1, o + 1]);
            AnalysisAssert.Quoted(2.58531, res.Gain[o / 2, o]);
            AnalysisAssert.Quoted(3.57472, res.Gain[o / 2, o + 1]);
        }
        Assert.Equal(0.0, res.Solution[0, 2], 12);
        Assert.Equal(0.0, res.Gain[0, 2], 12);
        Assert.Equal(0.0, res.Gain[1, 0], 12);
        var mags = res.ClosedLoopEigenvalues.Select(z => z.Magnitude).ToArray();
        AnalysisAssert.Quoted(0.899325, mags[0]);
        AnalysisAssert.Quoted(0.899325, mags[1]);
        AnalysisAssert.Quoted(0.743204, mags[2]);
        AnalysisAssert.Quoted(0.743204, mags[3]);
        Assert.True(res.Residual < ReferenceResidual, $"residual {res.Residual}");
    }

    [Fact]
    public void RandomStabilisableSystems_HaveSmallResidualAndStableClosedLoop()
    {
        var rng = new RandomStream(20250101);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 2 + rng.NextInt(4), m = 1 + rng.NextInt(2);
            var a = new Mat(n, n);
            var b = new Mat(n, m);
            rng.FillNormal(a.Data, 0, 0.6);
            rng.FillNormal(b.Data, 0, 1.0);
            var res = Lqr.Solve(a, b, Mat.Identity(n), Mat.Identity(m));
            Assert.True(res.Residual < RandomResidual, $"trial {trial}: residual {res.Residual}");
            Assert.True(res.ClosedLoopSpectralRadius < 1, $"trial {trial}: radius {res.ClosedLoopSpectralRadius}");
            var direct = Lqr.Residual(a, b, Mat.Identity(n), Mat.Identity(m), res.Solution).MaxAbs();
            Assert.Equal(res.Residual, direct, 15);
        }
    }

    [Fact]
    public void DoublingAndValueIteration_AgreeOnAStableRandomSystem()
    {
        var a = Mat.FromRows([1.1, 0.3, 0], [0, 0.9, 0.2], [0.1, 0, 1.05]);
        var b = Mat.FromRows([0.0], [0.5], [1.0]);
        var viOnly = new LqrSettings { MaxDoublingIterations = 1 };
        var sda = Lqr.Solve(a, b, Mat.Identity(3), Mat.Identity(1));
        var vi = Lqr.Solve(a, b, Mat.Identity(3), Mat.Identity(1), viOnly);
        Assert.Equal(LqrMethod.Doubling, sda.Method);
        Assert.Equal(LqrMethod.ValueIteration, vi.Method);
        Assert.True((sda.Solution - vi.Solution).MaxAbs() < 1e-9 * sda.Solution.MaxAbs());
    }

    [Fact]
    public void UnstabilisableSystem_FailsInTryAndThrowsInSolve()
    {
        // The first mode (eigenvalue 2) is not reachable from B.
        var a = Mat.FromRows([2.0, 0.0], [0.0, 1.0]);
        var b = Mat.FromRows([0.0], [1.0]);
        Assert.False(Lqr.TrySolve(a, b, Mat.Identity(2), Mat.Identity(1), out _));
        var ex = Assert.Throws<LqrNotConvergedException>(() => Lqr.Solve(a, b, Mat.Identity(2), Mat.Identity(1)));
        Assert.Contains("stabilising", ex.Message);
    }

    [Fact]
    public void MarginallyUncontrollableSystem_IsRejected()
    {
        // An uncontrollable mode on the unit circle: no strictly stabilising solution exists.
        var a = Mat.FromRows([1.0, 0.0], [0.0, 0.5]);
        var b = Mat.FromRows([0.0], [1.0]);
        var settings = new LqrSettings { MaxValueIterations = 2000 };
        Assert.False(Lqr.TrySolve(a, b, Mat.Identity(2), Mat.Identity(1), out _, settings));
    }

    [Fact]
    public void BadInput_ThrowsArgumentExceptionNamingTheField()
    {
        var p = Plants.DoubleIntegrator();
        var ex1 = Assert.Throws<ArgumentException>(() => Lqr.Solve(p.A, p.B, Mat.Identity(3), Mat.Identity(1)));
        Assert.Contains("lqr.q", ex1.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => Lqr.Solve(p.A, p.B, Mat.Identity(2), Mat.FromRows([-1.0])));
        Assert.Contains("lqr.r", ex2.Message);
        var ex3 = Assert.Throws<ArgumentException>(() => Lqr.Solve(p.A, p.B, Mat.FromRows([1, 0.5], [0, 1]), Mat.Identity(1)));
        Assert.Contains("symmetric", ex3.Message);
        var ex4 = Assert.Throws<ArgumentException>(() => Lqr.Solve(p.A, p.B, Mat.Identity(2), Mat.Identity(1), new LqrSettings { Tolerance = 0 }));
        Assert.Contains("lqr.tolerance", ex4.Message);
    }
}
