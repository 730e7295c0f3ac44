using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>Panels of the Adam study (docs/science/figures-and-studies.md §10): dominant-pair paths, zig-zag per seed, loss curves.</summary>
internal static class AdamPanels
{
    /// <summary>
    /// Upper member of the dominant pair of P from e_s = max(10, e₁ + 2) to e_stab (Fig. 4c's span) for the first seed,
    /// SGD and Adam, in the Fig. 4c window enlarged to the data.
    /// </summary>
    public static FigureEntry DominantPaths(ExperimentContext ctx, AdamTable t, StudyNetwork network)
    {
        long seed = t.Seeds[0];
        var configs = AdamConfig.All.Where(c => c.Network == network).ToList();
        var paths = configs.Select(c => (Config: c, Points: Path(t, c, seed))).ToList();
        var window = ComplexPanels.Enlarge(ComplexPanels.Fig4cWindow, paths.SelectMany(p => p.Points.Select(q => q.Z)));
        string what = network == StudyNetwork.RankOne ? "rank-1" : "tanh (linearised P)";
        var plot = ComplexPanels.ComplexPlot($"Dominant pair in Stage 2, {what}, seed {seed}", window);
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < paths.Count; i++)
        {
            var (c, pts) = paths[i];
            if (pts.Count == 0) continue;
            var color = ComplexPanels.Palette[AdamConfig.All.ToList().IndexOf(c) % 3];
            Series.Add(plot, pts.Select(p => p.Z.Real).ToArray(), pts.Select(p => p.Z.Imaginary).ToArray(),
                new SeriesStyle { Color = color, LineWidth = 1, Marker = MarkerShape.FilledCircle, MarkerSize = 3, Legend = Legend(c) });
            Decorations.Point(plot, pts[0].Z.Real, pts[0].Z.Imaginary, Figures.Crimson, size: 9);
            Decorations.Point(plot, pts[^1].Z.Real, pts[^1].Z.Imaginary, color, MarkerShape.FilledSquare, 9);
            rows.AddRange(pts.Select(p => (IReadOnlyList<object?>)[c.Label, p.Epoch, p.Z.Real, p.Z.Imaginary]));
        }
        plot.ShowLegend(Alignment.UpperRight);
        string panel = network == StudyNetwork.RankOne ? "adam_paths_rank1" : "adam_paths_tanh";
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, panel, new FigureData(["config", "epoch", "re", "im"], rows), ComplexPlane.SizeFor(window));
        return ctx.Entry(saved,
            $"Adam study (seed {seed}, {what}): upper dominant eigenvalue of P from max(10, e1+2) (crimson) to e_stab (square), SGD vs Adam, Fig. 4c window (enlarged to the data); "
            + "configurations without a Stage 2 on this seed: " + (paths.Where(p => p.Points.Count == 0).Select(p => Legend(p.Config)).DefaultIfEmpty("none").Aggregate((a, b) => a + ", " + b)) + ".");
    }

    /// <summary>The Stage-2 zig-zag index per seed and configuration, and the fraction of negative update cosines (rank-1).</summary>
    public static FigureEntry ZigZagPerSeed(ExperimentContext ctx, AdamTable t)
    {
        var plot = Figures.Create("Stage-2 zig-zag per seed", "seed", "fraction");
        var rows = new List<IReadOnlyList<object?>>();
        var configs = AdamConfig.All;
        for (int i = 0; i < configs.Count; i++)
        {
            var c = configs[i];
            var ms = t.Closed(c.Label);
            double offset = (i - 2) * 0.12;
            var xs = ms.Select(m => t.Seeds.ToList().IndexOf(m.Seed) + offset).ToArray();
            var color = ComplexPanels.Palette[i % 3];
            var shape = c.Network == StudyNetwork.RankOne ? MarkerShape.FilledCircle : MarkerShape.FilledDiamond;
            Series.Add(plot, xs, ms.Select(m => m.ZigZag.ZigZagIndex).ToArray(),
                new SeriesStyle { Color = color, Line = LineKind.None, Marker = shape, MarkerSize = 9, Legend = $"{Net(c)} {Legend(c)}: zig-zag index" });
            if (c.Network == StudyNetwork.RankOne)
                Series.Add(plot, xs, ms.Select(m => m.ZigZag.NegativeCosineFraction).ToArray(),
                    new SeriesStyle { Color = color, Line = LineKind.None, Marker = MarkerShape.OpenSquare, MarkerSize = 9, Legend = $"{Net(c)} {Legend(c)}: negative cosines" });
            rows.AddRange(ms.Select(m => (IReadOnlyList<object?>)[c.Label, m.Seed, m.ZigZag.ZigZagIndex, m.ZigZag.NegativeCosineFraction]));
        }
        plot.Axes.SetLimits(-0.6, t.Seeds.Count - 0.4, 0, 1.05);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, t.Seeds.Count).Select(i => (double)i).ToArray(), t.Seeds.Select(s => s.ToString()).ToArray());
        plot.ShowLegend(Edge.Right);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "adam_zigzag", new FigureData(["config", "seed", "zigzag_index", "negative_cosine_fraction"], rows), new FigureSize(1100, 600));
        return ctx.Entry(saved,
            "Adam study: Stage-2 zig-zag index (fraction of sign reversals of the change of |lambda_dom|; circles rank-1, diamonds tanh) and fraction of negative successive-update cosines (open squares, rank-1) per seed.");
    }

    /// <summary>Deployed loss D of the rank-1 runs (first seed), SGD and both Adam rates, log–log.</summary>
    public static FigureEntry RankOneLosses(ExperimentContext ctx, AdamTable t)
    {
        long seed = t.Seeds[0];
        var plot = Figures.Create($"Rank-1 deployed loss, seed {seed}", "epoch", "deployed loss D");
        var columns = new List<(string, IReadOnlyList<double>)>();
        int n = 0;
        foreach (var (c, i) in AdamConfig.All.Select((c, i) => (c, i)).Where(p => p.c.Network == StudyNetwork.RankOne))
        {
            var d = t.Closed(c.Label).First(m => m.Seed == seed).Deployed;
            n = d.Length;
            if (columns.Count == 0) columns.Add(("epoch", Enumerable.Range(0, n).Select(e => (double)e).ToArray()));
            Series.Add(plot, LogAxis.MapEpochs(Enumerable.Range(0, n).Select(e => (double)e)), LogAxis.Map(d), new SeriesStyle { Color = ComplexPanels.Palette[i], LineWidth = 2, Legend = Legend(c) });
            columns.Add((c.Label, d));
        }
        ComplexPanels.LogLog(plot, n);
        plot.ShowLegend(Alignment.LowerLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "adam_losses_rank1", FigureData.FromColumns([.. columns]));
        return ctx.Entry(saved, $"Adam study (seed {seed}): deployed loss D of the rank-1 base run with SGD 0.01, Adam 1e-3 and Adam 1e-2.");
    }

    /// <summary>Closed (solid) and open (dashed) deployed losses T·D of the tanh runs (first seed), SGD and Adam.</summary>
    public static FigureEntry TanhLosses(ExperimentContext ctx, AdamTable t)
    {
        long seed = t.Seeds[0];
        var plot = Figures.Create($"tanh deployed loss, seed {seed}", "epoch", "deployed loss T·D");
        var columns = new List<(string, IReadOnlyList<double>)>();
        int n = 0;
        foreach (var (c, i) in AdamConfig.All.Select((c, i) => (c, i)).Where(p => p.c.Network == StudyNetwork.Tanh))
        {
            var dc = t.Closed(c.Label).First(m => m.Seed == seed).Deployed;
            var dopen = t.Open(c.Label).First(m => m.Seed == seed).Deployed;
            n = dc.Length;
            var x = LogAxis.MapEpochs(Enumerable.Range(0, n).Select(e => (double)e));
            if (columns.Count == 0) columns.Add(("epoch", Enumerable.Range(0, n).Select(e => (double)e).ToArray()));
            var color = ComplexPanels.Palette[i % 3];
            Series.Add(plot, x, LogAxis.Map(dc), new SeriesStyle { Color = color, LineWidth = 2, Legend = $"closed, {Legend(c)}" });
            Series.Add(plot, x, LogAxis.Map(dopen), new SeriesStyle { Color = color, LineWidth = 2, Line = LineKind.Dashed, Legend = $"open, {Legend(c)}" });
            columns.Add(($"{c.Label}_closed", dc));
            columns.Add(($"{c.Label}_open", dopen));
        }
        ComplexPanels.LogLog(plot, n);
        plot.ShowLegend(Alignment.LowerLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "adam_losses_tanh", FigureData.FromColumns([.. columns]));
        return ctx.Entry(saved, $"Adam study (seed {seed}): tanh closed-loop (solid) and open-loop (dashed) deployed losses T·D with SGD 0.01 and Adam 1e-3.");
    }

    private static List<(int Epoch, Complex Z)> Path(AdamTable t, AdamConfig c, long seed)
    {
        var m = t.Closed(c.Label).First(x => x.Seed == seed);
        if (m.ZigZag.Start is not { } e1 || m.ZigZag.End is not { } end) return [];
        var re = m.DomRe;
        var im = m.DomIm;
        return Enumerable.Range(Math.Max(10, e1 + 2), Math.Max(0, end - Math.Max(10, e1 + 2) + 1))
            .Where(e => e < re.Length && double.IsFinite(re[e]) && double.IsFinite(im[e]))
            .Select(e => (e, new Complex(re[e], im[e]))).ToList();
    }

    private static string Net(AdamConfig c) => c.Network == StudyNetwork.RankOne ? "rank-1" : "tanh";

    private static string Legend(AdamConfig c) => c.IsSgd ? "SGD 0.01" : "Adam " + c.LearningRate.ToString("0e0", System.Globalization.CultureInfo.InvariantCulture);
}
