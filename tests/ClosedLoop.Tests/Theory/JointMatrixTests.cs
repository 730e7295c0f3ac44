using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class JointMatrixTests
{
    private const double ExactTolerance = 1e-15;
    private const double FiniteDifferenceStep = 1e-6;
    private const double JacobianTolerance = 1e-9;
    private const double RolloutTolerance = 1e-11;

    [Fact]
    public void A3JointMatrixHasThePublishedRows()
    {
        // docs/science/reference-values.md A3: column form, γ = 1.
        double[][] expected =
        [
            [1, 1, 0, 0, 0],
            [0, 1, -0.3, 0.1, 0.2],
            [0.1, 0.1, 0.1, -0.15, 0.3],
            [-0.2, -0.2, 0.08, -0.12, 0.24],
            [0.05, 0.05, -0.02, 0.03, -0.06],
        ];
        AssertRows(expected, JointMatrix.Build(Plants.DoubleIntegrator(), A3Network()));
    }

    [Fact]
    public void B5JointMatrixHasThePublishedRowsAndEigenvalues()
    {
        // docs/science/reference-values.md B5: linearised P of the B3 tanh network.
        double[][] expected =
        [
            [1, 1, 0, 0, 0],
            [0, 1, 0.4, -0.6, 0.2],
            [0.5, 0.5, 0.1, 0.3, -0.15],
            [-0.3, -0.3, -0.2, 0.05, 0.2],
            [0.8, 0.8, 0, -0.1, 0.1],
        ];
        var p = JointMatrix.Build(Plants.DoubleIntegrator(), B3Network(Activation.Tanh));
        AssertRows(expected, p);
        var eig = Spectrum.Of(p).Eigenvalues;
        Quoted("1.69705", eig[0].Real, "λ1");
        Quoted("0.467505", eig[1].Real, "λ2");
        Quoted("0.000258057", eig[2].Real, "Re λ3");
        Quoted("0.285701", eig[2].Imaginary, "Im λ3");
        Quoted("-0.285701", eig[3].Imaginary, "Im λ4");
        Quoted("0.0849293", eig[4].Real, "λ5");
    }

    [Fact]
    public void B5JointMatrixEqualsTheFiniteDifferenceJacobianOfTheTanhClosedLoopMap()
    {
        // docs/science/reference-values.md B5: central differences, step 1e-6, agreement 1e-9.
        var plant = Plants.DoubleIntegrator();
        var net = B3Network(Activation.Tanh);
        AssertMatrixNear(FiniteDifferenceJacobian(plant, net), JointMatrix.Build(plant, net), JacobianTolerance);
    }

    [Fact]
    public void TanhJointMatrixWithHiddenBiasAndLeakIsTheJacobianAtTheOrigin()
    {
        var plant = Plants.DoubleIntegrator();
        var net = B3Network(Activation.Tanh).CloneWith(new NetworkSettings
        {
            Hidden = 3, Inputs = 1, Outputs = 1, Activation = Activation.Tanh, Dt = 0.5, Tau = 1.0,
        });
        new double[] { 0.3, -0.7, 0.1 }.CopyTo(net.HiddenBias, 0);
        net.OutputBias[0] = 0.2; // does not enter the Jacobian
        AssertMatrixNear(FiniteDifferenceJacobian(plant, net), JointMatrix.Build(plant, net), JacobianTolerance);
    }

    [Theory]
    [InlineData(1UL, 1.0, 1.0)]
    [InlineData(2UL, 0.5, 1.0)]
    [InlineData(3UL, 0.2, 1.0)]
    public void LinearRolloutEqualsPowersOfPOnAnIntegratorChain(ulong seed, double dt, double tau)
    {
        // Chain k = 3, two observed components, f_B = 0.7, one exogenous input channel (held at 0), low-rank + bulk.
        var plant = Plants.IntegratorChain(3, 1, 2, 0.5) with { FeedbackFactor = 0.7 };
        var settings = new NetworkSettings
        {
            Hidden = 6, Inputs = 3, Outputs = 1, Activation = Activation.Linear, Dt = dt, Tau = tau,
            Recurrence = Recurrence.LowRank, Rank = 2,
        };
        AssertLinearRolloutMatchesP(plant, RandomNetwork(settings, seed), seed, steps: 30);
    }

    [Fact]
    public void LinearRolloutEqualsPowersOfPOnThePointMassWithReferenceInputs()
    {
        // Tracking form (docs/science/analysis-maths.md §1.3): 4 inputs (2 observed positions + 2 exogenous references held at 0), γ = 0.1.
        var plant = Plants.PointMass(clamp: null);
        var settings = new NetworkSettings { Hidden = 8, Inputs = 4, Outputs = 2, Activation = Activation.Linear, Dt = 0.1, Tau = 1.0 };
        AssertLinearRolloutMatchesP(plant, RandomNetwork(settings, 7), 7, steps: 40);
    }

    [Fact]
    public void ReluHasNoJointMatrix()
    {
        var net = B3Network(Activation.Relu);
        Assert.False(JointMatrix.TryBuild(Plants.DoubleIntegrator(), net, out _));
        var ex = Assert.Throws<ArgumentException>(() => JointMatrix.Build(Plants.DoubleIntegrator(), net));
        Assert.Contains("Relu", ex.Message);
    }

    [Fact]
    public void MismatchedShapesAreRejectedWithTheFieldName()
    {
        var twoOutputs = new NetworkParameters(new NetworkSettings { Hidden = 3, Inputs = 1, Outputs = 2 });
        Assert.Contains("network.outputs", Assert.Throws<ArgumentException>(() => JointMatrix.Build(Plants.DoubleIntegrator(), twoOutputs)).Message);
        var oneInput = new NetworkParameters(new NetworkSettings { Hidden = 3, Inputs = 1, Outputs = 2 });
        Assert.Contains("network.inputs", Assert.Throws<ArgumentException>(() => JointMatrix.Build(Plants.PointMass(), oneInput)).Message);
    }

    private static NetworkParameters RandomNetwork(NetworkSettings settings, ulong seed)
    {
        var p = new NetworkParameters(settings);
        var rng = new RandomStream(seed);
        foreach (var block in p.Blocks())
            if (block.Id != ParameterBlocks.HiddenBias && block.Id != ParameterBlocks.OutputBias)
                rng.FillNormal(block.Values, 0, 0.4);
        return p;
    }

    /// <summary>
    /// Simulates the linear network by hand in row form (docs/science/model-and-training.md §2.1, §4: FirstControl = Zero, h₀ = 0, exogenous
    /// inputs 0) and compares (x_t; h_t) with Pᵗ s₀.
    /// </summary>
    private static void AssertLinearRolloutMatchesP(LinearPlant plant, NetworkParameters net, ulong seed, int steps)
    {
        int k = plant.StateSize, n = net.N, nin = net.Settings.Inputs, nu = net.Settings.Outputs, r = net.Rank;
        double gamma = net.Settings.Gamma;
        var p = JointMatrix.Build(plant, net);
        var rng = new RandomStream(seed + 100);
        var x = new double[k];
        rng.FillUniform(x, -1, 1);
        var h = new double[n];
        var s = new Mat(k + n, 1);
        x.CopyTo(s.Data, 0);
        for (int t = 0; t < steps; t++)
        {
            var u = new double[nu];
            if (t > 0)
            {
                var o = new double[nin];
                for (int i = 0; i < plant.ObservationSize; i++)
                    for (int j = 0; j < k; j++) o[i] += plant.C[i, j] * x[j];
                var hNew = new double[n];
                for (int j = 0; j < n; j++)
                {
                    double pre = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double wij = net.Recurrent[i * n + j];
                        for (int q = 0; q < r; q++) wij += net.V[i * r + q] * net.U[j * r + q];
                        pre += h[i] * wij;
                    }
                    for (int i = 0; i < nin; i++) pre += o[i] * net.Input[i * n + j];
                    hNew[j] = (1 - gamma) * h[j] + gamma * pre;
                }
                h = hNew;
                for (int j = 0; j < nu; j++)
                    for (int i = 0; i < n; i++) u[j] += h[i] * net.Readout[i * nu + j];
            }
            for (int i = 0; i < k; i++)
            {
                Relative(x[i], s[i, 0], RolloutTolerance, $"x[{i}] at t={t}");
            }
            for (int i = 0; i < n; i++) Relative(h[i], s[k + i, 0], RolloutTolerance, $"h[{i}] at t={t}");
            var xNext = new double[k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++) xNext[i] += plant.A[i, j] * x[j];
                for (int j = 0; j < nu; j++) xNext[i] += plant.FeedbackFactor * plant.B[i, j] * u[j];
            }
            x = xNext;
            s = p * s;
        }
    }

    /// <summary>Central-difference Jacobian of the closed-loop map (x, h) ↦ (x', h') of docs/science/model-and-training.md §4, in row form.</summary>
    private static Mat FiniteDifferenceJacobian(LinearPlant plant, NetworkParameters net)
    {
        int k = plant.StateSize, dim = k + net.N;
        var jac = new Mat(dim, dim);
        for (int j = 0; j < dim; j++)
        {
            var plus = new double[dim];
            var minus = new double[dim];
            plus[j] = FiniteDifferenceStep;
            minus[j] = -FiniteDifferenceStep;
            var fp = ClosedLoopMap(plant, net, plus);
            var fm = ClosedLoopMap(plant, net, minus);
            for (int i = 0; i < dim; i++) jac[i, j] = (fp[i] - fm[i]) / (2 * FiniteDifferenceStep);
        }
        return jac;
    }

    private static double[] ClosedLoopMap(LinearPlant plant, NetworkParameters net, double[] s)
    {
        int k = plant.StateSize, n = net.N;
        double gamma = net.Settings.Gamma;
        double u = net.OutputBias[0];
        for (int i = 0; i < n; i++) u += s[k + i] * net.Readout[i];
        var next = new double[k + n];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) next[i] += plant.A[i, j] * s[j];
            next[i] += plant.B[i, 0] * u;
        }
        double obs = 0;
        for (int j = 0; j < k; j++) obs += plant.C[0, j] * next[j];
        for (int j = 0; j < n; j++)
        {
            double pre = net.HiddenBias[j] + obs * net.Input[j];
            for (int i = 0; i < n; i++) pre += s[k + i] * net.Recurrent[i * n + j];
            next[k + j] = (1 - gamma) * s[k + j] + gamma * Math.Tanh(pre);
        }
        return next;
    }

    private static void AssertRows(double[][] expected, Mat actual)
    {
        Assert.Equal(expected.Length, actual.Rows);
        AssertMatrixNear(Mat.FromRows(expected), actual, ExactTolerance);
    }

    private static void AssertMatrixNear(Mat expected, Mat actual, double tolerance)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        for (int i = 0; i < expected.Rows; i++)
            for (int j = 0; j < expected.Cols; j++)
                Near(expected[i, j], actual[i, j], tolerance, $"P[{i},{j}]");
    }
}
