using System.Globalization;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The panels of the β study (docs/science/figures-and-studies.md §8): loss curves coloured by β (log–log), e_stab against β (per-seed
/// dots, median line), final D and control energy against β, final gains in the gain plane over the stability map.
/// </summary>
internal static class BetaPanels
{
    internal static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, BetaData d)
    {
        var (a, b, c, cOpen) = (d.A, d.B, d.C, d.COpen);
        var figures = new List<FigureEntry>();
        var bLabels = Labels(BetaStudy.RankOneBetas);
        var cLabels = Labels(BetaStudy.TanhBetas);
        var aLabels = Labels(BetaStudy.RestartBetas);
        if (a.Count > 0) figures.Add(RestartCurves(ctx, a[0]));
        if (b.Count > 0)
            figures.Add(StudyPlots.Curves(ctx, "beta_b_loss", $"B: rank-1 from scratch, seed {b[0].Seed}", "deployed loss D",
                b[0].Runs.Select((r, j) => DeployedCurve(r, $"β = {bLabels[j]}", BetaStudy.RankOneBetas[j], "full", StudyPlots.ConditionColor(j, bLabels.Count))).ToList(),
                $"Study β B (seed {b[0].Seed}): deployed loss D of the rank-1 base run trained from scratch with each control penalty β, log–log."));
        if (c.Count > 0)
        {
            var curves = c[0].Runs.Select((r, j) => DeployedCurve(r, $"closed, reg_U = {cLabels[j]}", BetaStudy.TanhBetas[j], "closed", StudyPlots.ConditionColor(j, cLabels.Count)))
                .Concat(cOpen[0].Runs.Select((r, j) => DeployedCurve(r, $"open, reg_U = {cLabels[j]}", BetaStudy.TanhBetas[j], "open", StudyPlots.ConditionColor(j, cLabels.Count), LineKind.Dashed)))
                .ToList();
            figures.Add(StudyPlots.Curves(ctx, "beta_c_loss", $"C: tanh network, seed {c[0].Seed}", "deployed loss T·D", curves,
                $"Study β C (seed {c[0].Seed}): deployed loss T·D of the tanh closed-loop learner (solid) and its open-loop student (dashed) for each reg_U, log–log."));
        }
        figures.Add(StudyPlots.ByCondition(ctx, "beta_b_estab", "B: stabilisation epoch against β", "β", "epoch", bLabels,
            [PerSeed("e_stab (strict ρ(P))", b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), r => r.EStab, Figures.ClosedLoop),
             PerSeed("e1 (spectral detector)", b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), r => r.E1, Colors.Gray, MarkerShape.FilledTriangleUp)],
            logY: false, "Study β B: strict stabilisation epoch e_stab and Stage-1 end e1 against β (dots: seeds; line: median; missing = not stabilised)."));
        figures.Add(StudyPlots.ByCondition(ctx, "beta_c_estab", "C: stabilisation epoch against reg_U", "reg_U", "epoch", cLabels,
            [PerSeed("e_stab (gain system)", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.EStabGain, Figures.ClosedLoop),
             PerSeed("e_stab (linearised P)", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.EStabRho, Figures.OpenLoop, MarkerShape.FilledDiamond),
             PerSeed("e1 (spectral detector)", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.E1, Colors.Gray, MarkerShape.FilledTriangleUp)],
            logY: false, "Study β C: stabilisation epochs of the tanh closed-loop learner (gain system P_red(k_eff) and linearised P) and e1 against reg_U (dots: seeds; line: median)."));
        figures.Add(Final(ctx, "beta_a_final", "A: restarts from e_stab+1", aLabels, a.Select(s => s.Full).ToList(), a.Select(s => s.Seed).ToList(),
            a.Select(s => s.Reduced).ToList(), "Study β A (= Fig. 5d restarts): final deployed D_50 (left) and control energy (right) of the full model (circles) and the reduced model P_eff (squares) against β."));
        figures.Add(Final(ctx, "beta_b_final", "B: rank-1 from scratch", bLabels, b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), null,
            "Study β B: final deployed D_50 (left) and control energy (right) against β (dots: seeds; line: median)."));
        figures.Add(Final(ctx, "beta_c_final", "C: tanh network", cLabels, c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), null,
            "Study β C: final deployed D_50 (left) and control energy (right) of the tanh closed-loop learner against reg_U."));
        figures.Add(Gains(ctx, "beta_b_gains", "B: final gains", "β", bLabels, b.Select(s => s.Rows).ToList(),
            "Study β B: final effective gains (k₁, k₂) of every seed, coloured by β, over the stability map of P_red(k) (black: class boundaries)."));
        figures.Add(Gains(ctx, "beta_c_gains", "C: final gains (closed loop)", "reg_U", cLabels, c.Select(s => s.Rows).ToList(),
            "Study β C: final effective gains of the tanh closed-loop learner, coloured by reg_U, over the stability map."));
        return figures;
    }

    private static FigureEntry RestartCurves(ExperimentContext ctx, BetaRestartSeed s)
    {
        var labels = Labels(BetaStudy.RestartBetas);
        var curves = new List<Curve>();
        for (int j = 0; j < labels.Count; j++)
        {
            var color = StudyPlots.ConditionColor(j, labels.Count);
            var full = s.FullLoss[j];
            curves.Add(new Curve($"β = {labels[j]}, simulation", BetaStudy.RestartBetas[j], "full", Enumerable.Range(0, full.Length).Select(e => (double)e).ToArray(), full, color));
            var red = s.ReducedRuns[j].Losses;
            curves.Add(new Curve($"β = {labels[j]}, theory", BetaStudy.RestartBetas[j], "reduced", Enumerable.Range(0, red.Length).Select(e => (double)e).ToArray(), red, color, LineKind.Dashed));
        }
        return StudyPlots.Curves(ctx, "beta_a_restarts", $"A: restart from snapshot {s.Epoch} (e_stab+1), seed {s.Seed}", "training loss", curves,
            $"Study β A (= Fig. 5d, seed {s.Seed}): training loss of the full rank-1 model restarted from snapshot {s.Epoch} (solid, simulation) and of the reduced model P_eff (dashed, theory) for each β, same batches, log–log in restart epochs.");
    }

    private static Curve DeployedCurve(StudyRun r, string label, double condition, string model, Color color, LineKind line = LineKind.Solid)
    {
        var v = r.Deployed;
        return new Curve(label, condition, model, Enumerable.Range(0, v.Length).Select(e => (double)e).ToArray(), v, color, line);
    }

    private static FigureEntry Final(ExperimentContext ctx, string panel, string title, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<StudyRow>> rows,
        IReadOnlyList<long> seeds, IReadOnlyList<IReadOnlyList<StudyRow>>? reduced, string caption)
    {
        var series = new List<ConditionSeries>
        {
            PerSeed("D_50 (left)", rows, seeds, r => r.Final.StateLoss, Figures.ClosedLoop),
            PerSeed("control energy (right)", rows, seeds, r => r.Final.ControlEnergy, Figures.OpenLoop) with { Axis = AxisSide.Right, Marker = MarkerShape.FilledDiamond },
        };
        if (reduced is not null)
        {
            series.Add(PerSeed("D_50 reduced (left)", reduced, seeds, r => r.Final.StateLoss, Colors.Navy) with { Marker = MarkerShape.FilledSquare });
            series.Add(PerSeed("control energy reduced (right)", reduced, seeds, r => r.Final.ControlEnergy, Colors.DarkOrange) with { Axis = AxisSide.Right, Marker = MarkerShape.FilledSquare });
        }
        return StudyPlots.ByCondition(ctx, panel, title, panel.StartsWith("beta_c", StringComparison.Ordinal) ? "reg_U" : "β", "final deployed D_50", labels, series, logY: true, caption, "final control energy");
    }

    private static FigureEntry Gains(ExperimentContext ctx, string panel, string title, string symbol, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<StudyRow>> rows, string caption) =>
        StudyPlots.GainPlane(ctx, panel, title,
            labels.Select((l, j) => new GainPoints($"{symbol} = {l}", rows.Select(r => r[j].K1).ToList(), rows.Select(r => r[j].K2).ToList(), StudyPlots.ConditionColor(j, labels.Count))).ToList(),
            caption);

    internal static ConditionSeries PerSeed(string name, IReadOnlyList<IReadOnlyList<StudyRow>> rows, IReadOnlyList<long> seeds, Func<StudyRow, double?> measure, Color color,
        MarkerShape marker = MarkerShape.FilledCircle)
    {
        int n = rows.Count == 0 ? 0 : rows[0].Count;
        var values = Enumerable.Range(0, n).Select(j => (IReadOnlyList<double>)rows.Select(r => measure(r[j]) ?? double.NaN).ToList()).ToList();
        return new ConditionSeries(name, values, seeds, color, AxisSide.Left, marker);
    }

    internal static IReadOnlyList<string> Labels(IEnumerable<double> values) => values.Select(v => v.ToString("G3", CultureInfo.InvariantCulture)).ToList();
}
