using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The standalone check of Fig. 5 (docs/science/figures-and-studies.md §6, decision 12 of docs/science/decisions.md): the reduced model P_eff started from the
/// order parameters of the strict stabilisation epoch e_stab with β = 0 and trained on the base run's own batches of
/// epochs e_stab, e_stab + 1, … (the train-ic stream advanced by e_stab draws), against the base run's training loss
/// from e_stab on; and both final spectra.
/// </summary>
/// <param name="Start">The start epoch e_stab (the last epoch when the run never stabilised).</param>
/// <param name="BaseLoss">The base run's training loss at epochs Start, Start + 1, …, last.</param>
/// <param name="Reduced">The reduced-model history (entry j ↔ base epoch Start + j).</param>
/// <param name="BaseFinal">Eigenvalues of the base run's final weights.</param>
/// <param name="ReducedFinal">Cubic roots of the reduced model's final parameters.</param>
public sealed record Fig5Check(int Start, double[] BaseLoss, ReducedTrainingResult Reduced, Complex[] BaseFinal, Complex[] ReducedFinal)
{
    public static Fig5Check Of(RankOneRun run)
    {
        int es = run.Stages.EStab ?? run.Stages.LastEpoch;
        var settings = run.Record.Settings with { Epochs = run.Epochs - es };
        var reduced = RankOneRestarts.Reduced(run, es, settings, skipBatches: es);
        var loss = run.Record.Series("loss")[es..];
        return new Fig5Check(es, loss, reduced, Fig5.FinalRoots(run.Record), Fig5.FinalReducedRoots(reduced));
    }

    /// <summary>Relative difference of the two losses at the start (same batch, same order parameters: 0 up to rounding).</summary>
    public double StartGap => Math.Abs(BaseLoss[0] - Reduced.Losses[0]) / Math.Abs(BaseLoss[0]);

    /// <summary>Ratio reduced/full of the final training losses (same batch).</summary>
    public double FinalRatio => Reduced.Losses[^1] / BaseLoss[^1];
}
