using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>Panels of the nonlinear study (docs/science/figures-and-studies.md §11): ρ(P) and ρ(W) against epoch, dominant-pair path, final eig(W).</summary>
internal static class NonlinearPanels
{
    /// <summary>ρ(P) (line) and ρ(W) (line, or markers at the snapshots) on a log-epoch axis with the spectral stage spans.</summary>
    public static FigureEntry Radii(ExperimentContext ctx, NonlinearRun r)
    {
        int n = r.Run.Epochs;
        var epochs = Enumerable.Range(0, n).Select(e => (double)e).ToArray();
        var rhoP = r.Run.RhoP;
        var plot = Figures.Create($"{r.Config.Description}, seed {r.Seed}", "epoch", "spectral radius");
        if (r.Stages.Stage1End is { } e1)
            Decorations.StageSpans(plot, LogAxis.MapEpoch(0), LogAxis.MapEpoch(e1), LogAxis.MapEpoch(r.Stages.Stabilization ?? double.NaN), LogAxis.MapEpoch(n - 1));
        if (r.Stages.GainStabilization is { } g) Decorations.ReferenceLine(plot, LogAxis.MapEpoch(g), legend: $"gain-system e_stab ({g})");
        Decorations.HorizontalReference(plot, 1.0, LineKind.Dashed, Colors.Gray);
        Series.Add(plot, LogAxis.MapEpochs(epochs), rhoP, new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = "ρ(P), linearised" });
        bool sparse = r.RadiusW.Count < n / 2;
        Series.Add(plot, LogAxis.MapEpochs(r.RadiusW.Select(p => (double)p.Epoch)), r.RadiusW.Select(p => p.Value).ToArray(),
            new SeriesStyle { Color = ComplexPanels.Palette[1], LineWidth = 2, Marker = sparse ? MarkerShape.FilledCircle : MarkerShape.None, MarkerSize = 6, Legend = sparse ? "ρ(W) (snapshots)" : "ρ(W)" });
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(n + 5));
        double top = Math.Max(Finite(rhoP).DefaultIfEmpty(1).Max(), r.RadiusW.Select(p => p.Value).DefaultIfEmpty(1).Max());
        plot.Axes.SetLimitsY(0, Math.Max(1.6, top * 1.05 + 0.45));
        plot.ShowLegend(Alignment.UpperRight);
        var w = new double[n];
        Array.Fill(w, double.NaN);
        foreach (var (e, v) in r.RadiusW) w[e] = v;
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, $"nonlinear_radii_{r.Config.Label}", FigureData.FromColumns(("epoch", epochs), ("rho_p", rhoP), ("rho_w", w)));
        return ctx.Entry(saved,
            $"Nonlinear study, {r.Config.Description}, seed {r.Seed}: ρ(P) of the linearised joint matrix crosses 1 at the Stage-2/3 boundary (spans: e1 = {Text(r.Stages.Stage1End)}, e_stab(P) = {Text(r.Stages.Stabilization)}; dotted: gain-system e_stab) while ρ(W) of the recurrent matrix alone stays low.");
    }

    /// <summary>ρ(P) and ρ(W) of the first seed of (i) (τ = 1) and the continuous-time variants.</summary>
    public static FigureEntry ContinuousTimeRadii(ExperimentContext ctx, IReadOnlyList<NonlinearRun> firstSeed)
    {
        var list = firstSeed.Where(r => r.Config.Label is "tanh" or "tau2" or "tau5").ToList();
        double top = 1.3;
        var plot = Figures.Create($"Continuous-time variants, seed {list[0].Seed}", "epoch", "spectral radius");
        Decorations.HorizontalReference(plot, 1.0, LineKind.Dashed, Colors.Gray);
        var columns = new List<(string, IReadOnlyList<double>)>();
        int n = list.Max(r => r.Run.Epochs);
        columns.Add(("epoch", Enumerable.Range(0, n).Select(e => (double)e).ToArray()));
        for (int i = 0; i < list.Count; i++)
        {
            var r = list[i];
            string tau = r.Config.Label == "tanh" ? "τ = 1" : r.Config.Label == "tau2" ? "τ = 2" : "τ = 5";
            var color = ComplexPanels.Palette[i + 2];
            var rhoP = Pad(r.Run.RhoP, n);
            Series.Add(plot, LogAxis.MapEpochs(Enumerable.Range(0, n).Select(e => (double)e)), rhoP, new SeriesStyle { Color = color, LineWidth = 2, Legend = $"ρ(P), {tau}" });
            Series.Add(plot, LogAxis.MapEpochs(r.RadiusW.Select(p => (double)p.Epoch)), r.RadiusW.Select(p => p.Value).ToArray(),
                new SeriesStyle { Color = color, LineWidth = 1.5f, Line = LineKind.Dashed, Marker = r.RadiusW.Count < n / 2 ? MarkerShape.OpenCircle : MarkerShape.None, MarkerSize = 6, Legend = $"ρ(W), {tau}" });
            var w = new double[n];
            Array.Fill(w, double.NaN);
            foreach (var (e, v) in r.RadiusW) w[e] = v;
            top = Math.Max(top, Finite(rhoP).Concat(r.RadiusW.Select(p => p.Value)).DefaultIfEmpty(1).Max() * 1.05);
            columns.Add(($"rho_p_{r.Config.Label}", rhoP));
            columns.Add(($"rho_w_{r.Config.Label}", w));
        }
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(n + 5));
        plot.Axes.SetLimitsY(0, top);
        plot.ShowLegend(Alignment.UpperLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "nonlinear_radii_continuous_time", FigureData.FromColumns([.. columns]));
        return ctx.Entry(saved, $"Nonlinear study, seed {list[0].Seed}: ρ(P) (solid) and ρ(W) (dashed) of the tanh network with τ = 1, 2, 5 (γ = 1, 0.5, 0.2).");
    }

    /// <summary>
    /// The upper dominant eigenvalue of P at every epoch of Stage 2 and just after it ([e₁, e_stab + 10]), coloured by
    /// epoch, with e₁ and e_stab outlined.
    /// </summary>
    public static FigureEntry DominantPath(ExperimentContext ctx, NonlinearRun r)
    {
        var re = r.Run.DomRe;
        var im = r.Run.DomIm;
        int from = r.Stages.Stage1End ?? 0;
        int to = Math.Min(re.Length - 1, (r.Stages.Stabilization ?? re.Length - 11) + 10);
        var epochs = Enumerable.Range(from, Math.Max(0, to - from + 1)).Where(e => double.IsFinite(re[e]) && double.IsFinite(im[e])).ToList();
        var points = epochs.Select(e => new Complex(re[e], im[e])).ToList();
        var window = ComplexPanels.Enlarge(ComplexPanels.Fig4cWindow, points, 0.7, 1.6);
        var outlined = new[] { r.Stages.Stage1End, r.Stages.Stabilization }.Where(e => e is not null).Select(e => epochs.IndexOf(e!.Value)).Where(i => i >= 0).ToList();
        var plot = Figures.Create($"Dominant eigenvalue of P in Stage 2, {r.Config.Label}, seed {r.Seed}");
        ComplexPlane.AddScatter(plot, new ComplexScatterSettings { Points = points, ColorValues = epochs.Select(e => (double)e).ToList(), Outlined = outlined, Window = window, MarkerSize = 5 });
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, $"nonlinear_dominant_{r.Config.Label}",
            FigureData.FromColumns(("epoch", epochs.Select(e => (double)e).ToArray()), ("re", points.Select(z => z.Real).ToArray()), ("im", points.Select(z => z.Imaginary).ToArray())),
            ComplexPlane.SizeFor(window));
        return ctx.Entry(saved,
            $"Nonlinear study, {r.Config.Description}, seed {r.Seed}: upper dominant eigenvalue of the linearised P from e1 = {Text(r.Stages.Stage1End)} to e_stab(P) + 10, coloured by epoch (e1 and e_stab(P) = {Text(r.Stages.Stabilization)} outlined).");
    }

    /// <summary>Final eigenvalues of W of (i) and (ii) (first seed) with the initial spectrum, in the unit disk.</summary>
    public static FigureEntry FinalEigW(ExperimentContext ctx, NonlinearRun tanh, NonlinearRun linear)
    {
        var window = ComplexWindow.UnitDisk;
        var plot = ComplexPanels.ComplexPlot($"eig(W), seed {tanh.Seed}", window);
        var init = tanh.Run.InitialEigW;
        var sets = new (string Name, IReadOnlyList<Complex> Values, Color Color, MarkerShape Shape, float Size)[]
        {
            ("initial", init, Colors.LightGray, MarkerShape.FilledCircle, 9f),
            ("final, tanh", tanh.FinalEigW, Figures.ClosedLoop, MarkerShape.FilledCircle, 4f),
            ("final, linear", linear.FinalEigW, ComplexPanels.Palette[1], MarkerShape.OpenSquare, 6f),
        };
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (name, values, color, shape, size) in sets)
        {
            Series.Add(plot, values.Select(z => z.Real).ToArray(), values.Select(z => z.Imaginary).ToArray(),
                new SeriesStyle { Color = color, Line = LineKind.None, Marker = shape, MarkerSize = size, Legend = name });
            rows.AddRange(values.Select(z => (IReadOnlyList<object?>)[name, z.Real, z.Imaginary]));
        }
        plot.ShowLegend(Alignment.UpperRight);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "nonlinear_eig_w", new FigureData(["set", "re", "im"], rows), ComplexPlane.SizeFor(window));
        var (o, bulk) = NonlinearMeasures.Shape(tanh.FinalEigW);
        return ctx.Entry(saved,
            $"Nonlinear study, seed {tanh.Seed}: eigenvalues of the recurrent matrix W at initialisation (grey) and at the end of training (tanh: outlier {o.Real:G3}, bulk radius {bulk:G2}; published: bulk about 0.1, real outlier near −0.88).");
    }

    private static double[] Pad(double[] s, int n) => s.Length >= n ? s : [.. s, .. Enumerable.Repeat(double.NaN, n - s.Length)];

    private static IEnumerable<double> Finite(IEnumerable<double> s) => s.Where(double.IsFinite);

    private static string Text(int? e) => e?.ToString() ?? "none";
}
