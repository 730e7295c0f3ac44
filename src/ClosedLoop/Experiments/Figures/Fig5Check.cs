using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

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
        var reduced = Fig5.Reduced(run, es, settings, skipBatches: es);
        var loss = run.Record.Series("loss")[es..];
        return new Fig5Check(es, loss, reduced, Fig5.FinalRoots(run.Record), Fig5.FinalReducedRoots(reduced));
    }

    /// <summary>Relative difference of the two losses at the start (same batch, same order parameters: 0 up to rounding).</summary>
    public double StartGap => Math.Abs(BaseLoss[0] - Reduced.Losses[0]) / Math.Abs(BaseLoss[0]);

    /// <summary>Ratio reduced/full of the final training losses (same batch).</summary>
    public double FinalRatio => Reduced.Losses[^1] / BaseLoss[^1];

    public static FigureEntry Panel(ExperimentContext ctx, Fig5Seed s)
    {
        var c = s.Check;
        var plot = Figures.Create($"Fig. 5 check — from e_stab = {c.Start}, β = 0 (seed {s.Base.Seed})", "epochs after e_stab", "training loss");
        var x = LogAxis.MapEpochs(Enumerable.Range(0, c.BaseLoss.Length).Select(e => (double)e));
        Series.Add(plot, x, LogAxis.Map(c.BaseLoss), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = "base run (full model)" });
        Series.Add(plot, x, LogAxis.Map(c.Reduced.Losses), new SeriesStyle { Color = Colors.Black, LineWidth = 2, Line = LineKind.Dashed, Legend = "reduced P_eff, same batches" });
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerLeft);
        var rows = Enumerable.Range(0, c.BaseLoss.Length).Select(j => (IReadOnlyList<object?>)[c.Start + j, c.BaseLoss[j], c.Reduced.Losses[j]]);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig5_check", new FigureData(["epoch", "full_loss", "reduced_loss"], rows.ToList()));
        Fig4.WriteFigureTable(ctx, "fig5_check_spectra.csv", ["model", "re", "im"],
            c.BaseFinal.Select(l => (IReadOnlyList<object?>)["full", l.Real, l.Imaginary]).Concat(c.ReducedFinal.Select(l => (IReadOnlyList<object?>)["reduced", l.Real, l.Imaginary])));
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 5 standalone check (seed {s.Base.Seed}): the base run's training loss from e_stab = {c.Start} (solid) and the reduced model started there with β = 0 on the same batches (dashed); final spectra in fig5_check_spectra.csv.");
    }
}
