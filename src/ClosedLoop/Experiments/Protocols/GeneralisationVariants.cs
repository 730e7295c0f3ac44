using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// One variant of the generalisation protocol (docs/science/figures-and-studies.md §12.5; docs/science/figures-and-studies.md §12.5): a
/// preset that changes the §12.1 baseline, its seeds at the full size, and whether the spectral three-stage detector
/// can be applied (it needs the position gain k₁ of a two-state, one-control plant).
/// </summary>
/// <param name="Name">Short name (a row of the summary table).</param>
/// <param name="Preset">The preset of the closed learner (the open student is its <c>-open</c> twin).</param>
/// <param name="Change">What changes from the baseline, as in the spec's table.</param>
/// <param name="FullSeeds">Seeds 0..FullSeeds−1 at the full size.</param>
/// <param name="HasPositionGain">True when k₁ exists, so the spectral stages can be measured.</param>
public sealed record GeneralisationVariant(string Name, string Preset, string Change, int FullSeeds, bool HasPositionGain);

/// <summary>The seven variants of docs/science/figures-and-studies.md §12.5 and the closed-loop settings of one seed of each.</summary>
public static class GeneralisationVariants
{
    /// <summary>The variants in the order of the spec's table.</summary>
    public static IReadOnlyList<GeneralisationVariant> All { get; } =
    [
        new("tanh", ProtocolBaseline.Preset, "none (the §12.1 baseline)", 10, true),
        new("gru", "gru", "GRU cell N = 100 (I-GRU), Adam 0.003", 10, true),
        new("low-rank", "repro-lowrank", "I-RP-LR: rank 1, linear, g = 0.1 fixed bulk, input and readout trained", 10, true),
        new("tracking", "repro-tracking", "deterministic two-axis reference, point mass with clamp ±10, linear N = 100, T = 100, Adam 0.001, teacher-driven open loop", 10, false),
        new("simple ring", "ring-simple", "ring task (angle and velocity observed, constant target), GRU N = 64, T = 80, Adam 0.003, teacher-driven open loop", 10, true),
        new("hard ring, GRU", "ring-hard", "ring without velocity observation, moving target (1.2, 0.04), velocity penalty 0.05, β = 0.002, T = 100, after-step loss, GRU N = 64, Adam 0.003", 20, true),
        new("hard ring, tanh", "ring-hard-tanh", "the hard ring with tanh N = 100, SGD 0.01", 20, true),
    ];

    /// <summary>The variant named <paramref name="name"/>.</summary>
    public static GeneralisationVariant Get(string name) => All.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"generalisation.variant = '{name}' is not known: allowed are {string.Join(", ", All.Select(v => v.Name))}");

    /// <summary>
    /// Seeds of <paramref name="v"/> at the context's size: the spec's 10 or 20 at the full size; at the quick size five
    /// for tanh (the runs of the paired protocol, reused) and one for every other variant (CPU budget); one at smoke.
    /// </summary>
    public static IReadOnlyList<long> Seeds(ExperimentContext ctx, GeneralisationVariant v) =>
        ctx.Seeds(quick: v.Preset == ProtocolBaseline.Preset ? 5 : 1, full: v.FullSeeds, smoke: 1);

    /// <summary>
    /// The closed-loop settings of one seed: the variant's preset with every epoch evaluated and the spectrum of the
    /// joint Jacobian at the origin recorded (ρ(W) too for the leaky RNN); the tanh variant is exactly the paired
    /// protocol's run, so the two protocols share it.
    /// </summary>
    public static RunSettings Closed(ExperimentContext ctx, GeneralisationVariant v, long seed)
    {
        if (v.Preset == ProtocolBaseline.Preset) return PairedCore.Closed(ctx, seed);
        var s = Presets.Get(v.Preset);
        var spectra = s.Network.Cell == Controllers.Cell.Gru ? SpectrumKinds.Joint : SpectrumKinds.Joint | SpectrumKinds.Network;
        s = s with { Seed = seed, Epochs = ctx.BySize(30, s.Epochs, s.Epochs), Evaluation = s.Evaluation with { Spectra = spectra, SpectrumEvery = 1 } };
        return Sizing.Apply(s, ctx.Size);
    }
}
