using System.Globalization;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Studies;

/// <summary>The figures of the precision study: how far single precision drifts from double, and the long-horizon overflow.</summary>
public static class PrecisionPanels
{
    private static readonly Color[] Palette =
        [Color.FromHex("#1F77B4"), Color.FromHex("#D62728"), Color.FromHex("#2CA02C"), Color.FromHex("#9467BD"), Color.FromHex("#FF7F0E"), Color.FromHex("#8C564B")];

    /// <summary>The drift of every case and the long-horizon case's losses.</summary>
    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, IReadOnlyList<PrecisionCaseData> cases) =>
        [Drift(ctx, cases), LongHorizon(ctx, cases.First(c => !c.Case.Judged))];

    /// <summary>|D_single − D_double| / D_double per epoch for the first seed of every case (deployed loss; tracking: its training formula).</summary>
    private static FigureEntry Drift(ExperimentContext ctx, IReadOnlyList<PrecisionCaseData> cases)
    {
        var plot = Figures.Create("Single against double precision: relative difference of the deployed loss", "epoch", "|D_single − D_double| / D_double");
        LogAxis.Apply(plot.Axes.Left);
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = 0; k < cases.Count; k++)
        {
            var c = cases[k].Case;
            var p = cases[k].Seeds[0];
            var d = p.DoubleRun.Deployed;
            var s = p.SingleRun.Deployed;
            int n = Math.Min(d.Length, s.Length);
            var epochs = Enumerable.Range(0, n).Select(e => (double)e).ToArray();
            var rel = Enumerable.Range(0, n).Select(e => Math.Abs(s[e] - d[e]) / Math.Abs(d[e])).ToArray();
            for (int e = 0; e < n; e++) rows.Add([c.Name, p.Seed, e, d[e], s[e], rel[e]]);
            Series.Add(plot, epochs, LogAxis.Map(rel), new SeriesStyle { Color = Palette[k % Palette.Length], Legend = $"{c.Name} (seed {p.Seed})", LineWidth = 1.2f });
        }
        plot.ShowLegend(Alignment.LowerRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "precision_drift",
            new FigureData(["case", "seed", "epoch", "d_double", "d_single", "relative_difference"], rows), new FigureSize(1000, 600));
        return ctx.Entry(saved,
            "Single against double precision: the relative difference of the deployed loss between the two precisions of the same seed, per epoch (first seed of each case; gaps where they are equal or a run is not finite). "
            + "Float rounding (about 1e-7) is what separates the runs at first; training amplifies it where the dynamics are sensitive.");
    }

    /// <summary>The training loss of every seed of the long-horizon case in both precisions (single dashed; an overflowed run has no finite loss).</summary>
    private static FigureEntry LongHorizon(ExperimentContext ctx, PrecisionCaseData lh)
    {
        var plot = Figures.Create($"{lh.Case.Name}: training loss in double (solid) and single (dashed) precision", "epoch", "training loss");
        LogAxis.Apply(plot.Axes.Left);
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = 0; k < lh.Seeds.Count; k++)
        {
            var p = lh.Seeds[k];
            var color = Palette[k % Palette.Length];
            foreach (var (run, line, name) in new[] { (p.DoubleRun, LineKind.Solid, "double"), (p.SingleRun, LineKind.Dashed, "single") })
            {
                var loss = run.Loss;
                var epochs = Enumerable.Range(0, loss.Length).Select(e => (double)e).ToArray();
                for (int e = 0; e < loss.Length; e++) rows.Add([p.Seed, name, e, loss[e]]);
                string label = name == "double" ? $"seed {p.Seed}" + (p.SingleOverflowed ? $" (single overflows at epoch {p.SingleRun.FirstNonFiniteEpoch?.ToString(CultureInfo.InvariantCulture)})" : "") : null!;
                Series.Add(plot, epochs, LogAxis.Map(loss), new SeriesStyle { Color = color, Line = line, LineWidth = 1.2f, Legend = name == "double" ? label : null });
            }
        }
        Decorations.HorizontalReference(plot, Math.Log10(float.MaxValue));
        Decorations.Label(plot, "float32 maximum 3.4e38", 0, Math.Log10(float.MaxValue), Alignment.LowerLeft, Figures.Reference, 11);
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "precision_long_horizon", new FigureData(["seed", "precision", "epoch", "loss"], rows), new FigureSize(1000, 600));
        return ctx.Entry(saved,
            $"{lh.Case.Name} (the horizon study's longest episode): Stage 1 drives the loss towards ρ(P)^(2T); where that passes float32's largest number (dotted) the single-precision run (dashed) has no finite loss, while double precision (solid) trains.");
    }
}
