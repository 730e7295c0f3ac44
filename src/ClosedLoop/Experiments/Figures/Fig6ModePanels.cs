using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// Panels (g)–(i) of the reproduction's Fig. 6 (beyond the paper; docs/findings/tracking-modes.md): the closed-loop
/// frequency response at each ω_i over training, the resonant modes of P and W over training, and the mode carrying
/// each frequency at its acquisition in every seed; and the table <c>acquisition_modes.csv</c>.
/// </summary>
public static class Fig6ModePanels
{
    /// <summary>Modes drawn in panel (h): resonant (ζ &lt; 1/√2) and decaying slower than this rate (1/s).</summary>
    public const double SlowestRateShown = -0.5;

    /// <summary>Upper frequency of panel (h), rad/s.</summary>
    public const double MaxFrequencyShown = 3.5;

    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig6Figure f, SeedModes first, IReadOnlyList<SeedModes> modes)
    {
        var list = new List<FigureEntry>();
        if (f.Analysis.HasResponse) list.Add(PanelG(ctx, f, f.Analysis, first));
        list.Add(PanelH(ctx, f, f.Analysis, first));
        list.Add(PanelI(ctx, modes));
        return list;
    }

    /// <summary>One row per seed and frequency: acquisition epochs by both rules and the carrying mode.</summary>
    public static void WriteTable(ExperimentContext ctx, IReadOnlyList<SeedModes> modes)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var s in modes)
            for (int i = 0; i < s.Omegas.Count; i++)
            {
                var m = s.Carrying[i];
                rows.Add([s.Seed, i + 1, s.Omegas[i], s.ProbeStrict[i], s.Probe[i], At(s.ResponseStrict, i), At(s.Response, i), s.RadiusAtAcquisition[i],
                    m?.Epoch, m?.Frequency, m?.Rate, m?.Damping, m?.Share, m?.NetworkFrequency, m?.NetworkRate, m?.PlantShift,
                    s.FirstNetworkBand[i], s.FirstJointBand[i], s.FinalErrors.Count > i ? s.FinalErrors[i] : null]);
            }
        ctx.WriteTable("acquisition_modes.csv",
            ["seed", "i", "omega", "e_probe_strict", "e_probe", "e_response_strict", "e_response", "rho_p_at_e",
             "snapshot", "mode_frequency", "mode_rate", "mode_damping", "mode_share", "w_mode_frequency", "w_mode_rate", "plant_shift",
             "first_w_band_epoch", "first_p_band_epoch", "final_error"], rows);
    }

    private static FigureEntry PanelG(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a, SeedModes s)
    {
        var plot = Figures.Create($"(g) closed-loop response at each ω_i, seed {pair.Seed}", "epoch", "|H(e^{iω_i dt})| (probed axis)");
        var x = LogAxis.MapEpochs(a.ProbeEpochs.Select(e => (double)e));
        Decorations.HorizontalReference(plot, 1.0);
        for (int i = 0; i < a.Count; i++)
        {
            var color = Fig6Panels.ProbeColors[i];
            Series.Add(plot, x, a.ResponseGains[i], new SeriesStyle { Color = color, LineWidth = 1.5f, Legend = $"ω{i + 1} = {s.Omegas[i]:0.###}" });
            if (s.Probe[i] is { } e) Decorations.Point(plot, LogAxis.MapEpoch(e), GainAt(a, i, e), color, MarkerShape.FilledCircle, 10);
            if (At(s.Response, i) is { } h) Decorations.Point(plot, LogAxis.MapEpoch(h), GainAt(a, i, h), color, MarkerShape.FilledTriangleUp, 10);
        }
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimits(LogAxis.Map(0.8), LogAxis.Map(1.25 * (a.Epochs + 1)), 0, 1.6);
        plot.ShowLegend(Alignment.UpperLeft);
        var cols = new List<(string, IReadOnlyList<double>)> { ("epoch", a.ProbeEpochs.Select(e => (double)e).ToArray()) };
        for (int i = 0; i < a.Count; i++) cols.Add(($"gain_w{i + 1}", a.ResponseGains[i]));
        for (int i = 0; i < a.Count; i++) cols.Add(($"error_w{i + 1}", a.ResponseErrors[i]));
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6g", FigureData.FromColumns([.. cols]));
        return ctx.Entry(saved, $"Fig. 6g (seed {pair.Seed}; beyond the paper): gain |H_aa| of the closed-loop frequency response from reference to charged position at each task frequency, every {pair.Settings.Evaluation.ProbeEvery} epochs (1 = perfect gain; the CSV also holds the error ε_i = ‖(H − I)e_a‖). "
            + $"Circles: e_i by the probe-loss rule, triangles: by the frequency-response rule (ε_i < {Fig6Modes.Tolerance:0.###}), both held for {Fig6Measures.PersistenceRecords} records: {Pairs(s)}. Each acquisition is a step of the response from near 0 to near 1.");
    }

    private static FigureEntry PanelH(ExperimentContext ctx, Fig6Figure pair, TrackingRunAnalysis a, SeedModes s)
    {
        var settings = pair.Settings;
        double dt = settings.Plant.Dt, gamma = settings.Network.Gamma;
        var rows = new List<IReadOnlyList<object?>>();
        var plot = Figures.Create($"(h) resonant modes over training, seed {pair.Seed}", "epoch", "mode frequency (rad/s)");
        for (int i = 0; i < s.Omegas.Count; i++)
        {
            var band = plot.Add.VerticalSpan(s.Omegas[i] * (1 - Fig6ModeClaims.Band), s.Omegas[i] * (1 + Fig6ModeClaims.Band), Fig6Panels.ProbeColors[i].WithAlpha(0.15));
            band.LineWidth = 0;
            Decorations.Label(plot, $"ω{i + 1}", LogAxis.MapEpoch(0.5), s.Omegas[i], Alignment.MiddleLeft, Fig6Panels.ProbeColors[i], 12);
            if (s.Probe[i] is { } e) plot.Add.VerticalLine(LogAxis.MapEpoch(e), 1, Fig6Panels.ProbeColors[i], LinePattern.Solid);
        }
        AddModes(plot, a.SpectrumEpochs, a.SpectrumRows.Select(r => r.Select(l => 1 - gamma + gamma * l).ToArray()).ToList(), dt, Colors.Red.WithAlpha(0.35), "W", "network modes (1 − γ + γ eig W)", rows);
        AddModes(plot, a.JointEpochs, a.JointRows, dt, Colors.Black, "P", "closed-loop modes (eig P)", rows);
        for (int i = 0; i < s.Omegas.Count; i++)
            if (s.Carrying[i] is { } m)
                Decorations.Point(plot, LogAxis.MapEpoch(m.Epoch), m.Frequency, Fig6Panels.ProbeColors[i], MarkerShape.FilledDiamond, 12, i == 0 ? "mode carrying ω_i at e_i" : null);
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.SetLimits(LogAxis.Map(0.8), LogAxis.Map(1.25 * (a.Epochs + 1)), 0, MaxFrequencyShown);
        plot.ShowLegend(Alignment.UpperLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig6h", new FigureData(["matrix", "epoch", "frequency", "rate"], rows));
        return ctx.Entry(saved, $"Fig. 6h (seed {pair.Seed}; beyond the paper): frequencies of the resonant modes (ζ < 1/√2, decay rate above {SlowestRateShown}/s) of the joint matrix P (black) and of the network alone, 1 − γ + γ eig(W) (red), every recorded epoch; "
            + $"shaded: the ±{Fig6ModeClaims.Band:P0} bands of ω_i; vertical lines: e_i (probe-loss rule with persistence); diamonds: the mode of P carrying ω_i at the first snapshot at or after e_i.");
    }

    private static FigureEntry PanelI(ExperimentContext ctx, IReadOnlyList<SeedModes> modes)
    {
        var left = Figures.Create("(i) mode carrying ω_i at e_i, all seeds", "frequency index i", "mode frequency / ω_i");
        var right = Figures.Create("plant shift of that mode", "frequency index i", "|Δ(rate + i freq)| P vs W (1/s)");
        var band = left.Add.VerticalSpan(1 - Fig6ModeClaims.Band, 1 + Fig6ModeClaims.Band, Colors.Gray.WithAlpha(0.2));
        band.LineWidth = 0;
        Decorations.HorizontalReference(left, 1.0);
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = 0; k < modes.Count; k++)
        {
            var s = modes[k];
            double jitter = (k - (modes.Count - 1) / 2.0) * 0.06;
            var idx = Enumerable.Range(0, s.Omegas.Count).Where(i => s.Carrying[i] is not null).ToList();
            double[] xs = [.. idx.Select(i => i + 1 + jitter)];
            string? legend(string what) => k == 0 ? what : null;
            Series.Add(left, xs, [.. idx.Select(i => s.Carrying[i]!.FrequencyRatio)], new SeriesStyle { Color = Colors.Black, Line = LineKind.None, Marker = MarkerShape.FilledCircle, MarkerSize = 8, Legend = legend("closed loop P") });
            Series.Add(left, xs, [.. idx.Select(i => s.Carrying[i]!.NetworkFrequencyRatio)], new SeriesStyle { Color = Colors.Red, Line = LineKind.None, Marker = MarkerShape.OpenCircle, MarkerSize = 8, Legend = legend("nearest network mode (W)") });
            Series.Add(right, xs, [.. idx.Select(i => LogAxis.Map(s.Carrying[i]!.PlantShift))], new SeriesStyle { Color = Colors.Black, Line = LineKind.None, Marker = MarkerShape.FilledCircle, MarkerSize = 8 });
            foreach (int i in idx)
            {
                var m = s.Carrying[i]!;
                rows.Add([s.Seed, i + 1, s.Omegas[i], m.Epoch, m.FrequencyRatio, m.Damping, m.NetworkFrequencyRatio, m.PlantShift]);
            }
        }
        int n = modes[0].Omegas.Count;
        double[] ticks = [.. Enumerable.Range(1, n).Select(i => (double)i)];
        string[] labels = [.. Enumerable.Range(1, n).Select(i => $"{i} (ω{i})")];
        left.Axes.Bottom.SetTicks(ticks, labels);
        right.Axes.Bottom.SetTicks(ticks, labels);
        left.Axes.SetLimits(0.5, n + 0.5, 0, 1.6);
        right.Axes.SetLimits(0.5, n + 0.5, -3.5, 0.5);
        LogAxis.Apply(right.Axes.Left);
        left.ShowLegend(Alignment.LowerRight);
        var saved = Fig6Panels.SaveMulti([left, right], new ScottPlot.MultiplotLayouts.Columns(), ctx.FiguresDirectory, "fig6i",
            new FigureData(["seed", "i", "omega", "snapshot", "frequency_ratio", "damping", "w_frequency_ratio", "plant_shift"], rows), new FigureSize(1200, 520));
        return ctx.Entry(saved, $"Fig. 6i (all {modes.Count} seeds; beyond the paper): left, the frequency of the mode of P that carries ω_i at its acquisition (black; the largest contribution to H(ω_i) at the first snapshot at or after e_i) and of the nearest network mode 1 − γ + γ eig(W) (red), over ω_i; grey: the ±{Fig6ModeClaims.Band:P0} band. "
            + "Right, the distance between the two in continuous-time units (log scale): how far the plant's feedback moves the mode.");
    }

    private static void AddModes(Plot plot, IReadOnlyList<long> epochs, IReadOnlyList<Complex[]> rows, double dt, Color color, string name, string legend, List<IReadOnlyList<object?>> table)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int r = 0; r < Math.Min(epochs.Count, rows.Count); r++)
            foreach (var l in rows[r])
            {
                if (l.Imaginary <= ModeFrequency.ComplexThreshold) continue;
                var mode = new ResponseMode(l, Complex.Zero);
                double f = mode.Frequency(dt), rate = mode.Rate(dt);
                if (rate < SlowestRateShown || mode.DampingRatio(dt) >= ModeFrequency.ResonantDamping || f > MaxFrequencyShown) continue;
                xs.Add(LogAxis.MapEpoch(epochs[r]));
                ys.Add(f);
                table.Add([name, epochs[r], f, rate]);
            }
        var pts = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color);
        pts.MarkerSize = 3;
        pts.LegendText = legend;
    }

    private static double GainAt(TrackingRunAnalysis a, int i, int epoch)
    {
        int r = a.ProbeEpochs.ToList().IndexOf(epoch);
        return r < 0 ? double.NaN : a.ResponseGains[i][r];
    }

    private static int? At(IReadOnlyList<int?> list, int i) => list.Count > i ? list[i] : null;

    private static string Pairs(SeedModes s) =>
        string.Join(", ", Enumerable.Range(0, s.Omegas.Count).Select(i => $"e{i + 1} = {s.Probe[i]?.ToString() ?? "–"} / {At(s.Response, i)?.ToString() ?? "–"}"));
}
