using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>The settings × criteria heatmap of the robustness grid: colour = supported/total, text "s/t", failures "F&lt;n&gt;".</summary>
public static class RobustnessHeatmap
{
    public static FigureEntry Draw(ExperimentContext ctx, IReadOnlyList<RobustnessRow> rows)
    {
        var criteria = RobustnessRow.Criteria;
        int nx = criteria.Count, ny = rows.Count;
        // Heatmap rows are drawn bottom-up; the first setting goes on top.
        var values = new double[ny, nx];
        var data = new List<IReadOnlyList<object?>>();
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                var r = rows[j];
                var s = r.Support(i);
                values[ny - 1 - j, i] = r.Seeds.Count == 0 ? double.NaN : s.Supported / (double)r.Seeds.Count;
                data.Add([r.Setting.Name, criteria[i].Name, s.Supported, s.Evaluated, s.Failures, r.Seeds.Count]);
            }
        var plot = Figures.Create("Robustness grid: supporting seeds per setting");
        var heatmap = plot.Add.Heatmap(values);
        heatmap.FlipVertically = true;
        // ScottPlot centres the edge cells on the extent (docs/reporting.md): cell (i, j) is centred on (i, j).
        heatmap.Extent = new CoordinateRect(0, nx - 1, 0, ny - 1);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "supported / total";
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double v = values[ny - 1 - j, i];
                var label = Decorations.Label(plot, rows[j].Cell(i), i, ny - 1 - j, Alignment.MiddleCenter, v > 0.6 ? Colors.Black : Colors.White, 12);
                label.LabelBold = true;
            }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, nx).Select(i => (double)i).ToArray(), criteria.Select(c => c.Name).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, ny).Select(j => (double)(ny - 1 - j)).ToArray(), rows.Select(r => r.Setting.Name).ToArray());
        plot.Axes.SetLimits(-0.5, nx - 0.5, -0.5, ny - 0.5);
        plot.Grid.IsVisible = false;
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "robustness_heatmap",
            new FigureData(["setting", "criterion", "supported", "evaluated", "failed", "seeds"], data), new FigureSize(900, 700));
        return ctx.Entry(saved,
            $"Robustness grid ({rows.FirstOrDefault()?.Seeds.Count ?? 0} seeds per setting): for each single-factor setting (rows) and criterion (columns) the number of supporting seeds over the total; F<n> marks failed (non-finite) seeds; colour = supported/total.");
    }
}
