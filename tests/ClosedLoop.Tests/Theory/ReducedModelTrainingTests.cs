using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training.Optimizers;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class ReducedModelTrainingTests
{
    private const double FiniteDifferenceStep = 1e-6;
    private const double GradientTolerance = 1e-7;
    private const int B1Steps = 50;

    /// <summary>docs/science/reference-values.md B1 batch, sample-major: positions (1, −2, 0.3, −1.1), velocities (−1, 0.5, 1.7, −1.9).</summary>
    private static readonly double[] B1Batch = [1, -1, -2, 0.5, 0.3, 1.7, -1.1, -1.9];

    private static readonly OrderParameters B1Sigma = new(-0.03, 0.05, 0.04, -0.07);

    [Theory]
    // docs/science/reference-values.md B1: β, loss, gradient (σ_zm, σ_zu, σ_vm, σ_vu), norm, parameters after one clipped SGD step.
    [InlineData(0.0, "39.7529", "-483.747", "-56.3415", "-70.4269", "-4.20959", "492.101", "-0.0201698", "0.0511449", "0.0414311", "-0.0699145")]
    [InlineData(0.5, "41.2960", "-611.513", "-62.4532", "-78.0665", "-4.54523", "619.648", "-0.0201313", "0.0510079", "0.0412599", "-0.0699266")]
    public void B1LossGradientAndOneClippedStep(double beta, string loss, string gZm, string gZu, string gVm, string gVu, string norm,
        string zm, string zu, string vm, string vu)
    {
        var l = ReducedModelTraining.LossAndGradient(B1Sigma, B1Batch, B1Steps, beta);
        Quoted(loss, l.Value, "loss");
        Assert.Equal(l.Value, l.StateTerm + l.ControlTerm);
        Quoted(gZm, l.Gradient[0], "∂/∂σ_zm");
        Quoted(gZu, l.Gradient[1], "∂/∂σ_zu");
        Quoted(gVm, l.Gradient[2], "∂/∂σ_vm");
        Quoted(gVu, l.Gradient[3], "∂/∂σ_vu");
        Quoted(norm, Math.Sqrt(l.Gradient.Sum(g => g * g)), "norm");

        var run = ReducedModelTraining.Run(B1Sigma, new ReducedTrainingSettings { Epochs = 1, Batch = 4, Steps = B1Steps, Beta = beta }, B1Batch);
        Assert.Equal(l.Value, run.Losses[0]);
        Quoted(norm, run.GradientNorms[0], "logged pre-clip norm");
        Quoted(zm, run.Final.SigmaZm, "σ_zm after one step");
        Quoted(zu, run.Final.SigmaZu, "σ_zu after one step");
        Quoted(vm, run.Final.SigmaVm, "σ_vm after one step");
        Quoted(vu, run.Final.SigmaVu, "σ_vu after one step");
    }

    [Theory]
    // docs/science/reference-values.md B2: the full N = 3 model of A3 on the B1 batch. Its loss equals the P_eff loss at the A3 order
    // parameters, so by the chain rule of docs/science/analysis-maths.md §3.7 ∂L/∂z = m L_zm + u L_zu, ∂L/∂u = z L_zu + v L_vu, ∂L/∂v = m L_vm + u L_vu.
    [InlineData(0.0, "69.9053", new[] { "-488.809", "344.729", "-86.1822" }, new[] { "150.014", "-66.7993", "-47.2268" }, new[] { "89.4139", "-78.0607", "19.5152" })]
    [InlineData(0.5, "79.0408", new[] { "-607.097", "449.712", "-112.428" }, new[] { "180.837", "-80.1353", "-58.1531" }, new[] { "107.083", "-95.0294", "23.7573" })]
    public void B2FullModelLossAndGradientsFollowFromTheReducedModel(double beta, string loss, string[] dz, string[] du, string[] dv)
    {
        var o = OrderParameters.Of(A3Network());
        var l = ReducedModelTraining.LossAndGradient(o, B1Batch, B1Steps, beta);
        Quoted(loss, l.Value, "loss");
        double lZm = l.Gradient[0], lZu = l.Gradient[1], lVm = l.Gradient[2], lVu = l.Gradient[3];
        for (int i = 0; i < 3; i++)
        {
            Quoted(dz[i], A3M[i] * lZm + A3U[i] * lZu, $"∂L/∂z[{i}]");
            Quoted(du[i], A3Z[i] * lZu + A3V[i] * lVu, $"∂L/∂u[{i}]");
            Quoted(dv[i], A3M[i] * lVm + A3U[i] * lVu, $"∂L/∂v[{i}]");
        }
    }

    [Theory]
    [InlineData(-0.03, 0.05, 0.04, -0.07, 0.0, 50)]
    [InlineData(-0.2, 0.3, 0.25, 0.4, 0.3, 20)]
    [InlineData(0.05, -0.1, 0.2, 0.6, 1.0, 7)]
    public void GradientMatchesFiniteDifferences(double zm, double zu, double vm, double vu, double beta, int steps)
    {
        var theta = new[] { zm, zu, vm, vu };
        var batch = new double[6];
        new RandomStream(9).FillUniform(batch, -2, 2);
        var g = ReducedModelTraining.LossAndGradient(new OrderParameters(zm, zu, vm, vu), batch, steps, beta).Gradient;
        double norm = Math.Sqrt(g.Sum(x => x * x));
        for (int q = 0; q < 4; q++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[q] += FiniteDifferenceStep;
            minus[q] -= FiniteDifferenceStep;
            double fd = (Loss(plus, batch, steps, beta) - Loss(minus, batch, steps, beta)) / (2 * FiniteDifferenceStep);
            Near(fd, g[q], GradientTolerance * Math.Max(1, norm), $"component {q}");
        }
    }

    [Fact]
    public void ControlTermIsBetaTimesTheBatchMeanOfSummedSquaredControls()
    {
        var l = ReducedModelTraining.LossAndGradient(B1Sigma, B1Batch, B1Steps, 0.5);
        double sum = 0, state = 0;
        for (int b = 0; b < 4; b++)
        {
            var t = new RankOneModel(B1Sigma).Rollout([B1Batch[2 * b], B1Batch[2 * b + 1]], B1Steps);
            for (int s = 0; s < B1Steps; s++)
            {
                sum += t.Control(s) * t.Control(s);
                state += t.Position(s) * t.Position(s) + t.Velocity(s) * t.Velocity(s);
            }
        }
        Relative(0.5 * sum / 4, l.ControlTerm, 1e-13);
        Relative(state / (B1Steps * 2 * 4), l.StateTerm, 1e-13);
    }

    [Fact]
    public void RunDrawsOneBatchPerEpochAndRecordsTheLossOfTheCurrentParameters()
    {
        var settings = new ReducedTrainingSettings { Epochs = 3, Batch = 5, Steps = 30, Beta = 0.1 };
        var result = ReducedModelTraining.Run(B1Sigma, settings, new RandomStream(77));
        var twin = new RandomStream(77);
        var clipped = new OptimizerSettings();
        var theta = B1Sigma.ToArray();
        for (int e = 0; e < settings.Epochs; e++)
        {
            var batch = new double[10];
            twin.FillUniform(batch, -2, 2);
            var o = new OrderParameters(theta[0], theta[1], theta[2], theta[3]);
            Assert.Equal(o, result.Parameters[e]);
            var l = ReducedModelTraining.LossAndGradient(o, batch, 30, 0.1);
            Assert.Equal(l.Value, result.Losses[e]);
            Assert.Equal(new RankOneModel(o).CubicRoots(), result.CubicRoots[e]);
            var g = l.Gradient;
            GradientClipping.Apply([g], clipped.ClipNorm);
            for (int q = 0; q < 4; q++) theta[q] -= clipped.LearningRate * g[q];
        }
        Assert.Equal(new OrderParameters(theta[0], theta[1], theta[2], theta[3]), result.Final);
    }

    [Fact]
    public void RunIsDeterministicAndDescendsOnAFixedBatch()
    {
        var settings = new ReducedTrainingSettings { Epochs = 200, Batch = 4, Steps = 50 };
        var a = ReducedModelTraining.Run(B1Sigma, settings, B1Batch);
        var b = ReducedModelTraining.Run(B1Sigma, settings, B1Batch);
        Assert.Equal(a.Losses, b.Losses);
        Assert.True(a.Losses[^1] < 0.5 * a.Losses[0], $"loss {a.Losses[0]} → {a.Losses[^1]}");
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        Assert.Contains("reduced_training.epochs", Assert.Throws<ArgumentException>(() =>
            ReducedModelTraining.Run(B1Sigma, new ReducedTrainingSettings { Epochs = 0 }, new RandomStream(1))).Message);
        Assert.Contains("reduced_training.batch", Assert.Throws<ArgumentException>(() =>
            ReducedModelTraining.Run(B1Sigma, new ReducedTrainingSettings { Batch = 3 }, B1Batch)).Message);
        Assert.Throws<ArgumentException>(() => ReducedModelTraining.LossAndGradient(B1Sigma, [1.0, 2.0, 3.0], 10, 0));
    }

    private static double Loss(double[] theta, double[] batch, int steps, double beta) =>
        ReducedModelTraining.LossAndGradient(new OrderParameters(theta[0], theta[1], theta[2], theta[3]), batch, steps, beta).Value;
}
