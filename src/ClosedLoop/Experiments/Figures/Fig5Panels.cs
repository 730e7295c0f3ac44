using System.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Theory;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>The panels (a)–(d) and the standalone check of Fig. 5 (docs/science/figures-and-studies.md §6), drawn from the figure seed's measures.</summary>
public static class Fig5Panels
{
    public static IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig5Seed s) =>
        [PanelA(ctx, s.Trace), PanelB(ctx, s), PanelC(ctx, s), PanelD(ctx, s), Check(ctx, s)];

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneTrace run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig5a", $"Fig. 5a — Stage 3 (seed {run.Seed})", StageShading.Stage3);
        return ctx.Entry(saved,
            $"Fig. 5a (seed {run.Seed}): deployed loss D of the base run, Stage 3 [e_stab = {run.Stages.EStab?.ToString() ?? "none"}, {run.Stages.LastEpoch}] shaded — fast refinement after stabilisation; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, Fig5Seed s)
    {
        int last = s.Trace.Stages.LastEpoch;
        var saved = RankOnePlots.Positions(ctx, "fig5b", $"Fig. 5b — snapshot {last} from (1, −1)", s.FinalPositions, limit: 3);
        return ctx.Entry(saved, $"Fig. 5b (seed {s.Seed}): position of the last snapshot ({last}) from (1, −1) for 50 steps — one undershoot, then convergence.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, Fig5Seed s)
    {
        var run = s.Trace;
        int start = s.RestartSnapshot, last = run.Stages.LastEpoch;
        var epochs = Enumerable.Range(start, last - start + 1)
            .Where(e => e == start || (e - start) % 40 == 0 || (e - start) % 4 == 0 && e <= start + 49 || e == last)
            .Where(e => run.Roots(e) is not null).ToList();
        var saved = RankOnePlots.Eigenvalues(ctx, run, "fig5c", $"Fig. 5c — eigenvalues of P, e {start}…{last}", epochs, e => e == last,
            new ComplexWindow(-0.2, 1.1, -0.7, 0.7), opacity: 0.55, markerSize: 8, width: 520);
        return ctx.Entry(saved,
            $"Fig. 5c (seed {run.Seed}): the three eigenvalues of P at e_stab + 1 = {start}, every 4th snapshot to +50 and every 40th after (faint, by epoch) and at the final snapshot {last} (outlined): the real eigenvalue grows and becomes dominant while the pair moves inward.");
    }

    private static FigureEntry PanelD(ExperimentContext ctx, Fig5Seed s)
    {
        var betas = Fig5.Betas;
        var plot = Figures.Create($"Fig. 5d — restarts from e_stab + 1 = {s.RestartSnapshot} (seed {s.Seed})", "restart epoch", "training loss");
        IColormap map = new ScottPlot.Colormaps.Viridis();
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < betas.Count; i++)
        {
            var color = RankOnePlots.ColorOf(map, betas[i], 0, 5);
            var full = s.FullLoss[i];
            var reduced = s.Reduced[i].Losses;
            var x = LogAxis.MapEpochs(Enumerable.Range(0, full.Length).Select(e => (double)e));
            Series.Add(plot, x, LogAxis.Map(full), new SeriesStyle { Color = color, LineWidth = 2, Legend = i == 0 ? "Simulation (full model)" : null });
            Series.Add(plot, LogAxis.MapEpochs(Enumerable.Range(0, reduced.Length).Select(e => (double)e)), LogAxis.Map(reduced),
                new SeriesStyle { Color = color, LineWidth = 2, Line = LineKind.Dashed, Legend = i == 0 ? "Theory (reduced P_eff)" : null });
            rows.AddRange(full.Select((v, e) => (IReadOnlyList<object?>)[betas[i], "full", e, v]));
            rows.AddRange(reduced.Select((v, e) => (IReadOnlyList<object?>)[betas[i], "reduced", e, v]));
        }
        RankOnePlots.ColorBar(plot, map, 0, 5, "β");
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig5d", new FigureData(["beta", "model", "epoch", "loss"], rows));
        ctx.WriteFigureTable("fig5d_spectra.csv", ["beta", "model", "re", "im"], betas.SelectMany((b, i) =>
            s.FullFinal[i].Select(l => (IReadOnlyList<object?>)[b, "full", l.Real, l.Imaginary])
                .Concat(Fig5.FinalReducedRoots(s.Reduced[i]).Select(l => (IReadOnlyList<object?>)[b, "reduced", l.Real, l.Imaginary]))));
        return ctx.Entry(saved,
            $"Fig. 5d (seed {s.Seed}): training loss of the full model restarted from e_stab + 1 (solid) and of the reduced P_eff trained on the same batches (dashed) for β ∈ {{0, 0.5, 2, 5}}, log–log; final spectra in fig5d_spectra.csv.");
    }

    private static FigureEntry Check(ExperimentContext ctx, Fig5Seed s)
    {
        var c = s.Check;
        var plot = Figures.Create($"Fig. 5 check — from e_stab = {c.Start}, β = 0 (seed {s.Seed})", "epochs after e_stab", "training loss");
        var x = LogAxis.MapEpochs(Enumerable.Range(0, c.BaseLoss.Length).Select(e => (double)e));
        Series.Add(plot, x, LogAxis.Map(c.BaseLoss), new SeriesStyle { Color = Figures.ClosedLoop, LineWidth = 2, Legend = "base run (full model)" });
        Series.Add(plot, x, LogAxis.Map(c.Reduced.Losses), new SeriesStyle { Color = Colors.Black, LineWidth = 2, Line = LineKind.Dashed, Legend = "reduced P_eff, same batches" });
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerLeft);
        var rows = Enumerable.Range(0, c.BaseLoss.Length).Select(j => (IReadOnlyList<object?>)[c.Start + j, c.BaseLoss[j], c.Reduced.Losses[j]]);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig5_check", new FigureData(["epoch", "full_loss", "reduced_loss"], rows.ToList()));
        ctx.WriteFigureTable("fig5_check_spectra.csv", ["model", "re", "im"],
            c.BaseFinal.Select(l => (IReadOnlyList<object?>)["full", l.Real, l.Imaginary]).Concat(c.ReducedFinal.Select(l => (IReadOnlyList<object?>)["reduced", l.Real, l.Imaginary])));
        return ctx.Entry(saved,
            $"Fig. 5 standalone check (seed {s.Seed}): the base run's training loss from e_stab = {c.Start} (solid) and the reduced model started there with β = 0 on the same batches (dashed); final spectra in fig5_check_spectra.csv.");
    }

    /// <summary>
    /// Writes each reduced-model history of a seed to <c>&lt;experiment&gt;/arrays/reduced_seed&lt;s&gt;_beta&lt;b&gt;.npz</c>
    /// (loss, state_loss, control_loss, grad_norm per epoch; order_parameters epochs×4 as (σ_zm, σ_zu, σ_vm, σ_vu);
    /// cubic_roots epochs×3 complex; final_order_parameters), and the standalone check as <c>reduced_seed&lt;s&gt;_check.npz</c>.
    /// </summary>
    public static void WriteReducedHistories(ExperimentContext ctx, Fig5Seed s)
    {
        string dir = Path.Combine(ctx.Directory, "arrays");
        Directory.CreateDirectory(dir);
        for (int i = 0; i < Fig5.Betas.Count; i++)
            Npz.Write(Path.Combine(dir, $"reduced_seed{s.Seed}_beta{RankOneRestarts.BetaTag(Fig5.Betas[i])}.npz"), History(s.Reduced[i]));
        Npz.Write(Path.Combine(dir, $"reduced_seed{s.Seed}_check.npz"), History(s.Check.Reduced));
    }

    private static Dictionary<string, NpyArray> History(ReducedTrainingResult r)
    {
        int n = r.Losses.Length;
        return new()
        {
            ["loss"] = NpyArray.Float64(r.Losses, [n]),
            ["state_loss"] = NpyArray.Float64(r.StateLosses, [n]),
            ["control_loss"] = NpyArray.Float64(r.ControlLosses, [n]),
            ["grad_norm"] = NpyArray.Float64(r.GradientNorms, [n]),
            ["order_parameters"] = NpyArray.Float64(r.Parameters.SelectMany(o => o.ToArray()).ToArray(), [n, 4]),
            ["cubic_roots"] = NpyArray.Complex128(r.CubicRoots.SelectMany(c => c).ToArray(), [n, 3]),
            ["final_order_parameters"] = NpyArray.Float64(r.Final.ToArray(), [4]),
        };
    }
}
