using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

/// <summary>Deterministic loss and gradient values of docs/science/reference-values.md §B2–B4.</summary>
public class ReferenceGradientTests
{
    private const double Rel = 1e-5; // the reference values are quoted to 6 significant digits

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Rel * Math.Abs(expected) + 1e-9, $"expected {expected}, got {actual}");

    private static NetworkParameters SmallNetwork(Activation act, double[] readout)
    {
        var s = new NetworkSettings { Hidden = 3, Inputs = 1, Outputs = 1, Activation = act, Trainable = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights };
        var p = new NetworkParameters(s);
        new double[] { 0.5, -0.3, 0.8 }.CopyTo(p.Input, 0);
        new double[] { 0.1, -0.2, 0, 0.3, 0.05, -0.1, -0.15, 0.2, 0.1 }.CopyTo(p.Recurrent, 0);
        readout.CopyTo(p.Readout, 0);
        return p;
    }

    // §B3: small tanh (and linear) network, nl-published loss, T = 10, two initial states.
    [Theory]
    [InlineData(Activation.Tanh, 141.081, new[] { 100.994, -177.581, 11.3829 }, new[] { 15.2966, -30.3416, 1.22741, -10.1003, 20.7584, -0.784677, 22.0576, -44.2009, 1.66349 }, new[] { 176.335, -135.542, 230.413 })]
    [InlineData(Activation.Linear, 312.635, new[] { 644.211, -749.536, 162.874 }, new[] { 128.845, -151.686, 33.7568, -81.4498, 95.8756, -21.3285, 255.984, -303.091, 68.2287 }, new[] { 572.339, -361.469, 1157.24 })]
    public void Small_network_closed_loop_matches_B3(Activation act, double loss, double[] dIn, double[] dRec, double[] dOut)
    {
        var p = SmallNetwork(act, [0.4, -0.6, 0.2]);
        var ep = new EpisodeSettings { Steps = 10, Batch = 2, FirstControl = FirstControl.Zero, LossTiming = LossTiming.BeforeStep };
        var obj = new ObjectiveSettings { StateReduction = StateReduction.MeanElements, StateTime = TimeReduction.Sum, ControlReduction = ControlReduction.SumBatch, ControlTime = TimeReduction.Sum, Beta = 0.005 };
        var problem = new ClosedLoopProblem<double>(Plants.DoubleIntegrator(), p.Settings, ep, obj, null, SuperpositionUse.Off, 2);
        var draw = new BatchDraw(2, [0.5, -0.2, -0.8, 0.6], null);
        var grad = new NetworkParameters(p.Settings);
        var outcome = problem.Run(p, draw, grad, null);
        Near(loss, outcome.Loss.Total);
        for (int i = 0; i < 3; i++) Near(dIn[i], grad.Input[i]);
        for (int i = 0; i < 9; i++) Near(dRec[i], grad.Recurrent[i]);
        for (int i = 0; i < 3; i++) Near(dOut[i], grad.Readout[i]);
    }

    // §B4: white-noise imitation of a teacher that differs only in its readout.
    [Fact]
    public void White_noise_imitation_matches_B4()
    {
        var student = SmallNetwork(Activation.Tanh, [0.4, -0.6, 0.2]);
        var teacher = SmallNetwork(Activation.Tanh, [0.1, 0.2, -0.3]);
        var ep = new EpisodeSettings { Steps = 5, Batch = 2 };
        var obj = new ObjectiveSettings { ImitationTime = TimeReduction.Sum };
        var problem = new OpenLoopProblem<double>(Plants.DoubleIntegrator(), student.Settings, ep, obj, null, OpenLoopVariant.WhiteNoise, SuperpositionUse.Off, 2);
        double[] xi = [0.3, -1.2, 1.5, 0.4, -0.7, 0.9, 0.2, -0.5, -1.1, 0.8];
        var grad = new NetworkParameters(student.Settings);
        var outcome = problem.Run(student, teacher, null, xi, grad, null);
        Near(1.73938, outcome.Loss.Imitation);
        double[] dIn = [1.33717, -2.77005, 0.613732];
        double[] dRec = [-0.214865, 0.412329, -0.162238, 0.134611, -0.252099, 0.100138, -0.286399, 0.516874, -0.201949];
        double[] dOut = [2.46814, -1.47673, 3.11385];
        for (int i = 0; i < 3; i++) Near(dIn[i], grad.Input[i]);
        for (int i = 0; i < 9; i++) Near(dRec[i], grad.Recurrent[i]);
        for (int i = 0; i < 3; i++) Near(dOut[i], grad.Readout[i]);
    }

    // §B2: the explicit N = 3 rank-1 model of §A3 with the lr-published loss.
    [Theory]
    [InlineData(0.0, 69.9053, new[] { -488.809, 344.729, -86.1822 }, new[] { 150.014, -66.7993, -47.2268 }, new[] { 89.4139, -78.0607, 19.5152 })]
    [InlineData(0.5, 79.0408, new[] { -607.097, 449.712, -112.428 }, new[] { 180.837, -80.1353, -58.1531 }, new[] { 107.083, -95.0294, 23.7573 })]
    public void Rank_one_model_matches_B2(double beta, double loss, double[] dz, double[] du, double[] dv)
    {
        var s = new NetworkSettings { Hidden = 3, Recurrence = Recurrence.LowRank, Rank = 1, Activation = Activation.Linear, Trainable = ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights };
        var p = new NetworkParameters(s);
        new double[] { 0.1, -0.2, 0.05 }.CopyTo(p.Input, 0);
        new double[] { -0.3, 0.1, 0.2 }.CopyTo(p.Readout, 0);
        new double[] { 0.5, 0.4, -0.1 }.CopyTo(p.U, 0);
        new double[] { 0.2, -0.3, 0.6 }.CopyTo(p.V, 0);
        var ep = new EpisodeSettings { Steps = 50, Batch = 4, FirstControl = FirstControl.Zero, LossTiming = LossTiming.BeforeStep };
        var obj = new ObjectiveSettings { StateReduction = StateReduction.MeanElements, StateTime = TimeReduction.Mean, ControlReduction = ControlReduction.MeanBatch, ControlTime = TimeReduction.Sum, Beta = beta };
        var draw = new BatchDraw(4, [1, -1, -2, 0.5, 0.3, 1.7, -1.1, -1.9], null);
        foreach (var sup in Enum.GetValues<SuperpositionUse>())
        {
            var problem = new ClosedLoopProblem<double>(Plants.DoubleIntegrator(), s, ep, obj, null, sup, 4);
            var grad = new NetworkParameters(s);
            Near(loss, problem.Run(p, draw, grad, null).Loss.Total);
            for (int i = 0; i < 3; i++)
            {
                Near(dz[i], grad.Readout[i]);
                Near(du[i], grad.U[i]);
                Near(dv[i], grad.V[i]);
            }
        }
    }
}
