using ClosedLoop.Runs;
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

    /// <summary>The open-loop twin of <paramref name="closed"/>: same settings and seed (so the same initial weights), mode open.</summary>
    public static RunSettings Open(RunSettings closed) => closed with { Mode = LoopMode.Open, Preset = closed.Preset + "-open" };

    /// <summary>
    /// The closed/open pairs of every settings in <paramref name="closed"/>, trained (or reused) in one call of the run
    /// cache: the closed runs first, then the open students, each phase in parallel.
    /// </summary>
    public static IReadOnlyList<SeedPair> Pairs(ExperimentContext ctx, IReadOnlyList<RunSettings> closed)
    {
        var runs = ctx.Runs.GetAll(closed.SelectMany(s => new[] { s, Open(s) }).ToList());
        return closed.Select((s, i) => new SeedPair(s.Seed, runs[2 * i], runs[2 * i + 1])).ToList();
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
