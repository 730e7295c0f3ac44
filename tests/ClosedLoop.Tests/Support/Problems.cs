using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Support;

/// <summary>Small random problems for gradient and identity tests.</summary>
internal static class Problems
{
    /// <summary>Every weight block (no biases, which rule the superposition basis out) of a network of recurrence <paramref name="rec"/>.</summary>
    public static ParameterBlocks WeightBlocks(Recurrence rec) =>
        ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights
        | (rec == Recurrence.LowRank ? ParameterBlocks.LowRankU | ParameterBlocks.LowRankV : 0);

    public sealed record Setup(ClosedLoopProblem<double> Problem, NetworkParameters Parameters, BatchDraw Draw, Func<RandomStream?> Noise);

    public static Setup Build(Activation act, Recurrence rec, bool trainAll, TaskKind task, int seed,
        FirstControl first = FirstControl.Zero, LossTiming timing = LossTiming.BeforeStep, double gamma = 1.0,
        bool noisy = false, double[]? target = null, double? clamp = null, int batch = 3,
        SuperpositionUse superposition = SuperpositionUse.Auto, ParameterBlocks? trainable = null)
    {
        var rng = new RandomStream((ulong)seed);
        bool tracking = task == TaskKind.Tracking;
        var plant = tracking ? Plants.PointMass(0.1, clamp) : Plants.DoubleIntegrator() with { ClampBound = clamp };
        if (noisy) plant = plant with { ProcessNoiseStd = 0.1, ObservationNoiseStd = 0.05 };
        var blocks = trainable ?? (trainAll
            ? ParameterBlocks.All & ~(rec == Recurrence.Dense ? ParameterBlocks.LowRankU | ParameterBlocks.LowRankV : 0)
            : rec == Recurrence.Dense ? ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights : ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights);
        var net = new NetworkSettings
        {
            Hidden = 5,
            Inputs = tracking ? 4 : 1,
            Outputs = tracking ? 2 : 1,
            Activation = act,
            Dt = gamma,
            Tau = 1.0,
            Recurrence = rec,
            Rank = 2,
            BulkGain = 0.5,
            Trainable = blocks,
            Init = InitScheme.Reproduction,
            InputScale = 1.0,
            RecurrentScale = 1.2,
            OutputScale = 1.0,
        };
        var p = Initializer.Create(net, rng);
        if (trainAll)
        {
            rng.FillNormal(p.HiddenBias, 0, 0.1);
            rng.FillNormal(p.OutputBias, 0, 0.1);
        }
        var ep = new EpisodeSettings
        {
            Steps = tracking ? 8 : 6,
            Batch = batch,
            FirstControl = first,
            LossTiming = tracking ? LossTiming.AfterStep : timing,
            InitialStates = tracking ? InitialStates.Origin : InitialStates.Box(1.0),
        };
        var obj = new ObjectiveSettings
        {
            Task = task,
            StateReduction = tracking ? StateReduction.SumDimsMeanBatch : StateReduction.MeanElements,
            ControlReduction = ControlReduction.SumBatch,
            Beta = 0.05,
            StepWeight = tracking ? 0.1 : 1.0,
            Target = target,
        };
        var reference = tracking ? new TrackingReference { Steps = ep.Steps, Dt = 0.5 } : null;
        var problem = new ClosedLoopProblem<double>(plant, net, ep, obj, reference, superposition, batch);
        var draw = BatchSampler.Draw(ep.InitialStates, batch, plant.StateSize, reference, rng, rng);
        return new Setup(problem, p, draw, () => noisy ? new RandomStream(77) : null);
    }
}
