using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>Which stage span a deployed-loss panel of Figs 3–5 shades.</summary>
public enum StageShading { Stage1, Stage2, Stage3 }

/// <summary>
/// Panels shared by Figs 3–5: the deployed loss D of the base run on a linear epoch axis and a log loss axis with one
/// stage shaded (decision 26 of docs/science/decisions.md), a single position trajectory from (1, −1), and colours taken from a colour map.
/// </summary>
public static class RankOnePlots
{
    /// <summary>
    /// D against epoch (linear epoch axis 0..last, log loss axis), the chosen stage shaded from the automatic boundaries,
    /// the published boundaries 8 and 129 as thin dotted lines. Writes <c>&lt;panel&gt;.png/.csv</c> (epoch, test_loss).
    /// </summary>
    public static SavedFigure DeployedLoss(ExperimentContext ctx, RankOneTrace run, string panel, string title, StageShading shading, (double Min, double Max)? lossRange = null)
    {
        var st = run.Stages;
        var epochs = Enumerable.Range(0, run.Epochs).Select(e => (double)e).ToArray();
        var d = run.Deployed;
        var plot = Figures.Create(title, "epoch", "deployed loss D");
        double last = run.Epochs - 1, nan = double.NaN;
        double e1 = st.E1OrZero, es = st.EStab ?? nan;
        switch (shading)
        {
            case StageShading.Stage1: Decorations.StageSpans(plot, 0, e1, nan, nan); break;
            case StageShading.Stage2: Decorations.Span(plot, e1, double.IsNaN(es) ? last : es, Figures.StageFills[1], "Stage 2"); break;
            case StageShading.Stage3: if (!double.IsNaN(es)) Decorations.Span(plot, es, last, Figures.StageFills[2], "Stage 3"); break;
        }
        foreach (var b in RankOneBase.PublishedBoundaries)
            if (b <= last) Decorations.ReferenceLine(plot, b);
        Series.Add(plot, epochs, LogAxis.Map(d), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = $"D (seed {run.Seed})" });
        LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(0, Math.Max(1, last));
        if (lossRange is { } r) plot.Axes.SetLimitsY(LogAxis.Map(r.Min), LogAxis.Map(r.Max));
        plot.ShowLegend(Alignment.UpperRight);
        return FigureWriter.Save(plot, ctx.FiguresDirectory, panel, FigureData.FromColumns(("epoch", epochs), ("test_loss", d)));
    }

    /// <summary>Position x⁽¹⁾_t against step t, with an optional red vertical line (the training horizon) and ±limit ordinate.</summary>
    public static SavedFigure Positions(ExperimentContext ctx, string panel, string title, IReadOnlyList<double> x, double? horizon = null, double? limit = null)
    {
        var t = Enumerable.Range(0, x.Count).Select(i => (double)i).ToArray();
        var plot = Figures.Create(title, "step t", "position x⁽¹⁾");
        Decorations.HorizontalReference(plot, 0, LineKind.Solid, Colors.LightGray);
        Series.Add(plot, t, x, new SeriesStyle { Color = Colors.Black, LineWidth = 1.5f });
        if (horizon is { } h)
        {
            var line = plot.Add.VerticalLine(h, 1.5f, Colors.Red);
            line.LegendText = $"training horizon T = {h:0}";
            plot.ShowLegend(Alignment.UpperLeft);
        }
        plot.Axes.SetLimitsX(0, x.Count - 1);
        if (limit is { } l) plot.Axes.SetLimitsY(-l, l);
        return FigureWriter.Save(plot, ctx.FiguresDirectory, panel, FigureData.FromColumns(("t", t), ("x", x.ToArray())));
    }

    /// <summary>
    /// Eigenvalues of P at <paramref name="epochs"/> (the first <paramref name="take"/> roots of each snapshot, or all),
    /// coloured by epoch, with the points of the epochs <paramref name="outline"/> selects outlined. Writes
    /// <c>&lt;panel&gt;.png/.csv</c> (epoch, re, im).
    /// </summary>
    public static SavedFigure Eigenvalues(ExperimentContext ctx, RankOneTrace run, string panel, string title, IReadOnlyList<int> epochs, Func<int, bool> outline,
        ComplexWindow window, double opacity, float markerSize, int width, int? take = null)
    {
        var points = new List<Complex>();
        var colors = new List<double>();
        var outlined = new List<int>();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (int e in epochs)
            foreach (var l in take is { } k ? run.Roots(e)!.Take(k) : run.Roots(e)!)
            {
                if (outline(e)) outlined.Add(points.Count);
                points.Add(l);
                colors.Add(e);
                rows.Add([e, l.Real, l.Imaginary]);
            }
        var plot = Figures.Create(title);
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings { Points = points, ColorValues = colors, Outlined = outlined, Window = window, Opacity = opacity, MarkerSize = markerSize });
        return FigureWriter.Save(plot, ctx.FiguresDirectory, panel, new FigureData(["epoch", "re", "im"], rows), ComplexPlane.SizeFor(window, width));
    }

    /// <summary>
    /// Fixes the window of a zoomed complex-plane panel WITHOUT the equal-aspect rule (a decision for Figs 4c–4e, whose
    /// windows are 5–10 times taller than wide: at equal units they would be unreadable slivers). Call after
    /// <see cref="ComplexPlane.AddScatter"/> or <see cref="ComplexPlane.SetWindow"/>.
    /// </summary>
    public static void StretchedWindow(Plot plot, ComplexWindow w)
    {
        plot.Axes.Rules.Clear();
        plot.Layout.Fixed(ComplexPlane.Padding);
        plot.Axes.SetLimits(w.ReMin, w.ReMax, w.ImMin, w.ImMax);
    }

    /// <summary>Figure size of the stretched complex-plane panels.</summary>
    public static FigureSize StretchedSize => new(760, 640);

    /// <summary>The colour of <paramref name="value"/> under <paramref name="map"/> scaled to [min, max] (clamped).</summary>
    public static Color ColorOf(IColormap map, double value, double min, double max)
    {
        double f = max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0.5;
        return map.GetColor(f);
    }

    /// <summary>An invisible colour source for a colour bar over [min, max] (ScottPlot needs a plottable with a colour axis).</summary>
    public static void ColorBar(Plot plot, IColormap map, double min, double max, string label)
    {
        var source = new ColoredPoints([new Coordinates(double.NaN, double.NaN)], [min], map, new ScottPlot.Range(min, max)) { MarkerSize = 0 };
        plot.Add.Plottable(source);
        var bar = plot.Add.ColorBar(source);
        bar.Label = label;
        bar.Width = 18;
    }
}
