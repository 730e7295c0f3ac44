using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Tests.Support;
using ClosedLoop.Training;
using static ClosedLoop.Tests.Support.CellProblems;

namespace ClosedLoop.Tests.Training;

/// <summary>
/// The GRU's hand-written backward pass against central differences in every configuration it trains in: closed
/// loop (both timings, on the double integrator and across the ring's wrap) and open loop (white noise and
/// teacher-driven plant), each trainable block alone, the biases, and all blocks together.
/// </summary>
public class GruPassTests
{
    private const ParameterBlocks Biases = ParameterBlocks.HiddenBias | ParameterBlocks.RecurrentBias | ParameterBlocks.OutputBias;
    private const ParameterBlocks AllGru = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights | Biases;

    public static IEnumerable<object[]> TrainableSets() =>
        new[] { AllGru, ParameterBlocks.InputWeights, ParameterBlocks.RecurrentWeights, ParameterBlocks.ReadoutWeights, Biases }
            .SelectMany(set => Enum.GetValues<PlantChoice>().Select(plant => new object[] { set, plant }));

    [Theory]
    [MemberData(nameof(TrainableSets))]
    public void Closed_loop_gradient_matches_central_differences(ParameterBlocks trainable, PlantChoice choice)
    {
        var plant = Plant(choice);
        var p = Network(Cell.Gru, plant, trainable, seed: 11);
        foreach (var (first, timing) in new[] { (FirstControl.Zero, LossTiming.BeforeStep), (FirstControl.ActFromStart, LossTiming.AfterStep) })
        {
            var problem = ClosedLoopOn(plant, p.Settings, first, timing);
            var draw = Draw(plant, 3, seed: 2);
            var grad = new NetworkParameters(p.Settings);
            problem.Run(p, draw, grad, null);
            double worst = FiniteDifference.WorstRelativeError(p, grad, q => problem.Run(q, draw, null, null).Loss.Total);
            Assert.True(worst < FiniteDifference.RelativeTolerance, $"{first}/{timing}: worst relative error {worst:E3}");
        }
    }

    [Theory]
    [MemberData(nameof(TrainableSets))]
    public void Open_loop_gradient_matches_central_differences(ParameterBlocks trainable, PlantChoice choice)
    {
        var plant = Plant(choice);
        var student = Network(Cell.Gru, plant, trainable, seed: 5);
        var teacher = Network(Cell.Gru, plant, trainable, seed: 6);
        var ep = new EpisodeSettings { Steps = 6, Batch = 3, InitialStates = InitialStates.Origin };
        var obj = new ObjectiveSettings { ImitationTime = TimeReduction.Mean };
        foreach (var variant in Enum.GetValues<OpenLoopVariant>())
        {
            var problem = new OpenLoopProblem<double>(plant, student.Settings, ep, obj, null, variant, SuperpositionUse.Auto, 3);
            var draw = Draw(plant, 3, seed: 4);
            var xi = variant == OpenLoopVariant.WhiteNoise ? problem.DrawNoiseInputs(new RandomStream(9), 3) : null;
            var grad = new NetworkParameters(student.Settings);
            problem.Run(student, teacher, draw, xi, grad, null);
            double worst = FiniteDifference.WorstRelativeError(student, grad, q => problem.Run(q, teacher, draw, xi, null, null).Loss.Total);
            Assert.True(worst < FiniteDifference.RelativeTolerance, $"{variant}: worst relative error {worst:E3}");
        }
    }

    [Fact]
    public void Tanh_network_on_the_ring_has_exact_gradients_across_the_wrap()
    {
        foreach (var choice in new[] { PlantChoice.RingWithVelocity, PlantChoice.RingMovingTarget })
        {
            var plant = Plant(choice);
            var p = Network(Cell.Rnn, plant, ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights | ParameterBlocks.HiddenBias | ParameterBlocks.OutputBias, seed: 3);
            var problem = ClosedLoopOn(plant, p.Settings, FirstControl.ActFromStart, LossTiming.AfterStep, steps: 12);
            var draw = Draw(plant, 3, seed: 0);
            var grad = new NetworkParameters(p.Settings);
            problem.Run(p, draw, grad, null);
            double worst = FiniteDifference.WorstRelativeError(p, grad, q => problem.Run(q, draw, null, null).Loss.Total);
            Assert.True(worst < FiniteDifference.RelativeTolerance, $"{choice}: worst relative error {worst:E3}");
            AssertCrossesTheWrap(problem);
        }
    }

    /// <summary>The rollout of the check really jumps across ε = ±π (otherwise the test would not test the wrap).</summary>
    private static void AssertCrossesTheWrap(ClosedLoopProblem<double> problem)
    {
        var r = problem.Rollout;
        bool crossed = false;
        for (int t = 0; t < r.Steps; t++)
            for (int b = 0; b < r.Samples; b++)
                crossed |= Math.Abs(r.State(t + 1)[2 * b] - r.State(t)[2 * b]) > Math.PI;
        Assert.True(crossed, "no trajectory crossed the wrap");
    }

    [Fact]
    public void A_gru_step_matches_the_equations_of_the_cell()
    {
        var plant = Plant(PlantChoice.RingWithVelocity);
        var p = Network(Cell.Gru, plant, AllGru, seed: 1);
        var pass = new GruPass<double>(p.Settings, 1, 2);
        pass.Begin(p, 1);
        double[] o0 = [0.3, -0.8, 0.5], o1 = [-0.2, 0.6, 1.1];
        o0.CopyTo(pass.Input(0));
        pass.Forward(0, act: true);
        o1.CopyTo(pass.Input(1));
        pass.Forward(1, act: true);
        var h = ReferenceGruStep(p, new double[5], o0);
        h = ReferenceGruStep(p, h, o1);
        for (int i = 0; i < 5; i++) Assert.Equal(h[i], pass.Hidden(1)[i], 1e-14);
        double u = p.OutputBias[0];
        for (int i = 0; i < 5; i++) u += p.Readout[i] * h[i];
        Assert.Equal(u, pass.Output(1)[0], 1e-14);
    }
}
