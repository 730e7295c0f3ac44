using System.Globalization;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The grouped bar figure of the generalisation protocol (docs/science/figures-and-studies.md §12.5): per variant (groups) the fraction of
/// its seeds that support each criterion (bars, in fixed colours); failed seeds count as not supporting and are marked
/// "F&lt;n&gt;" above the group; criteria that cannot be measured for a variant are marked "n/a".
/// </summary>
public static class GeneralisationFigure
{
    private static readonly Color[] Palette = [Color.FromHex("#D62728"), Color.FromHex("#1F77B4"), Color.FromHex("#2CA02C"), Color.FromHex("#9467BD")];

    public static FigureEntry Draw(ExperimentContext ctx, IReadOnlyList<GeneralisationRow> rows)
    {
        var criteria = GeneralisationRow.Criteria;
        const double GroupWidth = 0.8;
        double width = GroupWidth / criteria.Count;
        var plot = Figures.Create("Generalisation variants: supporting seeds per criterion", null, "supporting seeds / seeds");
        var data = new List<IReadOnlyList<object?>>();
        var bars = new List<Bar>();
        for (int g = 0; g < rows.Count; g++)
        {
            var r = rows[g];
            for (int k = 0; k < criteria.Count; k++)
            {
                double x = g - GroupWidth / 2 + (k + 0.5) * width;
                var s = r.Support(k);
                double fraction = s is null || r.Seeds.Count == 0 ? double.NaN : s.Supported / (double)r.Seeds.Count;
                data.Add([r.Variant.Name, criteria[k].Name, s?.Supported, s?.Evaluated, s?.Failures, r.Seeds.Count, fraction]);
                if (s is null) Decorations.Label(plot, "n/a", x, 0.01, Alignment.LowerCenter, Colors.Gray, 10);
                else if (fraction == 0) Decorations.Label(plot, "0", x, 0.01, Alignment.LowerCenter, Palette[k], 10);
                else bars.Add(new Bar { Position = x, Value = fraction, FillColor = Palette[k], Size = width * 0.9, LineWidth = 0 });
            }
            if (r.Failures > 0) Decorations.Label(plot, $"F{r.Failures}", g, 1.04, Alignment.LowerCenter, Colors.Black, 11);
        }
        plot.Add.Bars(bars);
        for (int k = 0; k < criteria.Count; k++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = criteria[k].Name, FillColor = Palette[k] });
        for (int g = 1; g < rows.Count; g++) plot.Add.VerticalLine(g - 0.5, 1, Colors.LightGray);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(g => (double)g).ToArray(),
            rows.Select(r => $"{r.Variant.Name}\n({r.Seeds.Count.ToString(CultureInfo.InvariantCulture)} seed{(r.Seeds.Count == 1 ? "" : "s")})").ToArray());
        plot.Axes.Left.SetTicks([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"]);
        plot.Axes.SetLimits(-0.5, rows.Count - 0.5, 0, 1.22);
        plot.ShowLegend(Alignment.UpperCenter);
        plot.Legend.Orientation = Orientation.Horizontal;
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "generalisation_support",
            new FigureData(["variant", "criterion", "supported", "evaluated", "failed", "seeds", "fraction"], data), new FigureSize(1100, 600));
        int failed = rows.Sum(r => r.Failures);
        return ctx.Entry(saved,
            $"Generalisation variants (experiments §12.5): for each variant (groups; seeds in brackets) the fraction of seeds (0 written where none) with an open-loop post-initial peak of D, a final relative gap above 5 %, a stabilising joint Jacobian of the closed learner, and three spectral stages (n/a: no position gain){(failed > 0 ? $"; F<n>: n failed (non-finite) seeds, counted as not supporting" : "")}.");
    }
}
