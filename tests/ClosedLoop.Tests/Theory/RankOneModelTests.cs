using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class RankOneModelTests
{
    /// <summary>Cubic roots versus eigenvalues of P (brief: 10⁻⁹).</summary>
    private const double RootTolerance = 1e-9;
    /// <summary>The N−1 zero eigenvalues of P sit in a 2×2 Jordan block: numerically about √ε ≈ 10⁻⁸.</summary>
    private const double ZeroEigenvalueTolerance = 1e-6;
    private const double RolloutTolerance = 1e-10;
    private const double PolynomialTolerance = 1e-13;

    private static readonly OrderParameters A3Sigma = new(-0.04, -0.13, 0.11, -0.08);

    [Fact]
    public void ReducedMatrixHasTheFormOfTheoryThreeThree()
    {
        var p = new RankOneModel(A3Sigma).ReducedMatrix();
        double[] expected = [1, 1, 0, 0, 0, 1, -0.04, -0.13, 1, 1, 0, 0, 0, 0, 0.11, -0.08];
        Assert.Equal(expected, p.Data);
    }

    [Fact]
    public void CubicCoefficientsMatchTheFactorisedFormAndTheCharacteristicPolynomial()
    {
        var o = new OrderParameters(-0.5, 1.0, 0.5, -0.4);
        var model = new RankOneModel(o);
        Complex[] points = [0.3, new Complex(-0.7, 1.2), new Complex(1.1, -0.4)];
        foreach (var l in points)
        {
            var factorised = (l - o.SigmaVu) * (l * l - 2 * l + 1 - o.SigmaZm) - o.Pi;
            Near(factorised, model.Cubic(l), PolynomialTolerance);
        }
        // det(λI − P_eff) = λ p(λ): P_eff has the three cubic roots and one zero.
        var eig = Spectrum.Of(model.ReducedMatrix()).Eigenvalues;
        var roots = model.CubicRoots();
        for (int i = 0; i < 3; i++) Near(roots[i], eig[i], RootTolerance, $"root {i}");
        Assert.True(eig[3].Magnitude < ZeroEigenvalueTolerance);
    }

    [Fact]
    public void A3JointMatrixEigenvaluesAreTheCubicRootsPlusNMinusOneZeros()
    {
        // docs/science/reference-values.md A3: 1.00581 ± 0.229436i, −0.0916108, 0, 0.
        var eig = Spectrum.Of(JointMatrix.Build(Plants.DoubleIntegrator(), A3Network())).Eigenvalues;
        var roots = new RankOneModel(OrderParameters.Of(A3Network())).CubicRoots();
        Quoted("1.00581", roots[0].Real);
        Quoted("0.229436", roots[0].Imaginary);
        Assert.Equal(Complex.Conjugate(roots[0]), roots[1]);
        Quoted("-0.0916108", roots[2].Real);
        Assert.Equal(0.0, roots[2].Imaginary);
        for (int i = 0; i < 3; i++) Near(roots[i], eig[i], RootTolerance, $"eigenvalue {i}");
        Assert.True(eig[3].Magnitude < ZeroEigenvalueTolerance && eig[4].Magnitude < ZeroEigenvalueTolerance);
    }

    [Theory]
    // docs/science/reference-values.md A3 cubic table: (σ_zm, σ_zu, σ_vm, σ_vu) → roots and |λ_dom|.
    [InlineData(-0.5, 1.0, 0.5, -0.4, "0.856057", "0.398896", "-0.112114", "0.944432")]
    [InlineData(-0.02, 0, 0, 0, "=1", "0.141421", "=0", "1.00995")]
    [InlineData(-0.03, 0.05, 0.04, -0.07, "0.999146", "0.167854", "-0.0682924", "1.01315")]
    public void A3CubicTableComplexCases(double zm, double zu, double vm, double vu, string re, string im, string real, string modulus)
    {
        var roots = new RankOneModel(new OrderParameters(zm, zu, vm, vu)).CubicRoots();
        Quoted(re, roots[0].Real, "Re λ1");
        Quoted(im, roots[0].Imaginary, "Im λ1");
        Assert.Equal(Complex.Conjugate(roots[0]), roots[1]);
        Quoted(real, roots[2].Real, "λ3");
        Quoted(modulus, roots[0].Magnitude, "|λ_dom|");
    }

    [Fact]
    public void A3CubicTableRealCase()
    {
        // docs/science/reference-values.md A3 cubic table: (0.05, 0, 0, 0) → 1.22361, 0.776393, 0.
        var roots = new RankOneModel(new OrderParameters(0.05, 0, 0, 0)).CubicRoots();
        Quoted("1.22361", roots[0].Real);
        Quoted("0.776393", roots[1].Real);
        Near(0, roots[2].Magnitude, PolynomialTolerance);
        Assert.All(roots, r => Assert.Equal(0.0, r.Imaginary));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void NonzeroEigenvaluesOfTheFullJointMatrixEqualTheCubicRoots(ulong seed)
    {
        // docs/science/analysis-maths.md §2–3: for rank 1, g = 0, P ((N+2)×(N+2), N = 100) has the three cubic roots and N−1 zeros.
        var net = RandomRankOne(seed);
        var eig = Spectrum.Of(JointMatrix.Build(Plants.DoubleIntegrator(), net)).Eigenvalues;
        var roots = new RankOneModel(OrderParameters.Of(net)).CubicRoots();
        Assert.True(roots[2].Magnitude > 1e-4, "the test needs a clearly non-zero third root");
        for (int i = 0; i < 3; i++) Near(roots[i], eig[i], RootTolerance, $"eigenvalue {i}");
        for (int i = 3; i < eig.Count; i++) Assert.True(eig[i].Magnitude < ZeroEigenvalueTolerance, $"eigenvalue {i} = {eig[i]} should be 0");
    }

    [Theory]
    [InlineData(21UL)]
    [InlineData(22UL)]
    [InlineData(23UL)]
    public void FullNetworkRolloutEqualsTheReducedRollout(ulong seed)
    {
        // docs/science/analysis-maths.md §3.3 (A3/B2 identity): positions, velocities and controls of the (N+2)-dimensional model equal
        // those of P_eff. The network is simulated by hand with the timing of docs/science/model-and-training.md §4 (FirstControl = Zero).
        var net = RandomRankOne(seed);
        var x0 = new double[2];
        new RandomStream(seed + 1000).FillUniform(x0, -2, 2);
        const int steps = 50;
        var reduced = new RankOneModel(OrderParameters.Of(net)).Rollout(x0, steps);
        var (positions, velocities, controls) = SimulateNetwork(net, x0, steps);
        for (int t = 0; t < steps; t++)
        {
            Relative(positions[t], reduced.Position(t), RolloutTolerance, $"x at t={t}");
            Relative(velocities[t], reduced.Velocity(t), RolloutTolerance, $"v at t={t}");
            Relative(controls[t], reduced.Control(t), RolloutTolerance, $"u at t={t}");
        }
    }

    [Fact]
    public void OnlyThePiProductMattersForRootsAndTrajectories()
    {
        // docs/science/analysis-maths.md §3.5: σ_zu → c σ_zu, σ_vm → σ_vm / c changes nothing.
        var a = new RankOneModel(new OrderParameters(-0.03, 0.05, 0.04, -0.07));
        var b = new RankOneModel(new OrderParameters(-0.03, 0.05 * 4, 0.04 / 4, -0.07));
        var ra = a.CubicRoots();
        var rb = b.CubicRoots();
        for (int i = 0; i < 3; i++) Near(ra[i], rb[i], PolynomialTolerance);
        var ta = a.Rollout([1.0, -1.0], 60);
        var tb = b.Rollout([1.0, -1.0], 60);
        for (int t = 0; t < 60; t++)
        {
            Relative(ta.Position(t), tb.Position(t), RolloutTolerance);
            Relative(ta.Control(t), tb.Control(t), RolloutTolerance);
        }
    }

    [Fact]
    public void RolloutStartsFromZeroLatentsAndZeroControl()
    {
        var t = new RankOneModel(A3Sigma).Rollout([0.7, -0.3], 3);
        Assert.Equal([0.7, -0.3, 0, 0], t.States.Take(4));
        Assert.Equal(0.0, t.Control(0));
        Assert.Equal(0.4, t.Position(1), 15);
        Assert.Equal(0.4, t.KappaM(1), 15);
        Assert.Equal(-0.04 * 0.4, t.Control(1), 15);
        Assert.Throws<ArgumentException>(() => new RankOneModel(A3Sigma).Rollout([1.0], 3));
    }

    [Fact]
    public void RootsAreZerosOfTheCubicNearADoubleRoot()
    {
        // σ_zm = 0, π = 0: p(λ) = (λ − σ_vu)(λ − 1)², a double root at 1.
        var model = new RankOneModel(new OrderParameters(0, 0, 0, 0.3));
        var roots = model.CubicRoots();
        Assert.All(roots, r => Assert.True(model.Cubic(r).Magnitude < PolynomialTolerance));
        Near(1, roots[0].Real, 1e-7);
        Near(0.3, roots[2].Real, PolynomialTolerance);
    }

    /// <summary>The full rank-1 network (γ = 1, linear) on the double integrator, row form, by hand.</summary>
    private static (double[] X, double[] V, double[] U) SimulateNetwork(NetworkParameters net, double[] x0, int steps)
    {
        int n = net.N;
        var h = new double[n];
        double x = x0[0], v = x0[1];
        var (xs, vs, us) = (new double[steps], new double[steps], new double[steps]);
        for (int t = 0; t < steps; t++)
        {
            double u = 0;
            if (t > 0)
            {
                double vh = 0;
                for (int i = 0; i < n; i++) vh += net.V[i] * h[i];
                var hNew = new double[n];
                for (int j = 0; j < n; j++) hNew[j] = net.U[j] * vh + net.Input[j] * x;
                h = hNew;
                for (int i = 0; i < n; i++) u += net.Readout[i] * h[i];
            }
            (xs[t], vs[t], us[t]) = (x, v, u);
            (x, v) = (x + v, v + u);
        }
        return (xs, vs, us);
    }
}
