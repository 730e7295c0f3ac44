using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The baseline of the independent reproduction's multi-seed protocols (docs/science/figures-and-studies.md §12.1): the <c>repro-main</c>
/// preset (tanh N = 100, I-RP scales 0.1, SGD 0.01, clip 1, 1001 epochs without an update at epoch 0, batch 100,
/// T = 50, β = 0, x₀ ~ U(−2, 2)², white-noise open loop), evaluated after every epoch on 10 fixed initial states
/// (evaluation seed 12345) with the reproduction's ridge gain fit including t = 0 (both set by the preset).
/// </summary>
public static class ProtocolBaseline
{
    /// <summary>The preset of §12.1.</summary>
    public const string Preset = "repro-main";

    /// <summary>The preset of the protocol-sensitivity variant of §12.2.</summary>
    public const string ArtifactPreset = "repro-artifact";

    /// <summary>
    /// The closed-loop settings of one seed: <paramref name="preset"/> with <paramref name="epochs"/> and the given
    /// spectra, after <paramref name="change"/> (a single-factor change of the robustness grid, or none), shrunk by
    /// <see cref="Sizing.Apply"/> for the smoke size.
    /// </summary>
    public static RunSettings Closed(ExperimentSize size, long seed, int epochs, SpectrumKinds spectra,
        Func<RunSettings, RunSettings>? change = null, string preset = Preset)
    {
        var s = Presets.Get(preset) with { Seed = seed, Epochs = epochs };
        s = s with { Evaluation = s.Evaluation with { Spectra = spectra } };
        return Sizing.Apply((change ?? (x => x))(s), size);
    }

    /// <summary>
    /// The note every claim of a protocol carries at the quick and smoke sizes: these sizes check the pipeline of a
    /// protocol meant for <paramref name="fullSeeds"/> seeds; null at the full size.
    /// </summary>
    public static string? SizeNote(ExperimentContext ctx, int seeds, int fullSeeds, string? epochs = null)
    {
        if (ctx.Size == ExperimentSize.Full) return null;
        string size = ctx.Size.ToString().ToLowerInvariant();
        return $"{size} size: a pipeline check of a protocol meant for {fullSeeds} seeds (run with {seeds}{(epochs is null ? "" : ", " + epochs)}); support counts are not evidence at this size";
    }
}

/// <summary>One seed of a protocol measured: the pair's measures, both learners' series, and their run directories.</summary>
/// <param name="Measures">What the protocol measures on the pair.</param>
/// <param name="Closed">The closed learner's series.</param>
/// <param name="Open">The open student's series.</param>
/// <param name="ClosedRun">The closed run's directory name under <c>runs/</c>.</param>
/// <param name="OpenRun">The open run's directory name.</param>
public sealed record ProtocolPair(PairMeasures Measures, LearnerSeries Closed, LearnerSeries Open, string ClosedRun, string OpenRun) : ISeeded
{
    public long Seed => Measures.Seed;

    /// <summary>Measures a pair, with D read from <paramref name="deployedColumn"/> of both runs.</summary>
    public static ProtocolPair Of(SeedPair p, string deployedColumn = "test_loss")
    {
        var closed = LearnerSeries.Of(p.Closed, deployedColumn);
        var open = LearnerSeries.Of(p.Open, deployedColumn);
        return new ProtocolPair(PairMeasures.Compute(p.Seed, closed, open), closed, open, Path.GetFileName(p.Closed.Directory), Path.GetFileName(p.Open.Directory));
    }
}
