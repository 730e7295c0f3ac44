using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// The panels of Fig. 4 (docs/science/figures-and-studies.md §5), drawn from the figure seed's measures: (a) D with Stage 2 shaded, (b) the
/// decaying oscillation of snapshot e_stab + 11, (c) the drift of the dominant pair, (d) reduced-model descent paths of
/// the dominant root for several α from the run's snapshot e_s, and (e) the dominant-eigenvalue paths of full-model
/// restarts from e_s with several episode lengths T.
/// </summary>
public static class Fig4Panels
{
    /// <summary>The window of panel (d): Re [0.97, 1.01], Im [0.06, 0.25].</summary>
    public static ComplexWindow ReducedWindow { get; } = new(0.97, 1.01, 0.06, 0.25);

    /// <summary>The smallest window of panel (e) (enlarged to hold every path).</summary>
    public static ComplexWindow RestartWindow { get; } = new(0.97, 1.01, 0.04, 0.25);

    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig4Seed s, IReadOnlyList<int> lengths) =>
        [PanelA(ctx, s.Trace), PanelB(ctx, s), PanelC(ctx, s.Trace), PanelD(ctx, s), PanelE(ctx, s, lengths)];

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneTrace run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig4a", $"Fig. 4a — Stage 2 (seed {run.Seed})", StageShading.Stage2);
        return ctx.Entry(saved,
            $"Fig. 4a (seed {run.Seed}): deployed loss D of the base run, Stage 2 [e1 = {run.Stages.E1OrZero}, e_stab = {run.Stages.EStab?.ToString() ?? "none"}] shaded — the plateau; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, Fig4Seed s)
    {
        int e = Fig4.DecaySnapshot(s.Trace.Stages);
        var saved = RankOnePlots.Positions(ctx, "fig4b", $"Fig. 4b — snapshot {e} from (1, −1)", s.DecayPositions);
        return ctx.Entry(saved, $"Fig. 4b (seed {s.Seed}): position of snapshot e_stab + 11 = {e} from (1, −1) for 300 steps — a slowly decaying oscillation.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, RankOneTrace run)
    {
        int es = run.Stages.StartSnapshot, stab = run.Stages.EStab ?? run.Stages.LastEpoch;
        var epochs = new[] { es }.Concat(Enumerable.Range(es + 2, Math.Max(0, stab - 3 - (es + 2) + 1))).Append(stab)
            .Where(e => e < run.Epochs && run.Roots(e) is not null).Distinct().ToList();
        var points = epochs.Select(e => run.Roots(e)![0]).ToList();
        var window = new ComplexWindow(0.98, 1.005, 0.12, 0.2).Including(points);
        var plot = Figures.Create($"Fig. 4c — λ_dom, e {es}…{stab}");
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings
        {
            Points = points, ColorValues = epochs.Select(e => (double)e).ToList(), Outlined = [0, points.Count - 1], Window = window, Opacity = 0.5, MarkerSize = 8,
        });
        RankOnePlots.StretchedWindow(plot, window);
        var rows = epochs.Select((e, i) => (IReadOnlyList<object?>)[e, points[i].Real, points[i].Imaginary]).ToList();
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig4c", new FigureData(["epoch", "re", "im"], rows), RankOnePlots.StretchedSize);
        return ctx.Entry(saved,
            $"Fig. 4c (seed {run.Seed}): upper member of the dominant pair at e_s = {es}, at {es + 2}…{stab - 3} (faint, by epoch) and at e_stab = {stab} (outlined): a leftward drift with a zig-zag; unit circle dashed.");
    }

    private static FigureEntry PanelD(ExperimentContext ctx, Fig4Seed s)
    {
        var window = ReducedWindow;
        var plot = Figures.Create($"Fig. 4d — reduced model from e_s = {s.Trace.Stages.StartSnapshot}");
        IColormap map = new ScottPlot.Colormaps.Viridis();
        ComplexPlane.AddUnitCircle(plot);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var r in s.Reduced)
        {
            var color = RankOnePlots.ColorOf(map, r.Settings.Alpha, 0, 1);
            Series.Add(plot, r.Records.Select(x => x.DominantRoot.Real).ToArray(), r.Records.Select(x => x.DominantRoot.Imaginary).ToArray(),
                new SeriesStyle { Color = color, LineWidth = 2.5f, Legend = $"α = {r.Settings.Alpha:0.##}" });
            rows.AddRange(r.Records.Select(x => (IReadOnlyList<object?>)[r.Settings.Alpha, x.Step, x.DominantRoot.Real, x.DominantRoot.Imaginary, x.Loss, x.LInf, x.L0]));
        }
        var start = s.Reduced[0].Records[0].DominantRoot;
        Decorations.Point(plot, start.Real, start.Imaginary, Figures.Crimson, size: 12, legend: "start (snapshot e_s)");
        DirectionLabels(plot, window, start, "α = 0 ↑", "α = 1 ↓");
        RankOnePlots.ColorBar(plot, map, 0, 1, "α");
        plot.XLabel("Re λ", 14);
        plot.YLabel("Im λ", 14);
        plot.ShowLegend(Alignment.LowerLeft);
        RankOnePlots.StretchedWindow(plot, window);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig4d", new FigureData(["alpha", "step", "re", "im", "loss", "L_inf", "L_0"], rows), RankOnePlots.StretchedSize);
        ctx.WriteFigureTable("fig4d_alpha_scan.csv", ["alpha", "entered_disk", "step"],
            s.Scan.Select(r => (IReadOnlyList<object?>)[r.Settings.Alpha, r.FirstInsideUnitDisk is not null, r.FirstInsideUnitDisk]));
        var entered = s.Scan.Where(r => r.FirstInsideUnitDisk is not null).Select(r => r.Settings.Alpha).ToList();
        string interval = entered.Count == 0 ? "none" : $"[{entered.Min():0.##}, {entered.Max():0.##}]";
        return ctx.Entry(saved,
            $"Fig. 4d (seed {s.Seed}): gradient descent on ℒ_eff(α) = αℒ∞ + (1−α)ℒ0 (T∞ = 10, SGD 0.001) from the order parameters of e_s — α = 0 moves the pair up, α = 1 down; α entering the unit disk within {Fig4.ScanSteps} steps: {interval}.");
    }

    /// <summary>Direction labels at the left edge, above and below the start point's height.</summary>
    private static void DirectionLabels(Plot plot, ComplexWindow w, Complex start, string up, string down)
    {
        double x = w.ReMin + 0.03 * (w.ReMax - w.ReMin), dy = 0.04 * (w.ImMax - w.ImMin);
        Decorations.Label(plot, up, x, start.Imaginary + dy, Alignment.LowerLeft, fontSize: 15);
        Decorations.Label(plot, down, x, start.Imaginary - dy, Alignment.UpperLeft, fontSize: 15);
    }

    /// <summary>Epochs of a restart drawn in panel (e): up to its strict stabilisation epoch (inclusive), else all.</summary>
    public static int PlottedEpochs(RestartTrace r) => r.SummaryStabilization is { } st && st < r.Epochs ? st + 1 : r.Epochs;

    private static FigureEntry PanelE(ExperimentContext ctx, Fig4Seed s, IReadOnlyList<int> lengths)
    {
        var run = s.Trace;
        int es = run.Stages.StartSnapshot, stab = run.Stages.EStab ?? run.Stages.LastEpoch;
        var basePath = Enumerable.Range(es, Math.Max(0, stab - es)).Select(e => run.Roots(e)?[0] ?? Complex.NaN).ToList();
        var paths = s.Restarts.Select(r => Enumerable.Range(0, PlottedEpochs(r)).Select(e => new Complex(r.DomRe[e], r.DomIm[e])).ToList()).ToList();
        var window = RestartWindow.Including(paths.SelectMany(p => p).Concat(basePath));
        var plot = Figures.Create($"Fig. 4e — restarts from e_s = {es}");
        IColormap map = new ScottPlot.Colormaps.Plasma();
        double lo = Math.Log10(lengths[0]), hi = Math.Log10(lengths[^1]);
        ComplexPlane.AddUnitCircle(plot);
        Series.Add(plot, basePath.Select(z => z.Real).ToArray(), basePath.Select(z => z.Imaginary).ToArray(),
            new SeriesStyle { Color = Colors.Black, LineWidth = 1, Legend = $"base run (T = {s.BaseSteps}), e_s…e_stab−1" });
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < paths.Count; i++)
        {
            var color = RankOnePlots.ColorOf(map, Math.Log10(lengths[i]), lo, hi);
            var rho = s.Restarts[i].Rho;
            Series.Add(plot, paths[i].Select(z => z.Real).ToArray(), paths[i].Select(z => z.Imaginary).ToArray(), new SeriesStyle { Color = color, LineWidth = 2 });
            var end = paths[i][^1];
            bool leftHalf = end.Real < 0.5 * (window.ReMin + window.ReMax);
            Decorations.Label(plot, $" T = {lengths[i]} ", end.Real, end.Imaginary, leftHalf ? Alignment.LowerLeft : Alignment.MiddleRight, color.Darken(0.3), 12);
            if (s.Restarts[i].SummaryStabilization is { } st && st < paths[i].Count && st > 0)
                Decorations.Point(plot, paths[i][st].Real, paths[i][st].Imaginary, color, MarkerShape.FilledDiamond, 11);
            rows.AddRange(paths[i].Select((z, e) => (IReadOnlyList<object?>)[lengths[i], e, z.Real, z.Imaginary, rho[e]]));
        }
        var start = paths[0][0];
        Decorations.Point(plot, start.Real, start.Imaginary, Figures.Crimson, size: 12, legend: "common start (e_s)");
        DirectionLabels(plot, window, start, "T → 0 ↑", "T → ∞ ↓");
        RankOnePlots.ColorBar(plot, map, lo, hi, "log₁₀ T");
        plot.XLabel("Re λ", 14);
        plot.YLabel("Im λ", 14);
        plot.ShowLegend(Alignment.LowerLeft);
        RankOnePlots.StretchedWindow(plot, window);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig4e", new FigureData(["T", "epoch", "re", "im", "rho"], rows), RankOnePlots.StretchedSize);
        return ctx.Entry(saved,
            $"Fig. 4e (seed {run.Seed}): upper dominant eigenvalue of full-model restarts from e_s = {es} with T ∈ {{{string.Join(", ", lengths)}}} for {s.Restarts[0].Epochs} epochs (one initial-condition stream), each drawn up to its stabilisation (diamond) or to the end, black: the base run; short T moves the pair up, long T down.");
    }
}
