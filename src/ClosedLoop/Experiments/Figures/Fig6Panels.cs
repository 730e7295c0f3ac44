using System.Numerics;
using ClosedLoop.Environments;
using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>The panels (a)–(f) of Fig. 6 (docs/science/figures-and-studies.md §7), drawn from the figure seed's runs.</summary>
public static class Fig6Panels
{
    /// <summary>Sample window of panel (a) (docs/science/reference-values.md D4: samples 48–125).</summary>
    public const int PathFrom = 48, PathTo = 125;

    /// <summary>The eig(W) window of panel (d): Re [−2, 2], Im [−1, 3].</summary>
    public static ComplexWindow ModeWindow { get; } = new(-2, 2, -1, 3);

    internal static readonly Color[] ProbeColors = [Color.FromHex("#1F77B4"), Color.FromHex("#FF7F0E"), Color.FromHex("#2CA02C"), Color.FromHex("#9467BD")];

    /// <summary>ω_{i+1} of the run's task in rad/s (components sorted by frequency).</summary>
    public static double Omega(RunSettings s, int i) => s.Reference!.Components.OrderBy(c => c.FrequencyHz).ElementAt(i).AngularFrequency;

    /// <summary>Draws every panel; returns them in order (a)–(f).</summary>
    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig6Figure f, IReadOnlyList<Fig6Seed> seeds) =>
    [
        PanelA(ctx, f),
        PanelB(ctx, f, f.Analysis),
        PanelC(ctx, f, f.Analysis),
        PanelD(ctx, f, f.Analysis),
        PanelE(ctx, f, f.Analysis),
        PanelF(ctx, seeds),
    ];

    private static FigureEntry PanelA(ExperimentContext ctx, Fig6Figure pair)
    {
        var tr = pair.Evaluation;
        bool window = tr.Steps > PathTo;
        int from = window ? PathFrom : 0, to = window ? PathTo : tr.Steps - 1;
        var idx = Enumerable.Range(from, to - from + 1).ToList();
        double[] t = [.. idx.Select(i => i * tr.Dt)], rx = [.. idx.Select(i => tr.R(i, 0, Axis.X))], ry = [.. idx.Select(i => tr.R(i, 0, Axis.Y))];
        double[] x = [.. idx.Select(i => tr.X(i, 0, Axis.X))], y = [.. idx.Select(i => tr.X(i, 0, Axis.Y))];
        var plot = Figures.Create($"(a) final network (epoch {pair.FinalEpoch}), seed {pair.Seed}", "x", "y");
        Series.Add(plot, rx, ry, new SeriesStyle { Color = Colors.Black, LineWidth = 2, Legend = "reference" });
        Series.Add(plot, x, y, new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Line = LineKind.Dashed, Legend = "network position" });
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6a", FigureData.FromColumns(("t", t), ("r_x", rx), ("r_y", ry), ("x", x), ("y", y)));
        return ctx.Entry(saved, $"Fig. 6a (seed {pair.Seed}): x–y path of evaluation reference 1 (black) and the final closed-loop network's position (dashed), samples {from}–{to} ({from * tr.Dt:0.0}–{to * tr.Dt:0.0} s).");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a)
    {
        int n = pair.Training.Length;
        var epochs = Enumerable.Range(0, n).Select(e => (double)e).ToArray();
        var training = pair.Training;
        var deployed = pair.Deployed;
        var student = pair.Student;
        var plot = Figures.Create($"(b) losses, seed {pair.Seed}", "epoch", "loss");
        var x = LogAxis.MapEpochs(epochs);
        Series.Add(plot, x, LogAxis.Map(training), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 1.5f, Legend = "closed loop: training loss" });
        Series.Add(plot, x, LogAxis.Map(deployed), new SeriesStyle { Color = Colors.Black, LineWidth = 1.5f, Legend = "closed loop: deployed loss (10 fixed references)" });
        Series.Add(plot, x, LogAxis.Map(student), new SeriesStyle { Color = Figures.OpenLoop, LineWidth = 1.5f, Legend = "open-loop student: deployed loss" });
        var data = training.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
        for (int i = 0; i < a.Count; i++)
            if (a.Acquisitions[i] is { } e)
            {
                double yv = LogAxis.Map(TrackingMeasures.WindowMean(data, e));
                Decorations.Point(plot, LogAxis.MapEpoch(e), yv, ProbeColors[i % ProbeColors.Length], size: 11);
                Decorations.Label(plot, $"ω{i + 1}", LogAxis.MapEpoch(e), yv - 0.04, Alignment.UpperCenter, fontSize: 15);
            }
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        var logs = LogAxis.Map(training.Concat(deployed).Concat(student)).Where(double.IsFinite).ToList();
        double lo = logs.Count == 0 ? -1 : logs.Min(), hi = logs.Count == 0 ? 1 : logs.Max();
        plot.Axes.SetLimits(LogAxis.Map(0.8), LogAxis.Map(1.25 * (n + 1)), lo - 0.12 * (hi - lo) - 0.05, hi + 0.05 * (hi - lo));
        plot.ShowLegend(Alignment.LowerLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6b",
            FigureData.FromColumns(("epoch", epochs), ("closed_training_loss", training), ("closed_deployed_loss", deployed), ("open_deployed_loss", student), ("open_imitation_loss", pair.StudentImitation)));
        return ctx.Entry(saved, $"Fig. 6b (seed {pair.Seed}): closed-loop training loss (blue) and deployed loss on the 10 fixed references (black), the open-loop student's deployed loss (red), log–log over {n} epochs; markers at the acquisition epochs e_i (probe loss below 1.0 from then on): {Acq(a)}.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a)
    {
        var plots = new List<Plot>();
        var rows = new List<IReadOnlyList<object?>>();
        var used = new List<string>();
        for (int i = 0; i < a.Count; i++)
        {
            var (epoch, how, tr) = pair.Probes[i];
            var comp = pair.Settings.Reference!.Components.OrderBy(c => c.FrequencyHz).ElementAt(i);
            double[] t = [.. Enumerable.Range(0, tr.Steps).Select(k => k * tr.Dt)];
            double[] r = [.. Enumerable.Range(0, tr.Steps).Select(k => tr.R(k, 0, comp.Axis))];
            double[] net = [.. Enumerable.Range(0, tr.Steps).Select(k => tr.X(k, 0, comp.Axis))];
            var plot = Figures.Create($"ω{i + 1} = {comp.AngularFrequency:0.###} rad/s ({comp.Axis}), checkpoint {epoch} {how}, L = {tr.SquaredError(0):0.###}", i == a.Count - 1 ? "time (s)" : null, comp.Axis == Axis.X ? "x" : "y");
            plot.Axes.Title.Label.FontSize = 13;
            Series.Add(plot, t, r, new SeriesStyle { Color = Colors.Black, LineWidth = 1.5f, Legend = i == 0 ? "probe reference" : null });
            Series.Add(plot, t, net, new SeriesStyle { Color = ProbeColors[i], LineWidth = 1.5f, Line = LineKind.Dashed, Legend = i == 0 ? "network position" : null });
            if (i == 0) plot.ShowLegend(Alignment.UpperLeft);
            plots.Add(plot);
            for (int k = 0; k < t.Length; k++) rows.Add([i + 1, epoch, t[k], r[k], net[k]]);
            used.Add($"ω{i + 1}: {epoch} {how}");
        }
        var saved = SaveMulti(plots, new ScottPlot.MultiplotLayouts.Rows(), ctx.FiguresDirectory, "fig6c", new FigureData(["i", "epoch", "t", "ref", "net"], rows), new FigureSize(900, 1100));
        return ctx.Entry(saved, $"Fig. 6c (seed {pair.Seed}): probe i reference (black) and the network's position on the probed axis (dashed) at checkpoint e_i; e_i is known only after training, so the checkpoint is the first snapshot at or after e_i (snapshots every {Fig6.SnapshotSpacing} epochs; the final one when ω_i is not acquired): {string.Join("; ", used)}.");
    }

    private static FigureEntry PanelD(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a)
    {
        var s = pair.Settings;
        var plots = new List<Plot>();
        var rows = new List<IReadOnlyList<object?>>();
        var used = new List<string>();
        double tau = s.Network.Tau;
        for (int i = 0; i < a.Count; i++)
        {
            int target = a.Acquisitions[i] ?? a.Epochs - 1;
            var sp = a.SpectrumAt(target);
            var eig = sp?.Eigenvalues ?? [];
            int epoch = sp?.Epoch ?? target;
            string how = a.Acquisitions[i] is null ? " (not acquired: final)" : "";
            var plot = Figures.Create($"eig(W) at e{i + 1} = {epoch}{how}", "Re λ", "Im λ");
            plot.Axes.Title.Label.FontSize = 14;
            for (int j = 0; j < a.Count; j++)
            {
                var line = Decorations.HorizontalReference(plot, Omega(s, j) * tau, LineKind.Solid, ProbeColors[j].WithAlpha(j == i ? 1 : 0.3));
                line.LineWidth = j == i ? 2.5f : 1.5f;
                Decorations.Label(plot, $"ω{j + 1}", ModeWindow.ReMin + 0.05, Omega(s, j) * tau + 0.03, Alignment.LowerLeft, ProbeColors[j].WithAlpha(j == i ? 1 : 0.5), 12);
            }
            var re1 = plot.Add.VerticalLine(1, 1.2f, Colors.Black, LinePattern.Dashed);
            var pts = plot.Add.ScatterPoints(eig.Select(z => z.Real).ToArray(), eig.Select(z => z.Imaginary).ToArray(), Colors.Black);
            pts.MarkerSize = 5;
            plot.Axes.SetLimits(ModeWindow.ReMin, ModeWindow.ReMax, ModeWindow.ImMin, ModeWindow.ImMax);
            plot.Axes.SquareUnits();
            plots.Add(plot);
            foreach (var z in eig) rows.Add([i + 1, epoch, z.Real, z.Imaginary]);
            used.Add($"e{i + 1} = {epoch}{how}");
        }
        var saved = SaveMulti(plots, new ScottPlot.MultiplotLayouts.Grid(2, (plots.Count + 1) / 2), ctx.FiguresDirectory, "fig6d", new FigureData(["i", "epoch", "re", "im"], rows), new FigureSize(1000, 1000));
        return ctx.Entry(saved, $"Fig. 6d (seed {pair.Seed}): eig(W) at each acquisition epoch with the line Im λ = ω_i τ highlighted (others faint) and the continuous-time stability boundary Re λ = 1 (dashed); window Re [−2, 2], Im [−1, 3]: {string.Join("; ", used)}.");
    }

    private static FigureEntry PanelE(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a)
    {
        const int window = Theory.TrackingAnalysis.DefaultInterferenceWindow;
        int? e2 = a.Count > 1 ? a.Acquisitions[1] : null;
        int lo = e2 is { } c ? c - window : 0, hi = e2 is { } d ? d + window : a.Epochs - 1;
        var rec = Enumerable.Range(0, a.ProbeEpochs.Count).Where(r => a.ProbeEpochs[r] >= lo && a.ProbeEpochs[r] <= hi).ToList();
        double[] ep = [.. rec.Select(r => (double)a.ProbeEpochs[r])], l1 = [.. rec.Select(r => a.ProbeLosses[0][r])], l2 = [.. rec.Select(r => a.ProbeLosses[1][r])];
        var plot = Figures.Create($"(e) zoom-in plateau, seed {pair.Seed}", "epoch", "L2 (ω2 probe loss)");
        plot.Axes.Right.Label.Text = "L1 (ω1 probe loss)";
        Series.Add(plot, ep, l2, new SeriesStyle { Color = ProbeColors[1], LineWidth = 2, Marker = MarkerShape.FilledCircle, MarkerSize = 4, Legend = "L2 (left)" });
        Series.Add(plot, ep, l1, new SeriesStyle { Color = ProbeColors[0], LineWidth = 2, Marker = MarkerShape.FilledSquare, MarkerSize = 4, Legend = "L1 (right)", Axis = AxisSide.Right });
        if (e2 is { } e) Decorations.ReferenceLine(plot, e, legend: "e2");
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6e", FigureData.FromColumns(("epoch", ep), ("probe_loss_1", l1), ("probe_loss_2", l2)));
        string where = e2 is { } w ? $"over [e2 − 100, e2 + 100] = [{lo}, {hi}]" : "over the whole run (ω2 not acquired)";
        return ctx.Entry(saved, $"Fig. 6e (seed {pair.Seed}): probe losses L2 (left axis) and L1 (right axis) {where}, recorded every {pair.Settings.Evaluation.ProbeEvery} epochs: L1 rises transiently while ω2 is acquired.");
    }

    private static FigureEntry PanelF(ExperimentContext ctx, IReadOnlyList<Fig6Seed> pairs)
    {
        var all = pairs.Select(p => p.Analysis).ToList();
        var plot = Figures.Create("(f) freq. dependent learning", "frequency index i", "normalised acquisition time e_i / E");
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = pairs.Count - 1; k >= 0; k--)
        {
            var a = all[k];
            var idx = Enumerable.Range(0, a.Count).Where(i => a.Acquisitions[i] is not null).ToList();
            double[] xs = [.. idx.Select(i => i + 1.0)], ys = [.. idx.Select(i => a.Acquisitions[i]!.Value / (double)a.Epochs)];
            bool main = k == 0;
            Series.Add(plot, xs, ys, new SeriesStyle
            {
                Color = main ? Figures.ClosedLoop : Figures.ClosedLoop.WithAlpha(0.3), LineWidth = main ? 2.5f : 1,
                Marker = MarkerShape.FilledCircle, MarkerSize = main ? 10 : 5, Legend = main ? $"network, seed {pairs[k].Seed}" : (k == 1 ? "other seeds" : null),
            });
            for (int i = 0; i < a.Count; i++)
                rows.Add([pairs[k].Seed, i + 1, Omega(pairs[k].Settings, i), a.Acquisitions[i], a.Acquisitions[i] is { } e ? e / (double)a.Epochs : null]);
        }
        plot.Axes.SetLimits(0.5, all[0].Count + 0.5, 0, 1);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(1, all[0].Count).Select(i => (double)i)], [.. Enumerable.Range(1, all[0].Count).Select(i => $"{i} (ω{i})")]);
        plot.ShowLegend(Alignment.UpperLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6f", new FigureData(["seed", "i", "omega", "acquisition_epoch", "normalized_time"], rows));
        return ctx.Entry(saved, $"Fig. 6f: normalised acquisition time e_i/E (E = {all[0].Epochs} epochs) against frequency index, seed {pairs[0].Seed} bold and the other seeds faint; frequencies not acquired within E are omitted; no human-data series is supplied.");
    }

    private static string Acq(TrackingRunAnalysis a) =>
        string.Join(", ", Enumerable.Range(0, a.Count).Select(i => $"e{i + 1} = {a.Acquisitions[i]?.ToString() ?? "not acquired"}"));

    /// <summary>Saves a multi-panel figure: PNG (no SVG: the panels use dashed lines) and the CSV of its data.</summary>
    internal static SavedFigure SaveMulti(IReadOnlyList<Plot> plots, IMultiplotLayout layout, string directory, string panel, FigureData data, FigureSize size)
    {
        var multi = new Multiplot(plots[0]) { Layout = layout };
        foreach (var p in plots.Skip(1)) multi.AddPlot(p);
        string png = Path.Combine(directory, panel + ".png"), csv = Path.Combine(directory, panel + ".csv");
        using (var image = multi.Render(size.Width, size.Height))
            AtomicFile.WriteAllBytes(png, image.GetImageBytes(ImageFormat.Png, 100));
        File.Delete(Path.Combine(directory, panel + ".svg"));
        CsvWriter.WriteTable(csv, data.Header, data.Rows);
        return new SavedFigure(png, null, csv);
    }
}
