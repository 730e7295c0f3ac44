using System.Globalization;
using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Sweeps;

/// <summary>
/// The figures of a sweep (<c>DIR/figures/</c>, PNG + SVG where possible + the plotted data as CSV): per point, the
/// median and interquartile band over seeds of the deployed loss D (<c>test_loss</c>) and of ρ(P)
/// (<c>spectral_radius</c>) against epoch, closed and open loop in one panel; and per varied key, a chosen result
/// (default <c>final_loss</c>) against that key: the median over every done run with that value (the other keys and
/// the seeds pooled) with its interquartile range, one line per mode.
/// </summary>
public static class SweepFigures
{
    /// <summary>The figures folder inside the sweep directory.</summary>
    public const string Folder = "figures";

    /// <summary>Draws every panel that has data; returns the PNG paths.</summary>
    public static IReadOnlyList<string> Draw(string directory, SweepPlan sweep, IReadOnlyList<SweepRunState> states, SweepTable results, string metric)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        string folder = Path.Combine(directory, Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var point in sweep.Points)
        {
            var runs = sweep.Runs.Where(r => r.Point == point.Index && states[r.Index].Status == SweepRunStatus.Done)
                .Select(r => (r.Mode, Record: RunRecord.Open(sweep.Plan.DirectoryOf(r.Index)))).ToList();
            if (runs.Count == 0) continue;
            string title = Title(sweep, point);
            string stem = $"point{point.Index.ToString("D3", CultureInfo.InvariantCulture)}";
            if (BandPanel(folder, stem + "_deployed_loss", title, "deployed loss D", runs, "test_loss", logY: true) is { } a) written.Add(a);
            if (BandPanel(folder, stem + "_spectral_radius", title, "spectral radius ρ(P)", runs, "spectral_radius", logY: false) is { } b) written.Add(b);
        }
        for (int k = 0; k < sweep.Varied.Count; k++)
            if (MetricPanel(folder, sweep, results, metric, k) is { } m) written.Add(m);
        return written;
    }

    private static string Title(SweepPlan sweep, SweepPoint point) => sweep.Varied.Count == 0
        ? "all runs"
        : $"point {point.Index}: " + string.Join(", ", sweep.Varied.Select((k, i) => $"{k} = {SweepSpec.Show(point.Values[i])}"));

    private static string? BandPanel(string folder, string panel, string title, string yLabel, IReadOnlyList<(LoopMode Mode, RunRecord Record)> runs, string column, bool logY)
    {
        var modes = runs.Select(r => r.Mode).Distinct().Order().ToList();
        var bands = modes.ToDictionary(m => m, m => Band.Of(runs.Where(r => r.Mode == m && r.Record.HasColumn(column)).Select(r => (IReadOnlyList<double>)r.Record.Series(column)).ToList()));
        int length = bands.Values.Max(b => b.Median.Length);
        var recorded = Enumerable.Range(0, length).Where(e => bands.Values.Any(b => e < b.Count.Length && b.Count[e] > 0)).ToArray();
        if (recorded.Length == 0) return null;
        var epochs = recorded.Select(e => (double)e).ToArray();
        var plot = Figures.Create(title, "epoch", yLabel);
        Func<double, double> y = logY ? LogAxis.Map : v => v;
        var columns = new List<(string, IReadOnlyList<double>)> { ("epoch", epochs) };
        foreach (var m in modes)
        {
            var b = At(bands[m], recorded);
            string name = m == LoopMode.Open ? "open" : "closed";
            PairedFigures.AddBand(plot, epochs, b, y, m == LoopMode.Open ? Figures.OpenLoop : Figures.ClosedLoop, $"{name} loop: median");
            columns.AddRange([($"{name}_q1", b.Lower), ($"{name}_median", b.Median), ($"{name}_q3", b.Upper), ($"{name}_count", b.Count.Select(c => (double)c).ToArray())]);
        }
        if (!logY) Decorations.HorizontalReference(plot, 1.0);
        LogAxis.Apply(plot.Axes.Bottom);
        if (logY) LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.MapEpoch(recorded[^1] + 4));
        plot.ShowLegend(logY ? Alignment.LowerLeft : Alignment.UpperLeft);
        return FigureWriter.Save(plot, folder, panel, FigureData.FromColumns([.. columns])).PngPath;
    }

    private static Band At(Band b, int[] epochs)
    {
        double Pick(double[] v, int e) => e < v.Length ? v[e] : double.NaN;
        return new Band(epochs.Select(e => Pick(b.Lower, e)).ToArray(), epochs.Select(e => Pick(b.Median, e)).ToArray(),
            epochs.Select(e => Pick(b.Upper, e)).ToArray(), epochs.Select(e => e < b.Count.Length ? b.Count[e] : 0).ToArray());
    }

    /// <summary>The metric against varied key <paramref name="key"/>; null when no done run has a finite value.</summary>
    private static string? MetricPanel(string folder, SweepPlan sweep, SweepTable results, string metric, int key)
    {
        int mc = results.IndexOf(metric), pc = results.IndexOf("point"), mode = results.IndexOf("mode");
        if (mc < 0) return null;
        var levels = sweep.Points.Select(p => SweepSpec.Show(p.Values[key])).Distinct().ToList();
        var cells = levels.Select(l => SweepResults.Cell(sweep.Points.First(p => SweepSpec.Show(p.Values[key]) == l).Values[key])).ToList();
        bool numeric = cells.All(c => SummaryFields.Number(c) is { } v && double.IsFinite(v));
        var xs = levels.Select((_, i) => numeric ? SummaryFields.Number(cells[i])!.Value : i).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        var stats = new List<(string Mode, double X, SampleSummaryRow S)>();
        foreach (var m in results.Rows.Select(r => (string)r[mode]!).Distinct().Order(StringComparer.Ordinal))
            for (int i = 0; i < levels.Count; i++)
            {
                var values = results.Rows.Where(r => (string)r[mode]! == m && LevelOf(sweep, r[pc], key) == levels[i])
                    .Select(r => SummaryFields.Number(r[mc])).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
                if (values.Count == 0) continue;
                var s = Theory.Descriptive.Summarize(values);
                stats.Add((m, xs[i], new SampleSummaryRow(s.Median, s.LowerQuartile, s.UpperQuartile)));
                rows.Add([cells[i], xs[i], m, values.Count, s.Median, s.LowerQuartile, s.UpperQuartile]);
            }
        if (rows.Count == 0) return null;
        var all = stats.SelectMany(s => new[] { s.S.Median, s.S.Q1, s.S.Q3 }).ToList();
        bool logY = all.All(v => v > 0) && all.Max() / all.Min() > 100;
        Func<double, double> y = logY ? LogAxis.Map : v => v;
        var plot = Figures.Create($"{metric} against {sweep.Varied[key]}", sweep.Varied[key], metric + (logY ? " (log scale)" : ""));
        foreach (var group in stats.GroupBy(s => s.Mode))
        {
            var color = group.Key == "open" ? Figures.OpenLoop : Figures.ClosedLoop;
            var pts = group.OrderBy(s => s.X).ToList();
            Series.Add(plot, pts.Select(p => p.X).ToArray(), pts.Select(p => y(p.S.Median)).ToArray(),
                new SeriesStyle { Color = color, LineWidth = 2, Marker = MarkerShape.FilledCircle, MarkerSize = 7, Legend = $"{group.Key} loop: median" });
            foreach (var p in pts)
                Series.Add(plot, [p.X, p.X], [y(p.S.Q1), y(p.S.Q3)], new SeriesStyle { Color = color.WithAlpha(0.6), LineWidth = 6 });
        }
        if (logY) LogAxis.Apply(plot.Axes.Left);
        if (!numeric) plot.Axes.Bottom.SetTicks(xs, levels.ToArray());
        plot.Axes.Margins(0.1, 0.15);
        plot.ShowLegend(Alignment.UpperRight);
        var data = new FigureData([sweep.Varied[key], "x", "mode", "count", "median", "q1", "q3"], rows);
        string panel = Sanitize($"{metric}_vs_{sweep.Varied[key]}");
        return FigureWriter.Save(plot, folder, panel, data).PngPath;
    }

    private sealed record SampleSummaryRow(double Median, double Q1, double Q3);

    private static string LevelOf(SweepPlan sweep, object? point, int key) =>
        SweepSpec.Show(sweep.Points[Convert.ToInt32(point, CultureInfo.InvariantCulture)].Values[key]);

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_'));
}
