using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// The tanh network of Fig. 1c (preset <c>tanh</c> = <c>nl-published</c>, docs/science/figures-and-studies.md §1): the
/// run of one seed, shared by Figs 1c and 2 and the Adam and nonlinear studies (its open twin by Figs 1c, 2 and the
/// Adam study), and the shorter run the β and T studies vary.
/// </summary>
public static class TanhBase
{
    /// <summary>The Fig. 1c run of one seed: 1001 epochs (smoke: 30, sized down).</summary>
    public static RunSettings Settings(ExperimentContext ctx, long seed) =>
        Sizing.Apply(Presets.Get("tanh") with { Seed = seed, Epochs = ctx.BySize(30, 1001, 1001) }, ctx.Size);

    /// <summary>
    /// The run the β and T studies vary: 600 updates (601 checkpoints) at quick size to fit the budget, the Fig. 1c run
    /// (1001 epochs) at full size, so the β = 0.005, T = 50 runs are shared with Figs 1c/2 there.
    /// </summary>
    public static RunSettings StudySettings(ExperimentContext ctx, long seed) =>
        Sizing.Apply(Presets.Get("tanh") with { Seed = seed, Epochs = ctx.BySize(30, 601, 1001) }, ctx.Size);

    /// <summary>The closed/open pairs of the Fig. 1c runs of <paramref name="seeds"/>, keyed by seed.</summary>
    public static RunGrid<long> Pairs(ExperimentContext ctx, IReadOnlyList<long> seeds) =>
        new RunGrid<long>().AddPairs(seeds, s => Settings(ctx, s));
}
