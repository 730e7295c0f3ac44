using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments.Studies;

/// <summary>One line of a loss-curve panel: raw epochs and values (plotted on log–log axes).</summary>
public sealed record Curve(string Label, double Condition, string Model, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values, Color Color, LineKind Line = LineKind.Solid);

/// <summary>A quantity measured per condition and seed (values[condition][seed index]); NaN = missing.</summary>
public sealed record ConditionSeries(string Name, IReadOnlyList<IReadOnlyList<double>> Values, IReadOnlyList<long> Seeds, Color Color, AxisSide Axis = AxisSide.Left, MarkerShape Marker = MarkerShape.FilledCircle);

/// <summary>Final gains (k₁, k₂) of the seeds of one condition.</summary>
public sealed record GainPoints(string Label, IReadOnlyList<double> K1, IReadOnlyList<double> K2, Color Color);

/// <summary>A dominant-pair path: λ per epoch, coloured by <see cref="ColorValue"/>, with its stabilisation index if any.</summary>
public sealed record EigenPath(string Label, double ColorValue, IReadOnlyList<int> Epochs, IReadOnlyList<Complex> Points, int? StabilizedAt);

/// <summary>The panels of the β and T studies (docs/science/figures-and-studies.md §8, §9), drawn with the project's plotting helpers.</summary>
public static class StudyPlots
{
    /// <summary>Colour of condition <paramref name="i"/> of <paramref name="n"/> (Viridis without its pale yellow end).</summary>
    public static Color ConditionColor(int i, int n) => new ScottPlot.Colormaps.Viridis().GetColor(n <= 1 ? 0 : 0.85 * i / (n - 1));

    /// <summary>Loss curves on log–log axes (abscissa e + 1), one per condition and model; CSV (condition, model, epoch, value).</summary>
    public static FigureEntry Curves(ExperimentContext ctx, string panel, string title, string yLabel, IReadOnlyList<Curve> curves, string caption)
    {
        var plot = Figures.Create(title, "epoch", yLabel);
        var rows = new List<IReadOnlyList<object?>>();
        double maxEpoch = 1;
        foreach (var c in curves)
        {
            Series.Add(plot, LogAxis.MapEpochs(c.Epochs), LogAxis.Map(c.Values), new SeriesStyle { Color = c.Color, Line = c.Line, LineWidth = 1.8f, Legend = c.Label });
            for (int i = 0; i < c.Epochs.Count; i++) rows.Add([c.Condition, c.Model, c.Epochs[i], c.Values[i]]);
            if (c.Epochs.Count > 0) maxEpoch = Math.Max(maxEpoch, c.Epochs[^1]);
        }
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.MapEpoch(maxEpoch) + 0.02);
        plot.ShowLegend(Alignment.LowerLeft);
        var data = new FigureData(["condition", "model", "epoch", "value"], rows);
        return Save(ctx, plot, panel, data, caption);
    }

    /// <summary>
    /// A per-seed quantity against a categorical study variable: one dot per seed (offset slightly by seed) and the
    /// median over seeds as a line; a series may use the right axis. With <paramref name="logY"/> an axis is logarithmic
    /// when its data span more than <see cref="LogSpanMinimum"/> (decade ticks cannot label a narrower range), linear
    /// otherwise; a linear axis with non-negative data starts at 0. CSV (series, condition, seed, value, median).
    /// </summary>
    public static FigureEntry ByCondition(ExperimentContext ctx, string panel, string title, string xLabel, string yLabel, IReadOnlyList<string> conditions,
        IReadOnlyList<ConditionSeries> series, bool logY, string caption, string? rightLabel = null)
    {
        var plot = Figures.Create(title, xLabel, yLabel);
        var rows = new List<IReadOnlyList<object?>>();
        bool logLeft = logY && UseLog(series, AxisSide.Left), logRight = logY && UseLog(series, AxisSide.Right);
        for (int s = 0; s < series.Count; s++)
        {
            var cs = series[s];
            bool log = cs.Axis == AxisSide.Left ? logLeft : logRight;
            double Y(double v) => log ? LogAxis.Map(v) : v;
            var medians = cs.Values.Select(v => StudyMeasures.Median(v)).ToArray();
            double shift = series.Count > 1 ? 0.12 * (s - (series.Count - 1) / 2.0) : 0;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int c = 0; c < conditions.Count; c++)
                for (int k = 0; k < cs.Values[c].Count; k++)
                {
                    double off = cs.Values[c].Count > 1 ? 0.16 * (k / (cs.Values[c].Count - 1.0) - 0.5) : 0;
                    xs.Add(c + shift + off);
                    ys.Add(Y(cs.Values[c][k]));
                    rows.Add([cs.Name, conditions[c], cs.Seeds[k], cs.Values[c][k], medians[c]]);
                }
            Series.Add(plot, xs, ys, new SeriesStyle { Color = cs.Color.WithAlpha(0.55), Line = LineKind.None, Marker = cs.Marker, MarkerSize = 7, Axis = cs.Axis });
            Series.Add(plot, Enumerable.Range(0, conditions.Count).Select(c => c + shift).ToArray(), medians.Select(Y).ToArray(),
                new SeriesStyle { Color = cs.Color, LineWidth = 2, Marker = MarkerShape.OpenSquare, MarkerSize = 9, Legend = $"{cs.Name} (median)", Axis = cs.Axis });
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, conditions.Count).Select(c => (double)c).ToArray(), conditions.ToArray());
        plot.Axes.SetLimitsX(-0.5, conditions.Count - 0.5);
        if (logLeft) LogAxis.Apply(plot.Axes.Left);
        else StartAtZero(plot, plot.Axes.Left, Finite(series, AxisSide.Left));
        if (rightLabel is not null)
        {
            plot.Axes.Right.Label.Text = rightLabel;
            if (logRight) LogAxis.Apply(plot.Axes.Right);
            else StartAtZero(plot, plot.Axes.Right, Finite(series, AxisSide.Right));
        }
        plot.ShowLegend(Edge.Bottom);
        return Save(ctx, plot, panel, new FigureData(["series", "condition", "seed", "value", "median"], rows), caption);
    }

    /// <summary>Smallest max/min ratio of positive data drawn on a log axis.</summary>
    public const double LogSpanMinimum = 5;

    private static List<double> Finite(IReadOnlyList<ConditionSeries> series, AxisSide side) =>
        series.Where(cs => cs.Axis == side).SelectMany(cs => cs.Values.SelectMany(v => v)).Where(double.IsFinite).ToList();

    private static bool UseLog(IReadOnlyList<ConditionSeries> series, AxisSide side)
    {
        var v = Finite(series, side);
        return v.Count > 0 && v.Min() > 0 && v.Max() / v.Min() > LogSpanMinimum;
    }

    private static void StartAtZero(Plot plot, IAxis axis, List<double> values)
    {
        if (values.Count > 0 && values.Min() >= 0) plot.Axes.SetLimitsY(0, 1.08 * Math.Max(values.Max(), 1e-12), (IYAxis)axis);
    }

    /// <summary>
    /// Final gains in the (k₁, k₂) plane over the stability map of P_red(k) (docs/science/analysis-maths.md §8.2): class boundaries as black
    /// contours (levels 0.5, 1.5) on a window fitted to the points, region labels, one colour per condition.
    /// CSV (condition, k1, k2, class).
    /// </summary>
    public static FigureEntry GainPlane(ExperimentContext ctx, string panel, string title, IReadOnlyList<GainPoints> points, string caption)
    {
        var all = points.SelectMany(p => p.K1.Zip(p.K2)).Where(q => double.IsFinite(q.First) && double.IsFinite(q.Second)).ToList();
        double x0 = Math.Min(-0.8, all.Count == 0 ? -0.8 : all.Min(q => q.First) - 0.1), x1 = 0.2;
        double y0 = Math.Min(-1.4, all.Count == 0 ? -1.4 : all.Min(q => q.Second) - 0.1), y1 = 0.2;
        const int n = 200;
        var values = new double[n, n];
        var kx = GainGrid.Linspace(x0, x1, n);
        var ky = GainGrid.Linspace(y0, y1, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) values[j, i] = (double)StabilityMap.Classify(kx[i], ky[j]);
        var grid = new Grid2D(x0, x1, y0, y1, values);
        var plot = Figures.Create(title, "k₁ (position gain)", "k₂ (velocity gain)");
        GridPlots.AddContours(plot, grid, [0.5, 1.5]);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var p in points)
        {
            Series.Add(plot, p.K1, p.K2, new SeriesStyle { Color = p.Color, Line = LineKind.None, Marker = MarkerShape.FilledCircle, MarkerSize = 9, Legend = p.Label });
            for (int i = 0; i < p.K1.Count; i++)
                rows.Add([p.Label, p.K1[i], p.K2[i], double.IsFinite(p.K1[i]) && double.IsFinite(p.K2[i]) ? StabilityMap.Classify(p.K1[i], p.K2[i]).ToString() : null]);
        }
        Decorations.Label(plot, "Stable", x0 + 0.55 * (x1 - x0), y0 + 0.12 * (y1 - y0));
        Decorations.Label(plot, "Unstable (osc.)", x0 + 0.04 * (x1 - x0), y1 - 0.08 * (y1 - y0));
        Decorations.Label(plot, "Unstable (real)", 0.02, y0 + 0.5 * (y1 - y0));
        plot.Axes.SetLimits(x0, x1, y0, y1);
        plot.ShowLegend(Alignment.LowerLeft);
        return Save(ctx, plot, panel, new FigureData(["condition", "k1", "k2", "class"], rows), caption);
    }

    /// <summary>
    /// Dominant-pair paths in the complex plane coloured by a value (log10 T) with a colour bar, joined by thin lines,
    /// the unit circle dashed, the common start (crimson, when <paramref name="commonStart"/>) and each path's stabilisation point outlined, an optional
    /// reference path in black (e.g. the base run); the window is fitted to the points. CSV (path, color_value, epoch, re, im, abs).
    /// </summary>
    public static FigureEntry EigenPaths(ExperimentContext ctx, string panel, string title, IReadOnlyList<EigenPath> paths, string colorLabel, string caption,
        ComplexWindow? window = null, EigenPath? reference = null, bool commonStart = true, Alignment legend = Alignment.LowerLeft)
    {
        var finite = paths.Concat(reference is null ? [] : [reference]).SelectMany(p => p.Points).Where(z => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)).ToList();
        window ??= FitWindow(finite);
        var plot = Figures.Create(title);
        var cmap = new ScottPlot.Colormaps.Viridis();
        var range = paths.Count == 0 ? new ScottPlot.Range(0, 1) : new ScottPlot.Range(paths.Min(p => p.ColorValue), Math.Max(paths.Max(p => p.ColorValue), paths.Min(p => p.ColorValue) + 1e-9));
        var points = new List<Complex>();
        var colors = new List<double>();
        var outlined = new List<int>();
        var rows = new List<IReadOnlyList<object?>>();
        if (reference is not null)
        {
            Series.Add(plot, reference.Points.Select(z => z.Real).ToArray(), reference.Points.Select(z => z.Imaginary).ToArray(),
                new SeriesStyle { Color = Colors.Black, LineWidth = 1.5f, Marker = MarkerShape.FilledCircle, MarkerSize = 3, Legend = reference.Label });
            for (int i = 0; i < reference.Points.Count; i++)
                rows.Add([reference.Label, reference.ColorValue, reference.Epochs[i], reference.Points[i].Real, reference.Points[i].Imaginary, reference.Points[i].Magnitude]);
        }
        foreach (var p in paths)
        {
            double f = (p.ColorValue - range.Min) / (range.Max - range.Min);
            Series.Add(plot, p.Points.Select(z => z.Real).ToArray(), p.Points.Select(z => z.Imaginary).ToArray(), new SeriesStyle { Color = cmap.GetColor(f).WithAlpha(0.7), LineWidth = 1.2f, Legend = p.Label });
            for (int i = 0; i < p.Points.Count; i++)
            {
                if (p.StabilizedAt == i) outlined.Add(points.Count);
                points.Add(p.Points[i]);
                colors.Add(p.ColorValue);
                rows.Add([p.Label, p.ColorValue, p.Epochs[i], p.Points[i].Real, p.Points[i].Imaginary, p.Points[i].Magnitude]);
            }
        }
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings
        {
            Points = points, ColorValues = colors, ColorLabel = colorLabel, Outlined = outlined, Window = window, ColorRange = range, Opacity = 0.8, MarkerSize = 4,
        });
        if (commonStart && paths.Count > 0 && paths[0].Points.Count > 0)
            Decorations.Point(plot, paths[0].Points[0].Real, paths[0].Points[0].Imaginary, Figures.Crimson, MarkerShape.FilledCircle, 11);
        plot.ShowLegend(legend);
        return Save(ctx, plot, panel, new FigureData(["path", "color_value", "epoch", "re", "im", "abs"], rows), caption, ComplexPlane.SizeFor(window, 520));
    }

    /// <summary>A window around <paramref name="points"/> with a 10 % margin, its aspect kept within [0.6, 2.2] so the figure stays legible.</summary>
    public static ComplexWindow FitWindow(IReadOnlyList<Complex> points) => ComplexWindow.Around(points, 0.1).WithAspectWithin(0.6, 2.2);

    private static FigureEntry Save(ExperimentContext ctx, Plot plot, string panel, FigureData data, string caption, FigureSize? size = null)
    {
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, panel, data, size);
        return ctx.Entry(saved, caption);
    }
}
