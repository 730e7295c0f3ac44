using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// The random content of one batch: initial states (n_b×k, sample-major) and, for tracking, the reference phases
/// (n_b × components). Everything a rollout needs is derived from it, as a plain batch or as a superposition basis.
/// A part of a larger batch keeps the full batch size in <see cref="LossBatch"/>, which the loss reductions use, so
/// that the losses of the parts add up to the loss of the whole batch.
/// </summary>
internal sealed record BatchDraw(int Batch, double[] InitialStates, double[]? Phases)
{
    /// <summary>The batch size of the loss reductions (the whole batch when this draw is one part of it).</summary>
    public int LossBatch { get; init; } = Batch;

    /// <summary>Buffers for a batch of <paramref name="batch"/> states of size k and <paramref name="phasesPerSample"/> phases each.</summary>
    public static BatchDraw Allocate(int batch, int k, int phasesPerSample, int lossBatch) =>
        new(batch, new double[batch * k], phasesPerSample > 0 ? new double[batch * phasesPerSample] : null) { LossBatch = lossBatch };

    /// <summary>Copies samples [start, start + Batch) of <paramref name="whole"/> into this draw's buffers.</summary>
    public void CopyPartOf(BatchDraw whole, int start)
    {
        int k = InitialStates.Length / Batch;
        whole.InitialStates.AsSpan(start * k, Batch * k).CopyTo(InitialStates);
        if (Phases is not null)
        {
            int m = Phases.Length / Batch;
            whole.Phases.AsSpan(start * m, Batch * m).CopyTo(Phases);
        }
    }
}

/// <summary>Draws batches in a fixed order from explicit streams (docs/science/model-and-training.md §9).</summary>
internal static class BatchSampler
{
    /// <summary>
    /// Initial states: U(−L, L) per component drawn as one call <c>FillUniform(n_b·k)</c>, sample-major; a fixed
    /// state repeated; or zeros.
    /// </summary>
    public static void InitialStates(InitialStates init, Span<double> x0, int k, RandomStream rng)
    {
        switch (init.Kind)
        {
            case InitialStateKind.UniformBox:
                rng.FillUniform(x0, -init.HalfWidth, init.HalfWidth);
                break;
            case InitialStateKind.Fixed:
                for (int b = 0; b < x0.Length / k; b++)
                    for (int i = 0; i < k; i++) x0[b * k + i] = init.State![i];
                break;
            default:
                x0.Clear();
                break;
        }
    }

    /// <summary>A new training or evaluation batch: initial states from <paramref name="states"/>, phases from <paramref name="phases"/>.</summary>
    public static BatchDraw Draw(InitialStates init, int batch, int k, TrackingReference? reference, RandomStream states, RandomStream phases)
    {
        var draw = BatchDraw.Allocate(batch, k, reference?.Components.Count ?? 0, batch);
        DrawInto(draw, init, k, reference, states, phases);
        return draw;
    }

    /// <summary>Refills <paramref name="draw"/> (same order of draws as <see cref="Draw"/>); allocates nothing.</summary>
    public static void DrawInto(BatchDraw draw, InitialStates init, int k, TrackingReference? reference, RandomStream states, RandomStream phases)
    {
        InitialStates(init, draw.InitialStates, k, states);
        if (reference is not null) reference.DrawPhasesInto(phases, draw.Batch, draw.Phases!);
    }
}
