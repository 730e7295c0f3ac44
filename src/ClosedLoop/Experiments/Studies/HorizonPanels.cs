using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The panels of the T study (docs/science/figures-and-studies.md §9): dominant-pair paths coloured by T (as Fig. 4e) for the restarts and
/// the runs from scratch, the restart shift of Im λ per seed, e_stab against T, final D_50 against T.
/// </summary>
internal static class HorizonPanels
{
    internal static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, HorizonData d)
    {
        var (a, b, c) = (d.A, d.B, d.C);
        var figures = new List<FigureEntry>();
        var tLabels = HorizonStudy.Labels(HorizonStudy.RankOneSteps);
        var cLabels = HorizonStudy.Labels(HorizonStudy.TanhSteps);
        if (a.Count > 0)
        {
            figures.Add(Paths(ctx, a[0], d.RestartEpochs, d.RestartEpochs, "horizon_a_paths"));
            figures.Add(Paths(ctx, a[0], ZoomEpochs, d.RestartEpochs, "horizon_a_zoom"));
        }
        figures.Add(StudyPlots.ByCondition(ctx, "horizon_a_shift", $"A: Im λ after {HorizonRestartSeed.ClaimEpoch} restart epochs", "episode length T",
            $"Im λ({HorizonRestartSeed.ClaimEpoch}) − Im λ(0)", tLabels,
            [new ConditionSeries("restart", HorizonStudy.RankOneSteps.Select((_, j) => (IReadOnlyList<double>)a.Select(s => s.Restarts[j].ImaginaryShift(HorizonRestartSeed.ClaimEpoch)).ToList()).ToList(),
                a.Select(s => s.Seed).ToList(), Figures.ClosedLoop)],
            logY: false, $"Study T A (Fig. 4 claim 9): shift of the imaginary part of the upper dominant eigenvalue after {HorizonRestartSeed.ClaimEpoch} restart epochs against T (dots: seeds; line: median); positive = up (T→0), negative = down (T→∞)."));
        if (b.Count > 0) figures.Add(ScratchPaths(ctx, b[0]));
        figures.Add(StudyPlots.ByCondition(ctx, "horizon_b_estab", "B: rank-1 from scratch", "episode length T", "epoch", tLabels,
            [BetaPanels.PerSeed("e_stab (strict ρ(P))", b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), r => r.EStab, Figures.ClosedLoop),
             BetaPanels.PerSeed("Stage-2 duration e_stab − e1", b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), r => r.StageTwoDuration, Figures.OpenLoop, MarkerShape.FilledDiamond)],
            logY: false, "Study T B: strict stabilisation epoch e_stab and Stage-2 duration of the rank-1 base run trained from scratch with each episode length T (dots: seeds; line: median; missing = not stabilised)."));
        figures.Add(StudyPlots.ByCondition(ctx, "horizon_c_estab", "C: tanh network", "episode length T", "epoch", cLabels,
            [BetaPanels.PerSeed("e_stab (gain system)", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.EStabGain, Figures.ClosedLoop),
             BetaPanels.PerSeed("e_stab (linearised P)", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.EStabRho, Colors.Gray, MarkerShape.FilledTriangleUp),
             BetaPanels.PerSeed("Stage-2 duration", c.Select(s => s.Rows).ToList(), c.Select(s => s.Seed).ToList(), r => r.StageTwoDuration, Figures.OpenLoop, MarkerShape.FilledDiamond)],
            logY: false, "Study T C: stabilisation epochs (gain system P_red(k_eff), linearised P) and Stage-2 duration of the tanh closed-loop learner against T."));
        figures.Add(FinalLoss(ctx, b, c, tLabels));
        return figures;
    }

    /// <summary>Restart epochs shown in the zoom on the start (twice the claim epoch).</summary>
    private const int ZoomEpochs = 2 * HorizonRestartSeed.ClaimEpoch;

    private static FigureEntry Paths(ExperimentContext ctx, HorizonRestartSeed s, int upTo, int restartEpochs, string panel)
    {
        var paths = s.Restarts.Select(r =>
        {
            var keep = r.SpectrumEpochs.Select((e, i) => (e, i)).Where(q => q.e <= upTo).ToList();
            int? stab = r.Stabilization is { } es ? keep.FindIndex(q => q.e == es) : null;
            return new EigenPath($"T = {r.Steps}", Math.Log10(r.Steps), keep.Select(q => q.e).ToList(), keep.Select(q => r.UpperPair[q.i]).ToList(), stab is >= 0 ? stab : null);
        }).ToList();
        var (epochs, path) = (s.BaseEpochs, s.BasePath);
        int? stab = s.BaseStabilization;
        int end = (stab ?? epochs.LastOrDefault() + 1) - 1;
        var keep = epochs.Select((e, i) => (e, i)).Where(q => q.e >= s.Epoch && q.e <= end).ToList();
        var reference = new EigenPath($"base run T = 50, epochs {s.Epoch}–{end}", Math.Log10(50), keep.Select(q => q.e).ToList(), keep.Select(q => path[q.i]).ToList(), null);
        bool zoom = upTo < restartEpochs;
        string title = zoom ? $"A: first {upTo} restart epochs from snapshot {s.Epoch}, seed {s.Seed}" : $"A: restarts from snapshot {s.Epoch}, seed {s.Seed}";
        string caption = zoom
            ? $"Study T A (seed {s.Seed}), zoom: the first {upTo} restart epochs of the paths (coloured by log10 T; crimson: common start e_s = {s.Epoch}; ringed: stabilisation) and the base run (black) — short T moves the pair up, long T down (Fig. 4 claim 9 compares restart epoch {HorizonRestartSeed.ClaimEpoch}); window Im ±0.1 around the start, paths may leave it."
            : $"Study T A (= Fig. 4e, seed {s.Seed}): upper dominant eigenvalue of P over {restartEpochs} epochs of restarts from snapshot e_s = {s.Epoch} with each T (coloured by log10 T; crimson: common start; ringed: stabilisation), base run (black) from e_s to e_stab − 1; unit circle dashed.";
        var start = paths.FirstOrDefault(p => p.Points.Count > 0)?.Points[0] ?? Complex.One;
        var window = zoom && double.IsFinite(start.Real) && double.IsFinite(start.Imaginary)
            ? new ComplexWindow(start.Real - 0.08, start.Real + 0.04, start.Imaginary - 0.1, start.Imaginary + 0.1)
            : null;
        return StudyPlots.EigenPaths(ctx, panel, title, paths, "log₁₀ T", caption, window, reference, legend: zoom ? Alignment.UpperLeft : Alignment.UpperRight);
    }

    private static FigureEntry ScratchPaths(ExperimentContext ctx, StudySeed b)
    {
        var paths = new List<EigenPath>();
        for (int j = 0; j < b.Runs.Count; j++)
        {
            var row = b.Rows[j];
            var (epochs, path) = (b.Runs[j].SpectrumEpochs, b.Runs[j].UpperPair);
            int from = row.E1 ?? 0, to = row.EStab ?? (epochs.Count == 0 ? 0 : epochs[^1]);
            var keep = epochs.Select((e, i) => (e, i)).Where(q => q.e >= from && q.e <= to).ToList();
            int? stabIndex = row.EStab is { } es ? keep.FindIndex(q => q.e == es) : null;
            paths.Add(new EigenPath($"T = {HorizonStudy.RankOneSteps[j]}", Math.Log10(HorizonStudy.RankOneSteps[j]), keep.Select(q => q.e).ToList(),
                keep.Select(q => path[q.i]).ToList(), stabIndex is >= 0 ? stabIndex : null));
        }
        return StudyPlots.EigenPaths(ctx, "horizon_b_paths", $"B: Stage-2 paths from scratch, seed {b.Seed}", paths, "log₁₀ T",
            $"Study T B (seed {b.Seed}): upper dominant eigenvalue of P from e1 to e_stab (ringed) of the rank-1 base run trained from scratch with each T (coloured by log10 T); unit circle dashed.",
            commonStart: false);
    }

    private static FigureEntry FinalLoss(ExperimentContext ctx, IReadOnlyList<StudySeed> b, IReadOnlyList<StudySeed> c, IReadOnlyList<string> labels)
    {
        var bSeries = BetaPanels.PerSeed("B: rank-1", b.Select(s => s.Rows).ToList(), b.Select(s => s.Seed).ToList(), r => r.Final.StateLoss, Figures.ClosedLoop);
        // C on the same categorical axis: NaN where the tanh study has no run (T = 10, 200).
        var cValues = HorizonStudy.RankOneSteps.Select(t =>
        {
            int j = Array.IndexOf(HorizonStudy.TanhSteps, t);
            return (IReadOnlyList<double>)c.Select(s => j < 0 ? double.NaN : s.Rows[j].Final.StateLoss).ToList();
        }).ToList();
        var cSeries = new ConditionSeries("C: tanh", cValues, c.Select(s => s.Seed).ToList(), Figures.OpenLoop, AxisSide.Left, MarkerShape.FilledDiamond);
        return StudyPlots.ByCondition(ctx, "horizon_final_d50", "Final deployed D_50 against T", "episode length T", "final deployed D_50", labels, [bSeries, cSeries],
            logY: true, "Study T B and C: final deployed loss D_50 (50 steps on the evaluation set, whatever the training T) against T, rank-1 (blue) and tanh (red) (dots: seeds; line: median); the levels of the two families are not comparable (evaluation states in [−2, 2]² vs [−1, 1]²).");
    }
}
