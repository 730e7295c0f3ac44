using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// The random content of one batch: initial states (n_b×k, sample-major) and, for tracking, the reference phases
/// (n_b × components). Everything a rollout needs is derived from it, as a plain batch or as a superposition basis.
/// </summary>
internal sealed record BatchDraw(int Batch, double[] InitialStates, double[]? Phases);

/// <summary>Draws batches in a fixed order from explicit streams (model.md §9).</summary>
internal static class BatchSampler
{
    /// <summary>
    /// Initial states: U(−L, L) per component drawn as one call <c>FillUniform(n_b·k)</c>, sample-major; a fixed
    /// state repeated; or zeros.
    /// </summary>
    public static double[] InitialStates(InitialStates init, int batch, int k, RandomStream rng)
    {
        var x0 = new double[batch * k];
        switch (init.Kind)
        {
            case InitialStateKind.UniformBox:
                rng.FillUniform(x0, -init.HalfWidth, init.HalfWidth);
                break;
            case InitialStateKind.Fixed:
                for (int b = 0; b < batch; b++)
                    for (int i = 0; i < k; i++) x0[b * k + i] = init.State![i];
                break;
        }
        return x0;
    }

    /// <summary>A training or evaluation batch: initial states from <paramref name="states"/>, phases from <paramref name="phases"/>.</summary>
    public static BatchDraw Draw(InitialStates init, int batch, int k, TrackingReference? reference, RandomStream states, RandomStream phases)
    {
        var x0 = InitialStates(init, batch, k, states);
        var ph = reference?.DrawPhases(phases, batch);
        return new BatchDraw(batch, x0, ph);
    }
}
