using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Training;

/// <summary>
/// Named run settings, one per convention of docs/science/model-and-training.md §7. The short names a user meets first are <c>lowrank</c>
/// (= <c>lr-published</c>), <c>tanh</c> (= <c>nl-published</c>) and <c>tracking</c> (= <c>tracking-published</c>);
/// "-open" names select the open-loop twin.
/// </summary>
public static class Presets
{
    private static readonly Dictionary<string, (string Description, Func<RunSettings> Build)> Table = new()
    {
        ["lr-published"] = ("linear rank-1 model on the double integrator (Figs 3-5): SGD 0.01, clip 1, 1000 epochs, update every epoch", RankOne),
        ["nl-published"] = ("tanh network on the double integrator (Figs 1c, 2): SGD 0.01, clip 1, 1001 epochs, no update at epoch 0", Tanh),
        ["tracking-published"] = ("linear continuous-time network tracking sums of sinusoids with the 2-D point mass (Fig 6): Adam 1e-3, 10000 epochs", Tracking),
        ["paper-text"] = ("tanh network with the conventions stated in the paper's text (after-step loss, 1/T, x0 in [-2,2]^2, beta 0)", PaperText),
        ["repro-main"] = ("the independent reproduction's main protocol (tanh, I-RP scales 0.1, 1/T, control summed over the batch / T)", ReproMain),
        ["repro-artifact"] = ("the reproduction's reading of the published notebook (sum over steps, beta 0.005, x0 in [-1,1]^2)", ReproArtifact),
        ["repro-legacy"] = ("an earlier reproduction protocol (act from start, after-step loss, teacher-driven open loop; sensitivity only)", ReproLegacy),
    };

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["lowrank"] = "lr-published",
        ["tanh"] = "nl-published",
        ["tracking"] = "tracking-published",
    };

    /// <summary>Every preset name (full names, then the short aliases).</summary>
    public static IReadOnlyList<string> Names => Table.Keys.Concat(Aliases.Keys).Concat(Table.Keys.Select(k => k + "-open")).ToList();

    /// <summary>Full name, alias target and one-line description of every preset.</summary>
    public static IEnumerable<(string Name, string? Alias, string Description)> Describe() =>
        Table.Select(kv => (kv.Key, (string?)Aliases.FirstOrDefault(a => a.Value == kv.Key).Key, kv.Value.Description));

    /// <summary>
    /// The settings of preset <paramref name="name"/>; a name ending in "-open" selects open-loop mode.
    /// Throws naming the allowed presets when the name is unknown.
    /// </summary>
    public static RunSettings Get(string name)
    {
        var mode = LoopMode.Closed;
        var key = name.Trim().ToLowerInvariant();
        if (key.EndsWith("-open", StringComparison.Ordinal))
        {
            mode = LoopMode.Open;
            key = key[..^5];
        }
        if (Aliases.TryGetValue(key, out var full)) key = full;
        if (!Table.TryGetValue(key, out var entry))
            throw new ArgumentException($"preset = '{name}' is not known: allowed presets are {string.Join(", ", Names)}");
        return entry.Build() with { Preset = name.Trim().ToLowerInvariant(), Mode = mode };
    }

    private static RunSettings RankOne() => new()
    {
        Epochs = 1000,
        Updates = UpdateSchedule.EveryEpoch,
        Plant = new PlantSettings { Kind = PlantKind.DoubleIntegrator },
        Network = new NetworkSettings
        {
            Hidden = 100, Inputs = 1, Outputs = 1, Activation = Activation.Linear, Recurrence = Recurrence.LowRank, Rank = 1, BulkGain = 0,
            Init = InitScheme.RankOnePaper, Trainable = ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights,
        },
        Episode = new EpisodeSettings { Steps = 50, Batch = 100, FirstControl = FirstControl.Zero, LossTiming = LossTiming.BeforeStep, InitialStates = InitialStates.Box(2.0) },
        Objective = new ObjectiveSettings
        {
            StateReduction = StateReduction.MeanElements, StateTime = TimeReduction.Mean,
            ControlReduction = ControlReduction.MeanBatch, ControlTime = TimeReduction.Sum, Beta = 0, ImitationTime = TimeReduction.Mean,
        },
        Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.01, ClipNorm = 1.0 },
        OpenLoop = new OpenLoopSettings { Variant = OpenLoopVariant.WhiteNoise },
        Evaluation = new EvaluationSettings { Count = 100, InitialStates = InitialStates.Box(2.0) },
        Snapshots = SnapshotSchedule.EveryEpoch,
    };

    private static RunSettings Tanh() => new()
    {
        Epochs = 1001,
        Updates = UpdateSchedule.SkipFirstEpoch,
        Plant = new PlantSettings { Kind = PlantKind.DoubleIntegrator },
        Network = new NetworkSettings
        {
            Hidden = 100, Inputs = 1, Outputs = 1, Activation = Activation.Tanh, Recurrence = Recurrence.Dense, BulkGain = 0.1,
            Init = InitScheme.SmallScale, Trainable = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights,
        },
        Episode = new EpisodeSettings { Steps = 50, Batch = 100, FirstControl = FirstControl.Zero, LossTiming = LossTiming.BeforeStep, InitialStates = InitialStates.Box(1.0) },
        Objective = new ObjectiveSettings
        {
            StateReduction = StateReduction.MeanElements, StateTime = TimeReduction.Sum,
            ControlReduction = ControlReduction.SumBatch, ControlTime = TimeReduction.Sum, Beta = 0.005, ImitationTime = TimeReduction.Sum,
        },
        Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.01, ClipNorm = 1.0 },
        OpenLoop = new OpenLoopSettings { Variant = OpenLoopVariant.WhiteNoise },
        Evaluation = new EvaluationSettings { Count = 10, InitialStates = InitialStates.Box(1.0) },
        Snapshots = SnapshotSchedule.LogSpaced,
    };

    private static RunSettings Tracking() => new()
    {
        Epochs = 10000,
        Updates = UpdateSchedule.SkipFirstEpoch,
        Plant = new PlantSettings { Kind = PlantKind.PointMass, Dt = 0.1, Clamp = 10.0 },
        Network = new NetworkSettings
        {
            Hidden = 100, Inputs = 4, Outputs = 2, Activation = Activation.Linear, Recurrence = Recurrence.Dense, Dt = 0.1, Tau = 1.0, BulkGain = 0.2,
            Init = InitScheme.TrackingPaper, Trainable = ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights,
        },
        Episode = new EpisodeSettings { Steps = 300, Batch = 100, FirstControl = FirstControl.ActFromStart, LossTiming = LossTiming.AfterStep, InitialStates = InitialStates.Origin },
        Objective = new ObjectiveSettings
        {
            Task = TaskKind.Tracking, StateReduction = StateReduction.SumDimsMeanBatch, StateTime = TimeReduction.Mean,
            Beta = 0, StepWeight = 0.1, ImitationTime = TimeReduction.Mean,
        },
        Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3, ClipNorm = null },
        Reference = new TrackingReference(),
        OpenLoop = new OpenLoopSettings
        {
            Variant = OpenLoopVariant.TeacherDrivenPlant,
            Trainable = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights,
        },
        Evaluation = new EvaluationSettings { Count = 10, InitialStates = InitialStates.Origin, SpectrumEvery = 10, Spectra = SpectrumKinds.Joint | SpectrumKinds.Network },
        Snapshots = SnapshotSchedule.LogSpaced,
    };

    private static RunSettings PaperText() => Tanh() with
    {
        Updates = UpdateSchedule.EveryEpoch,
        Epochs = 1000,
        Episode = Tanh().Episode with { LossTiming = LossTiming.AfterStep, InitialStates = InitialStates.Box(2.0) },
        Objective = Tanh().Objective with
        {
            StateReduction = StateReduction.SumDimsMeanBatch, StateTime = TimeReduction.Mean,
            ControlReduction = ControlReduction.MeanBatch, ControlTime = TimeReduction.Sum, Beta = 0, ImitationTime = TimeReduction.Mean,
        },
        Evaluation = Tanh().Evaluation with { InitialStates = InitialStates.Box(2.0) },
    };

    private static RunSettings ReproMain() => Tanh() with
    {
        Network = Tanh().Network with { Init = InitScheme.Reproduction, InputScale = 0.1, RecurrentScale = 0.1, OutputScale = 0.1 },
        Episode = Tanh().Episode with { InitialStates = InitialStates.Box(2.0) },
        Objective = Tanh().Objective with
        {
            StateReduction = StateReduction.SumDimsMeanBatch, StateTime = TimeReduction.Mean,
            ControlReduction = ControlReduction.SumBatch, ControlTime = TimeReduction.Mean, Beta = 0, ImitationTime = TimeReduction.Mean,
        },
        Evaluation = Tanh().Evaluation with { InitialStates = InitialStates.Box(2.0), GainFit = Theory.GainFit.Reproduction },
        EvalSeed = 12345, // the reproduction's fixed evaluation seed (docs/science/figures-and-studies.md §12.1)
    };

    private static RunSettings ReproArtifact() => ReproMain() with
    {
        Episode = Tanh().Episode,
        Objective = Tanh().Objective with { ImitationTime = TimeReduction.Mean },
        Evaluation = Tanh().Evaluation with { GainFit = Theory.GainFit.Reproduction },
    };

    private static RunSettings ReproLegacy() => ReproMain() with
    {
        Epochs = 1000,
        Updates = UpdateSchedule.EveryEpoch,
        Network = ReproMain().Network with { InputScale = 1.0, OutputScale = 1.0 },
        Episode = Tanh().Episode with { FirstControl = FirstControl.ActFromStart, LossTiming = LossTiming.AfterStep },
        Objective = ReproMain().Objective with { ControlReduction = ControlReduction.MeanBatch, ControlTime = TimeReduction.Mean, Beta = 0.005 },
        OpenLoop = new OpenLoopSettings { Variant = OpenLoopVariant.TeacherDrivenPlant },
        Evaluation = Tanh().Evaluation with { Count = 32, GainFit = Theory.GainFit.Reproduction },
    };
}
