using System.Globalization;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The figure of the control-penalty trade-off (docs/science/figures-and-studies.md §12.4): the conditional fraction count/#I_s of each
/// component, one dot per run, grouped by β (components side by side within a group, in fixed colours).
/// </summary>
public static class TradeOffFigure
{
    private static readonly Color[] Palette =
        [Color.FromHex("#1F77B4"), Color.FromHex("#FF7F0E"), Color.FromHex("#2CA02C"), Color.FromHex("#D62728"), Color.FromHex("#9467BD"), Color.FromHex("#8C564B")];

    public static FigureEntry Draw(ExperimentContext ctx, IReadOnlyList<TradeOffRun> runs)
    {
        var betas = runs.Select(r => r.Beta).Distinct().OrderBy(b => b).ToList();
        var components = Enum.GetValues<TradeOffComponent>();
        const double GroupWidth = 0.8;
        double step = GroupWidth / components.Length;
        var plot = Figures.Create("Horizon trade-off: conditional fraction per component", "control penalty β", "conditional fraction count / #I_s");
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = 0; k < components.Length; k++)
        {
            var c = components[k];
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var r in runs.Where(r => r.Result is not null))
            {
                int g = betas.IndexOf(r.Beta);
                int within = runs.Where(q => q.Beta == r.Beta && q.Result is not null).ToList().IndexOf(r);
                double x = g - GroupWidth / 2 + (k + 0.5) * step + (within % 3 - 1) * step * 0.22;
                xs.Add(x);
                ys.Add(r.Result![c].Fraction);
                rows.Add([r.Beta, r.Seed, ControlPenaltyTradeOff.ComponentName(c), r.Result[c].Count, r.Result[c].Fraction, r.Result[c].Supported]);
            }
            Series.Add(plot, xs, ys, new SeriesStyle { Color = Palette[k], Line = LineKind.None, Marker = MarkerShape.FilledCircle, MarkerSize = 7, Legend = ControlPenaltyTradeOff.ComponentName(c) });
        }
        Decorations.HorizontalReference(plot, 0.1, LineKind.Dotted);
        for (int g = 1; g < betas.Count; g++) plot.Add.VerticalLine(g - 0.5, 1, Colors.LightGray);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, betas.Count).Select(g => (double)g).ToArray(),
            betas.Select(b => b.ToString("G3", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, betas.Count - 0.5, -0.03, 1.12);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.Orientation = Orientation.Horizontal;
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "tradeoff_fractions",
            new FigureData(["beta", "seed", "component", "count", "fraction", "supported"], rows), new FigureSize(900, 600));
        int failed = runs.Count(r => r.Result is null);
        return ctx.Entry(saved,
            $"Control-penalty trade-off: for each β (groups) and component of the horizon trade-off metric (colours) the conditional fraction count/#I_s of every run (dots); dotted line at the support fraction 0.1{(failed > 0 ? $"; {failed} failed runs not shown" : "")}.");
    }
}
