using System.Numerics;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 5 (docs/science/figures-and-studies.md §6): after stabilisation learning is fast again, driven by a growing real eigenvalue, and
/// gradient descent on the four order parameters of P_eff started after stabilisation predicts the rest of training
/// for several control penalties β. Panels: (a) D with Stage 3 shaded, (b) the final snapshot from (1, −1), (c) the
/// spectrum of P through Stage 3, (d) full-model restarts from e_stab + 1 against the reduced model for
/// β ∈ {0, 0.5, 2, 5}; plus the standalone check from e_stab with β = 0 (<see cref="Fig5Check"/>).
/// </summary>
public sealed class Fig5 : IExperiment
{
    public string Name => "fig5";

    public string Description => "rank-1 model, Stage 3: fast refinement by a growing real eigenvalue, predicted by the reduced model";

    /// <summary>Control penalties of panel (d).</summary>
    public static readonly double[] Betas = [0, 0.5, 2, 5];

    /// <summary>The restart snapshot of panel (d): e_stab + 1 (decision 12 of docs/science/decisions.md), clipped to the record.</summary>
    public static int RestartSnapshot(RankOneRun run) => Math.Min((run.Stages.EStab ?? run.Stages.LastEpoch) + 1, run.Stages.LastEpoch);

    /// <summary>
    /// Full-model restarts of a base run from e_stab + 1 with each β, 1000 epochs (smoke: 10), base settings otherwise;
    /// parameter snapshots on the log-spaced schedule (only the final weights are used).
    /// </summary>
    public static IReadOnlyList<RunSettings> Restarts(ExperimentContext ctx, RankOneRun run) =>
        Betas.Select(b => RankOneBase.Restart(ctx, run.Record.Settings, RestartSnapshot(run), ctx.BySize(10, 1000, 1000), $"lowrank-beta{BetaTag(b)}",
            s => s with { Objective = s.Objective with { Beta = b }, Snapshots = SnapshotSchedule.LogSpaced })).ToList();

    /// <summary>β as a name tag, culture-independent: 0, 0_5, 2, 5.</summary>
    public static string BetaTag(double beta) => beta.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_');

    /// <summary>The reduced-model twin of a full restart: P_eff from the snapshot's order parameters, same protocol and batches.</summary>
    public static ReducedTrainingResult Reduced(RankOneRun run, int snapshot, RunSettings restart, int skipBatches = 0)
    {
        var s = restart;
        var settings = new ReducedTrainingSettings
        {
            Epochs = s.Epochs, Batch = s.Episode.Batch, Steps = s.Episode.Steps, InitialRange = s.Episode.InitialStates.HalfWidth,
            Beta = s.Objective.Beta, Optimizer = s.Optimizer,
        };
        var ic = new RandomStreams(s.Seed, s.EvalSeed).TrainInitialConditions();
        var skip = new double[2 * s.Episode.Batch];
        for (int i = 0; i < skipBatches; i++) ic.FillUniform(skip, -settings.InitialRange, settings.InitialRange);
        return ReducedModelTraining.Run(run.Order(snapshot), settings, ic);
    }

    public ExperimentOutput Run(ExperimentContext ctx) => RankOneBase.Invariant(() => Build(ctx));

    private static ExperimentOutput Build(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        var all = seeds.Append(figureSeed).Distinct().ToList();
        var runs = RankOneBase.Runs(ctx, all).Select(r => new RankOneRun(r)).ToList();
        var settings = runs.SelectMany(r => Restarts(ctx, r)).ToList();
        var restarts = ctx.Runs.GetAll(settings);
        var data = runs.Select((r, i) =>
        {
            var full = restarts.Skip(i * Betas.Length).Take(Betas.Length).ToList();
            var reduced = full.Select(f => Reduced(r, RestartSnapshot(r), f.Settings)).ToList();
            return new Fig5Seed(r, full, reduced, Fig5Check.Of(r));
        }).ToList();
        var fig = data[all.IndexOf(figureSeed)];
        foreach (var d in data) WriteReducedHistories(ctx, d);
        var figures = new List<FigureEntry>
        {
            PanelA(ctx, fig.Base), PanelB(ctx, fig.Base), PanelC(ctx, fig.Base), PanelD(ctx, fig), Fig5Check.Panel(ctx, fig),
        };
        return new ExperimentOutput(Fig5Claims.Judge(data.Where(d => seeds.Contains(d.Base.Seed)).ToList()), figures);
    }

    private static FigureEntry PanelA(ExperimentContext ctx, RankOneRun run)
    {
        var saved = RankOnePlots.DeployedLoss(ctx, run, "fig5a", $"Fig. 5a — Stage 3 (seed {run.Seed})", StageShading.Stage3);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 5a (seed {run.Seed}): deployed loss D of the base run, Stage 3 [e_stab = {run.Stages.EStab?.ToString() ?? "none"}, {run.Stages.LastEpoch}] shaded — fast refinement after stabilisation; dotted lines at the published 8 and 129.");
    }

    private static FigureEntry PanelB(ExperimentContext ctx, RankOneRun run)
    {
        int last = run.Stages.LastEpoch;
        var x = RankOneBase.Positions(run.Record.Parameters(last), 50);
        var saved = RankOnePlots.Positions(ctx, "fig5b", $"Fig. 5b — snapshot {last} from (1, −1)", x, limit: 3);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 5b (seed {run.Seed}): position of the last snapshot ({last}) from (1, −1) for 50 steps — one undershoot, then convergence.");
    }

    private static FigureEntry PanelC(ExperimentContext ctx, RankOneRun run)
    {
        int start = RestartSnapshot(run), last = run.Stages.LastEpoch;
        var epochs = Enumerable.Range(start, last - start + 1)
            .Where(e => e == start || (e - start) % 40 == 0 || (e - start) % 4 == 0 && e <= start + 49 || e == last)
            .Where(e => run.Roots(e) is not null).ToList();
        var saved = RankOnePlots.Eigenvalues(ctx, run, "fig5c", $"Fig. 5c — eigenvalues of P, e {start}…{last}", epochs, e => e == last,
            new ComplexWindow(-0.2, 1.1, -0.7, 0.7), opacity: 0.55, markerSize: 8, width: 520);
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 5c (seed {run.Seed}): the three eigenvalues of P at e_stab + 1 = {start}, every 4th snapshot to +50 and every 40th after (faint, by epoch) and at the final snapshot {last} (outlined): the real eigenvalue grows and becomes dominant while the pair moves inward.");
    }

    private static FigureEntry PanelD(ExperimentContext ctx, Fig5Seed s)
    {
        var plot = Figures.Create($"Fig. 5d — restarts from e_stab + 1 = {RestartSnapshot(s.Base)} (seed {s.Base.Seed})", "restart epoch", "training loss");
        IColormap map = new ScottPlot.Colormaps.Viridis();
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < Betas.Length; i++)
        {
            var color = RankOnePlots.ColorOf(map, Betas[i], 0, 5);
            var full = s.Full[i].Series("loss");
            var reduced = s.Reduced[i].Losses;
            var x = LogAxis.MapEpochs(Enumerable.Range(0, full.Length).Select(e => (double)e));
            Series.Add(plot, x, LogAxis.Map(full), new SeriesStyle { Color = color, LineWidth = 2, Legend = i == 0 ? "Simulation (full model)" : null });
            Series.Add(plot, LogAxis.MapEpochs(Enumerable.Range(0, reduced.Length).Select(e => (double)e)), LogAxis.Map(reduced),
                new SeriesStyle { Color = color, LineWidth = 2, Line = LineKind.Dashed, Legend = i == 0 ? "Theory (reduced P_eff)" : null });
            rows.AddRange(full.Select((v, e) => (IReadOnlyList<object?>)[Betas[i], "full", e, v]));
            rows.AddRange(reduced.Select((v, e) => (IReadOnlyList<object?>)[Betas[i], "reduced", e, v]));
        }
        RankOnePlots.ColorBar(plot, map, 0, 5, "β");
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerLeft);
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "fig5d", new FigureData(["beta", "model", "epoch", "loss"], rows));
        Fig4.WriteFigureTable(ctx, "fig5d_spectra.csv", ["beta", "model", "re", "im"], Spectra(s));
        return new FigureEntry(ctx.RelativeToRoot(saved.PngPath),
            $"Fig. 5d (seed {s.Base.Seed}): training loss of the full model restarted from e_stab + 1 (solid) and of the reduced P_eff trained on the same batches (dashed) for β ∈ {{0, 0.5, 2, 5}}, log–log; final spectra in fig5d_spectra.csv.");
    }

    /// <summary>
    /// Writes each reduced-model history of a seed to <c>&lt;experiment&gt;/arrays/reduced_seed&lt;s&gt;_beta&lt;b&gt;.npz</c>
    /// (loss, state_loss, control_loss, grad_norm per epoch; order_parameters epochs×4 as (σ_zm, σ_zu, σ_vm, σ_vu);
    /// cubic_roots epochs×3 complex; final_order_parameters), and the standalone check as <c>reduced_seed&lt;s&gt;_check.npz</c>.
    /// </summary>
    private static void WriteReducedHistories(ExperimentContext ctx, Fig5Seed s)
    {
        string dir = Path.Combine(ctx.Directory, "arrays");
        Directory.CreateDirectory(dir);
        for (int i = 0; i < Betas.Length; i++)
            Npz.Write(Path.Combine(dir, $"reduced_seed{s.Base.Seed}_beta{BetaTag(Betas[i])}.npz"), History(s.Reduced[i]));
        Npz.Write(Path.Combine(dir, $"reduced_seed{s.Base.Seed}_check.npz"), History(s.Check.Reduced));
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

    private static IEnumerable<IReadOnlyList<object?>> Spectra(Fig5Seed s) =>
        Betas.SelectMany((b, i) =>
            FinalRoots(s.Full[i]).Select(l => (IReadOnlyList<object?>)[b, "full", l.Real, l.Imaginary])
                .Concat(FinalReducedRoots(s.Reduced[i]).Select(l => (IReadOnlyList<object?>)[b, "reduced", l.Real, l.Imaginary])));

    /// <summary>The three eigenvalues of a finished rank-1 run's final weights (from its summary).</summary>
    public static Complex[] FinalRoots(RunRecord r) => Spectrum.FromEigenvalues(r.Summary.FinalEigenvalues ?? []).Eigenvalues.Take(3).ToArray();

    /// <summary>The cubic roots of the reduced model's final parameters (after all updates).</summary>
    public static Complex[] FinalReducedRoots(ReducedTrainingResult r) => RankOneModel.CubicRootsOrNaN(r.Final);
}

/// <summary>The runs and computations of one seed behind Fig. 5.</summary>
public sealed record Fig5Seed(RankOneRun Base, IReadOnlyList<RunRecord> Full, IReadOnlyList<ReducedTrainingResult> Reduced, Fig5Check Check);
