using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>The panels of Fig. 2 (docs/science/figures-and-studies.md §2) for the figure seed, drawn as the paper draws them.</summary>
internal static class Fig2Panels
{
    private const double Min = -1.2, Max = 0.6;
    private const double ZoomK1Min = -0.06, ZoomK1Max = 0.02, ZoomK2Min = -0.06, ZoomK2Max = 0.04;

    /// <summary>Writes <c>fig2_paths.csv</c> (epoch, learner, k1, k2, class) and <c>fig2b_stability.csv</c> (k1, k2, class).</summary>
    public static void WritePaths(ExperimentContext ctx, Fig2Learners r)
    {
        CsvWriter.WriteTable(Path.Combine(ctx.FiguresDirectory, "fig2_paths.csv"), ["epoch", "learner", "k1", "k2", "class"],
            PathRows(r.Closed, "closed").Concat(PathRows(r.Open, "open")));
        CsvWriter.WriteTable(Path.Combine(ctx.FiguresDirectory, "fig2b_stability.csv"), ["k1", "k2", "class"],
            StabilityMap.GridPoints(Min, Max, 200).Select(p => (IReadOnlyList<object?>)[p.K1, p.K2, (int)p.Class]));
    }

    /// <summary>(a) Both deployed losses T·D on log–log axes, separation (silver) and stabilisation (gold) markers, stage and peak labels.</summary>
    public static FigureEntry Losses(ExperimentContext ctx, Fig2Learners r)
    {
        int n = r.ClosedLoss.Length;
        var epochs = Enumerable.Range(0, n).Select(e => (double)e).ToArray();
        var x = LogAxis.MapEpochs(epochs);
        var plot = Figures.Create($"Deployed loss, seed {r.Seed}", "epoch", "deployed loss T·D");
        if (r.Stages.Stage1End is { } e1)
            Decorations.StageSpans(plot, LogAxis.MapEpoch(0), LogAxis.MapEpoch(e1), LogAxis.MapEpoch(r.ClosedStab ?? double.NaN), LogAxis.MapEpoch(n - 1));
        foreach (var b in Fig2.PublishedMarkers) Decorations.ReferenceLine(plot, LogAxis.MapEpoch(b));
        Series.Add(plot, x, LogAxis.Map(r.ClosedLoss), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = "closed loop" });
        Series.Add(plot, x, LogAxis.Map(r.OpenLoss), new SeriesStyle { Color = Figures.OpenLoop, LineWidth = 2, Legend = "open loop" });
        if (r.Separation is { } sep) Decorations.Point(plot, LogAxis.MapEpoch(sep), LogAxis.Map(At(r.ClosedLoss, sep)), Figures.Silver, size: 12, legend: $"separation ({sep})");
        if (r.ClosedStab is { } st) Decorations.Point(plot, LogAxis.MapEpoch(st), LogAxis.Map(At(r.ClosedLoss, st)), Figures.Gold, size: 12, legend: $"stabilisation ({st})");
        StageLabels(plot, r, n);
        if (SeedRuns.ArgMax(r.OpenLoss.Select(v => (double?)v).ToArray(), 1) is { } pk)
            Decorations.Label(plot, "Peak", LogAxis.MapEpoch(pk), LogAxis.Map(r.OpenLoss[pk]), Alignment.LowerCenter, Figures.OpenLoop);
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(n + 5));
        plot.ShowLegend(Alignment.LowerLeft);
        var data = new FigureData(["epoch", "closed_deployed_loss_sum", "open_deployed_loss_sum", "marker"],
            epochs.Select((e, i) => (IReadOnlyList<object?>)[i, r.ClosedLoss[i], r.OpenLoss[i], i == r.Separation ? "separation" : i == r.ClosedStab ? "stabilization" : null]).ToList());
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig2a", data);
        return ctx.Entry(saved,
            $"Fig. 2a (seed {r.Seed}): closed- (blue) and open-loop (red) deployed losses T·D; silver = separation epoch {Text(r.Separation)}, gold = gain-system stabilisation {Text(r.ClosedStab)} (published 24 and 110, dotted).");
    }

    /// <summary>(b) Landscape ln(L/50) with the stability-class contours and both gain paths.</summary>
    public static FigureEntry Landscape(ExperimentContext ctx, Fig2Learners r)
    {
        var landscape = new Grid2D(Min, Max, Min, Max, GainLandscape.Grid(Min, Max, 50));
        var classes = new Grid2D(Min, Max, Min, Max, ToDouble(StabilityMap.Grid(Min, Max, 200)));
        var plot = Figures.Create("Closed-loop – Loss & Stability", "k₁", "k₂");
        GridPlots.AddHeatmap(plot, landscape, new HeatmapStyle { ColorLabel = "ln(L/50)" });
        GridPlots.AddContours(plot, classes, [0.5, 1.5]);
        AddPath(plot, r.Open, new PathStyle { Color = Figures.OpenLoop, Legend = "open loop", LineWidth = 2 });
        AddPath(plot, r.Closed, new PathStyle { Color = Figures.ClosedLoop, Legend = "closed loop", LineWidth = 2, StartLabel = "Start", EndLabel = "End", LabelColor = Colors.White });
        Decorations.Label(plot, "Unstable (osc.)", -1.1, 0.3, color: Colors.White);
        Decorations.Label(plot, "Unstable (real)", 0.05, -0.6, color: Colors.White);
        Decorations.Label(plot, "Stable", -0.75, -1.1, color: Colors.White);
        plot.Axes.SetLimits(Min, Max, Min, Max);
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig2b_landscape", FigureData.FromGrid(landscape, "k1", "k2", "value"), new FigureSize(700, 600));
        return ctx.Entry(saved,
            $"Fig. 2b (seed {r.Seed}): loss landscape ln(L/50) of the gain system with the stability-class boundaries (black) and the effective-gain paths of the closed (blue) and open (red) learners (paths in fig2_paths.csv, classes in fig2b_stability.csv).");
    }

    /// <summary>(c) Zoom near the origin: the lines k₁ = 0 and k₂ = k₁, both paths, epoch markers and stage labels.</summary>
    public static FigureEntry Zoom(ExperimentContext ctx, Fig2Learners r)
    {
        var plot = Figures.Create("Zoom: creeping along the stability boundary", "k₁", "k₂");
        var grey = new SeriesStyle { Color = Colors.Gray, LineWidth = 1.2f };
        Series.Add(plot, [0, 0], [ZoomK2Min, ZoomK2Max], grey);
        Series.Add(plot, [ZoomK1Min, ZoomK1Max], [ZoomK1Min, ZoomK1Max], grey);
        Decorations.Label(plot, "k₂ = k₁", -0.05, -0.056, Alignment.LowerLeft, Colors.Gray, 12);
        Decorations.Label(plot, "k₁ = 0", 0.001, 0.033, Alignment.LowerLeft, Colors.Gray, 12);
        foreach (var (path, color, name) in new[] { (r.Open, Figures.OpenLoop, "open loop"), (r.Closed, Figures.ClosedLoop, "closed loop") })
        {
            var ep = path.ValidEpochs().ToList();
            Series.Add(plot, ep.Select(e => path.K1[e]).ToArray(), ep.Select(e => path.K2[e]).ToArray(),
                new SeriesStyle { Color = color, LineWidth = 1.2f, Marker = MarkerShape.FilledCircle, MarkerSize = 3, Legend = name });
        }
        if (r.Separation is { } sep)
        {
            Marker(plot, r.Open, sep, Figures.Silver, null);
            Marker(plot, r.Closed, sep, Figures.Silver, $"separation ({sep})");
        }
        if (r.ClosedStab is { } st) Marker(plot, r.Closed, st, Figures.Gold, $"stabilisation ({st})");
        ZoomLabels(plot, r);
        plot.Axes.SetLimits(ZoomK1Min, ZoomK1Max, ZoomK2Min, ZoomK2Max);
        plot.ShowLegend(Alignment.UpperLeft);
        var data = new FigureData(["learner", "epoch", "k1", "k2", "marker"],
            ZoomRows(r.Closed, "closed", r).Concat(ZoomRows(r.Open, "open", r)).ToList());
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig2c", data);
        return ctx.Entry(saved,
            $"Fig. 2c (seed {r.Seed}): zoom on k₁ ∈ [−0.06, 0.02], k₂ ∈ [−0.06, 0.04]; the closed path creeps along k₁ = 0 and zig-zags towards k₂ = k₁, which it crosses at stabilisation; the open path overshoots to the left.");
    }

    private static void StageLabels(Plot plot, Fig2Learners r, int n)
    {
        if (r.Stages.Stage1End is not { } e1) return;
        int s2 = r.ClosedStab ?? n - 1;
        (string Text, double Epoch)[] labels = [("Stage 1", Math.Sqrt(Math.Max(1, e1))), ("Stage 2", Math.Sqrt((e1 + 1.0) * (s2 + 1.0))), ("Stage 3", Math.Sqrt((s2 + 1.0) * n))];
        foreach (var (text, e) in labels)
        {
            int i = Math.Clamp((int)Math.Round(e), 0, n - 1);
            var label = Decorations.Label(plot, text, LogAxis.MapEpoch(i), LogAxis.Map(r.ClosedLoss[i]), Alignment.LowerCenter, Figures.ClosedLoop, 12);
            label.OffsetY = -16;
        }
    }

    private static void ZoomLabels(Plot plot, Fig2Learners r)
    {
        var c = r.Closed;
        if (r.Stages.Stage1End is { } e1 && c.IsValid(e1)) Place(plot, "Stage 1", c.K1[e1], c.K2[e1] + 0.006);
        if (r.Stages.Stage1End is { } a && r.ClosedStab is { } b && b > a)
        {
            var mid = c.ValidEpochs(a, b).ToList();
            if (mid.Count > 0) Place(plot, "Stage 2 (zig-zag)", mid.Min(e => c.K1[e]) - 0.002, mid.Average(e => c.K2[e]), Alignment.MiddleRight);
            var late = c.ValidEpochs(b).Where(e => c.K1[e] >= ZoomK1Min && c.K2[e] >= ZoomK2Min).ToList();
            if (late.Count > 0) Place(plot, "Stage 3", c.K1[late[^1]] + 0.003, c.K2[late[^1]]);
        }
    }

    private static void Place(Plot plot, string text, double k1, double k2, Alignment? alignment = null)
    {
        double x = Math.Clamp(k1, ZoomK1Min + 0.002, ZoomK1Max - 0.002), y = Math.Clamp(k2, ZoomK2Min + 0.004, ZoomK2Max - 0.006);
        var align = alignment ?? (x < 0.5 * (ZoomK1Min + ZoomK1Max) ? Alignment.MiddleLeft : Alignment.MiddleRight);
        if (align == Alignment.MiddleRight && x < ZoomK1Min + 0.02) align = Alignment.MiddleLeft;
        Decorations.Label(plot, text, x, y, align, Colors.Black, 12);
    }

    private static void Marker(Plot plot, GainPath p, int e, Color color, string? legend)
    {
        if (p.IsValid(e)) Decorations.Point(plot, p.K1[e], p.K2[e], color, size: 11, legend: legend);
    }

    private static void AddPath(Plot plot, GainPath p, PathStyle style)
    {
        var ep = p.ValidEpochs().ToList();
        if (ep.Count > 0) GridPlots.AddPath(plot, ep.Select(e => p.K1[e]).ToArray(), ep.Select(e => p.K2[e]).ToArray(), style);
    }

    private static IEnumerable<IReadOnlyList<object?>> PathRows(GainPath p, string learner) =>
        Enumerable.Range(0, p.Count).Select(e => (IReadOnlyList<object?>)[e, learner, p.K1[e], p.K2[e], p.Classes[e]]);

    private static IEnumerable<IReadOnlyList<object?>> ZoomRows(GainPath p, string learner, Fig2Learners r) =>
        p.ValidEpochs().Select(e => (IReadOnlyList<object?>)[learner, e, p.K1[e], p.K2[e],
            e == r.Separation ? "separation" : learner == "closed" && e == r.ClosedStab ? "stabilization" : null]);

    private static double[,] ToDouble(GainClass[,] g)
    {
        var d = new double[g.GetLength(0), g.GetLength(1)];
        for (int i = 0; i < g.GetLength(0); i++)
            for (int j = 0; j < g.GetLength(1); j++) d[i, j] = (int)g[i, j];
        return d;
    }

    private static double At(double[] s, int e) => s[Math.Clamp(e, 0, s.Length - 1)];

    private static string Text(int? e) => e?.ToString() ?? "none";
}
