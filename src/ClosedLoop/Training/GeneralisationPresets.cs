using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Training;

/// <summary>
/// The settings of the generalisation variants of docs/science/figures-and-studies.md §12.5 (docs/science/figures-and-studies.md §12.5;
/// docs/generalisation.md), each a change of the reproduction's baseline <c>repro-main</c> (§12.1). Registered in
/// <see cref="Presets"/> as <c>gru</c>, <c>repro-lowrank</c>, <c>repro-tracking</c>, <c>ring-simple</c>,
/// <c>ring-hard</c> and <c>ring-hard-tanh</c> (each with its <c>-open</c> twin).
/// </summary>
internal static class GeneralisationPresets
{
    /// <summary>The ring's initial states: θ ~ U(−π, π), ω ~ U(−0.5, 0.5) (docs/science/model-and-training.md §1.5).</summary>
    public static InitialStates RingInitialStates => InitialStates.Box(Math.PI, 0.5);

    private static RunSettings Baseline() => Presets.Get("repro-main");

    /// <summary>The trainable blocks of the GRU: every gate weight and both gate biases; the readout bias stays zero.</summary>
    public const ParameterBlocks GruTrainable = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights
        | ParameterBlocks.HiddenBias | ParameterBlocks.RecurrentBias;

    /// <summary>A GRU of <paramref name="hidden"/> units (I-GRU, readout scale 0.1) with the given inputs.</summary>
    public static NetworkSettings Gru(int hidden, int inputs) => new()
    {
        Cell = Cell.Gru, Hidden = hidden, Inputs = inputs, Outputs = 1, Activation = Activation.Tanh, Recurrence = Recurrence.Dense,
        Init = InitScheme.Gru, OutputScale = 0.1, Trainable = GruTrainable,
    };

    /// <summary>GRU: the baseline with a GRU cell of N = 100 (I-GRU) and Adam 0.003.</summary>
    public static RunSettings GruBaseline() => Baseline() with
    {
        Network = Gru(100, 1),
        Optimizer = Baseline().Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 0.003 },
        Evaluation = Baseline().Evaluation with { Spectra = SpectrumKinds.Joint },
    };

    /// <summary>Low-rank: I-RP-LR, rank 1, linear, fixed bulk g = 0.1, input, U, V and readout trained.</summary>
    public static RunSettings LowRank() => Baseline() with
    {
        Network = Baseline().Network with
        {
            Activation = Activation.Linear, Recurrence = Recurrence.LowRank, Rank = 1, BulkGain = 0.1, Init = InitScheme.ReproductionLowRank,
            InputScale = 0.1, RecurrentScale = 0.1, OutputScale = 0.1,
            Trainable = ParameterBlocks.InputWeights | ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights,
        },
        Evaluation = Baseline().Evaluation with { Spectra = SpectrumKinds.Joint | SpectrumKinds.Network },
    };

    /// <summary>
    /// Tracking: the deterministic reference (docs/science/model-and-training.md §1.4), point mass dt = 0.1 with clamp ±10, linear network N = 100,
    /// recurrent scale 0.2, γ = 1, T = 100, Adam 0.001, teacher-driven open loop, control term MeanBatch (β = 0).
    /// </summary>
    public static RunSettings Tracking() => Baseline() with
    {
        Plant = new PlantSettings { Kind = PlantKind.PointMass, Dt = 0.1, Clamp = 10.0 },
        Network = Baseline().Network with { Inputs = 4, Outputs = 2, Activation = Activation.Linear, RecurrentScale = 0.2 },
        Reference = TrackingReference.ReproductionDeterministic(),
        Episode = Baseline().Episode with { Steps = 100, InitialStates = InitialStates.Origin },
        Objective = Baseline().Objective with { Task = TaskKind.Tracking, ControlReduction = ControlReduction.MeanBatch },
        Optimizer = Baseline().Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 0.001 },
        OpenLoop = new OpenLoopSettings { Variant = OpenLoopVariant.TeacherDrivenPlant },
        Evaluation = Baseline().Evaluation with { InitialStates = InitialStates.Origin, ProbeEvery = 0, Spectra = SpectrumKinds.Joint | SpectrumKinds.Network },
    };

    /// <summary>Simple ring: angle and velocity observed, constant target, c_v = 0.1; GRU N = 64, T = 80, Adam 0.003, teacher-driven open loop, control MeanBatch.</summary>
    public static RunSettings RingSimple() => Baseline() with
    {
        Plant = new PlantSettings { Kind = PlantKind.Ring, Dt = 0.1, Ring = new RingSettings { Observation = RingObservation.AngleAndVelocity, VelocityPenalty = 0.1 } },
        Network = Gru(64, 3),
        Episode = Baseline().Episode with { Steps = 80, InitialStates = RingInitialStates },
        Objective = Baseline().Objective with { ControlReduction = ControlReduction.MeanBatch },
        Optimizer = Baseline().Optimizer with { Kind = OptimizerKind.Adam, LearningRate = 0.003 },
        OpenLoop = new OpenLoopSettings { Variant = OpenLoopVariant.TeacherDrivenPlant },
        Evaluation = Baseline().Evaluation with { InitialStates = RingInitialStates, Spectra = SpectrumKinds.Joint },
    };

    /// <summary>
    /// Hard ring with a GRU: no velocity observation, moving target (A_r = 1.2, f_r = 0.04), c_v = 0.05; 1000 epochs,
    /// batch 100, evaluation batch 32, T = 100, β = 0.002, clip 1, after-step loss, act from the start, MeanBatch
    /// control, teacher-driven open loop; GRU N = 64, Adam 0.003.
    /// </summary>
    public static RunSettings RingHard() => RingSimple() with
    {
        Epochs = 1000,
        Plant = RingSimple().Plant with { Ring = new RingSettings { Observation = RingObservation.Angle, TargetAmplitude = 1.2, TargetFrequency = 0.04, VelocityPenalty = 0.05 } },
        Network = Gru(64, 2),
        Episode = RingSimple().Episode with { Steps = 100, FirstControl = FirstControl.ActFromStart, LossTiming = LossTiming.AfterStep },
        Objective = RingSimple().Objective with { Beta = 0.002 },
        Evaluation = RingSimple().Evaluation with { Count = 32 },
    };

    /// <summary>Hard ring with a tanh network: as <see cref="RingHard"/> with tanh N = 100 (I-RP, recurrent scale 0.1) and SGD 0.01.</summary>
    public static RunSettings RingHardTanh() => RingHard() with
    {
        Network = Baseline().Network with { Inputs = 2 },
        Optimizer = Baseline().Optimizer,
    };
}
