using System.Globalization;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>Stage panels of the paired protocol: the crossing-epoch histogram and the stage raster (one row per seed).</summary>
public static class StageFigures
{
    /// <summary>Histogram of the persistent crossing epochs e2 of the closed learners (blue) and their open students (red).</summary>
    public static FigureEntry CrossingHistogram(ExperimentContext ctx, IReadOnlyList<PairMeasures> measures)
    {
        var closed = measures.Where(m => !m.Failed && m.Spectral.Stage2End is not null).Select(m => (double)m.Spectral.Stage2End!.Value).ToList();
        var open = measures.Where(m => !m.Failed && m.OpenCrossing is not null).Select(m => (double)m.OpenCrossing!.Value).ToList();
        var all = closed.Concat(open).ToList();
        double width = BinWidth(all.Count == 0 ? 1 : all.Max() - all.Min());
        int first = all.Count == 0 ? 0 : (int)Math.Floor(all.Min() / width), last = all.Count == 0 ? 0 : (int)Math.Floor(all.Max() / width);
        var plot = Figures.Create("Crossing epochs over seeds", "crossing epoch e2 (ρ(P) < 1 for 5 epochs)", "seeds");
        var rows = new List<IReadOnlyList<object?>>();
        int top = 1;
        for (int b = first; b <= last; b++)
        {
            double lo = b * width;
            int c = closed.Count(x => x >= lo && x < lo + width), o = open.Count(x => x >= lo && x < lo + width);
            rows.Add([lo, lo + width, c, o]);
            top = Math.Max(top, Math.Max(c, o));
            Bar(plot, lo, lo + width / 2, c, Figures.ClosedLoop);
            Bar(plot, lo + width / 2, lo + width, o, Figures.OpenLoop);
        }
        Decorations.Point(plot, double.NaN, double.NaN, Figures.ClosedLoop, MarkerShape.FilledSquare, legend: $"closed learner ({closed.Count} of {measures.Count} cross)");
        Decorations.Point(plot, double.NaN, double.NaN, Figures.OpenLoop, MarkerShape.FilledSquare, legend: $"open student ({open.Count} of {measures.Count} cross)");
        // Whole seeds on the count axis, headroom for the legend, one empty bin on each side.
        int step = Math.Max(1, (int)Math.Ceiling(top / 10.0));
        var ticks = Enumerable.Range(0, top / step + 1).Select(k => (double)(k * step)).ToArray();
        plot.Axes.Left.SetTicks(ticks, ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits((first - 1) * width, (last + 2) * width, 0, top * 1.35 + 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "paired_crossing_histogram", new FigureData(["bin_lo", "bin_hi", "closed_seeds", "open_seeds"], rows));
        return ctx.Entry(saved,
            $"Paired protocol: histogram of the persistent crossing epochs e2 (ρ(P) < 1 for 5 epochs) of the closed learners (blue) and of their open students (red), bins of {width:G3} epochs.");
    }

    /// <summary>One row per seed: Stage 1 [0, e1], Stage 2 [e1, e2], Stage 3 [e2, end] of the closed learner on a log-epoch axis, with the open student's peak epoch.</summary>
    public static FigureEntry Raster(ExperimentContext ctx, IReadOnlyList<PairMeasures> measures, int epochs)
    {
        int n = measures.Count;
        var plot = Figures.Create("Stages of the closed learner per seed", "epoch", "seed");
        var rows = new List<IReadOnlyList<object?>>();
        double end = epochs - 1;
        for (int i = 0; i < n; i++)
        {
            var m = measures[i];
            double e1 = PairQuantities.Epoch(m.Spectral.Stage1End), e2 = PairQuantities.Epoch(m.Spectral.Stage2End);
            double s2 = double.IsNaN(e1) ? double.NaN : e1, s3 = double.IsNaN(e2) ? end : e2;
            if (!double.IsNaN(e1)) Block(plot, 0, e1, i, Figures.StageFills[0]);
            else Block(plot, 0, s3, i, Colors.LightGray);
            if (!double.IsNaN(s2)) Block(plot, s2, s3, i, Figures.StageFills[1]);
            if (!double.IsNaN(e2)) Block(plot, e2, end, i, Figures.StageFills[2]);
            if (m.Failed) Decorations.Label(plot, "failed", LogAxis.MapEpoch(0), i, Alignment.MiddleLeft);
            if (m.Peak.PeakEpoch is { } pk) Decorations.Point(plot, LogAxis.MapEpoch(pk), i, Figures.OpenLoop, MarkerShape.FilledTriangleDown, 9);
            rows.Add([m.Seed, m.Spectral.Stage1End, m.Spectral.Stage2End, epochs - 1, m.Peak.PeakEpoch, m.Failed]);
        }
        for (int k = 0; k < 3; k++) Decorations.Point(plot, double.NaN, double.NaN, Figures.StageFills[k].WithAlpha(1.0), MarkerShape.FilledSquare, legend: $"Stage {k + 1}");
        Decorations.Point(plot, double.NaN, double.NaN, Colors.LightGray, MarkerShape.FilledSquare, legend: "no e1 detected");
        Decorations.Point(plot, double.NaN, double.NaN, Figures.OpenLoop, MarkerShape.FilledTriangleDown, 9, legend: "open student's peak epoch");
        LogAxis.Apply(plot.Axes.Bottom);
        var ticks = Enumerable.Range(0, n).Where(i => n <= 25 || i % 5 == 0).ToArray();
        plot.Axes.Left.SetTicks(ticks.Select(i => (double)i).ToArray(), ticks.Select(i => measures[i].Seed.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(LogAxis.Map(0.7), LogAxis.MapEpoch(end + 5), n - 0.5, -0.5);
        plot.ShowLegend(Edge.Right);
        var size = new FigureSize(1000, Math.Max(420, 140 + 22 * Math.Min(n, 50)));
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "paired_stage_raster", new FigureData(["seed", "e1", "e2", "end", "open_peak_epoch", "failed"], rows), size);
        return ctx.Entry(saved,
            "Paired protocol: stage raster of the closed learners, one row per seed (spectral detector: Stage 1 up to e1, Stage 2 up to the persistent crossing e2, Stage 3 after), log-epoch axis; red triangles: the open student's deployed-loss peak epoch.");
    }

    /// <summary>A bin width from 1, 2, 2.5, 5 × 10^k giving about 12 bins over <paramref name="range"/>.</summary>
    public static double BinWidth(double range)
    {
        double raw = Math.Max(range, 1) / 12;
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
            if (f * p >= raw) return Math.Max(1, f * p);
        return Math.Max(1, 10 * p);
    }

    private static void Bar(Plot plot, double x1, double x2, int count, Color color)
    {
        if (count == 0) return;
        var r = plot.Add.Rectangle(x1, x2, 0, count);
        r.FillColor = color;
        r.LineColor = Colors.Black;
        r.LineWidth = 0.5f;
    }

    private static void Block(Plot plot, double e0, double e1, int row, Color color)
    {
        if (!(e1 > e0) && e0 != 0) return;
        var r = plot.Add.Rectangle(LogAxis.MapEpoch(e0), LogAxis.MapEpoch(Math.Max(e1, e0)), row - 0.38, row + 0.38);
        r.FillColor = color.WithAlpha(1.0);
        r.LineColor = Colors.Gray;
        r.LineWidth = 0.5f;
    }
}
