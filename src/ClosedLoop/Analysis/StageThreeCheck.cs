using System.Numerics;
using System.Text.Json.Serialization;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>One restart epoch j of the Stage-3 check: the reduced model after j updates next to the full run at e_s + j.</summary>
/// <param name="RestartEpoch">j, updates since the start snapshot.</param>
/// <param name="Epoch">e_s + j, the full run's checkpoint.</param>
/// <param name="ReducedLoss">Training loss of the reduced model (its own batch of epoch j).</param>
/// <param name="FullLoss">The full run's training loss at e_s + j (metrics.csv <c>loss</c>).</param>
/// <param name="Reduced">Order parameters of the reduced model after j updates.</param>
/// <param name="ReducedDominant">Dominant cubic root of the reduced model.</param>
/// <param name="ReducedLambda3">Its real root λ₃.</param>
/// <param name="FullDominant">Dominant eigenvalue of the full run (metrics <c>dom_re</c>, <c>dom_im</c>), when recorded.</param>
/// <param name="FullLambda3">λ₃ of the full run (metrics <c>lambda3</c>), when recorded.</param>
public sealed record StageThreeRow(
    int RestartEpoch, int Epoch, double ReducedLoss, double FullLoss, OrderParameters Reduced,
    Complex ReducedDominant, double? ReducedLambda3, Complex? FullDominant, double? FullLambda3)
{
    /// <summary>ReducedLoss / FullLoss.</summary>
    public double Ratio => ReducedLoss / FullLoss;
}

/// <summary>The loss ratio reduced/full at one restart epoch.</summary>
/// <param name="RestartEpoch">j.</param>
/// <param name="Epoch">e_s + j.</param>
/// <param name="Ratio">Per-epoch ratio (each model on its own batch).</param>
/// <param name="WindowedRatio">Mean reduced loss over restart epochs [j − w, j + w] over the mean full loss there.</param>
public sealed record LossRatio(int RestartEpoch, int Epoch, double Ratio, double WindowedRatio);

/// <summary>
/// The Stage-3 check of docs/science/analysis-maths.md §6: the reduced 4×4 model trained from the order parameters of snapshot e_s with the
/// full run's protocol, against the full run's own training from e_s on.
/// </summary>
/// <param name="StartEpoch">e_s.</param>
/// <param name="StartRule"><c>stabilization_epoch</c> (default, e_stab) or <c>given</c> (<c>--stage3-from</c>).</param>
/// <param name="Start">Order parameters of snapshot e_s.</param>
/// <param name="Settings">Reduced training settings (lr, clip, batch, T, β, x₀ box from the run; epochs = E − e_s).</param>
/// <param name="InitialConditionStream">Name of the stream, derived from the run seed, that draws the reduced model's batches.</param>
/// <param name="Ratios">Ratios at the requested restart epochs that exist.</param>
/// <param name="MedianRatio">Median of the per-epoch ratio over all restart epochs.</param>
/// <param name="ReducedFinalSpectrum">Cubic roots of the reduced model after E − e_s updates.</param>
/// <param name="FullFinalSpectrum">Cubic roots of the run's final weights (after E updates), when written.</param>
/// <param name="Rows">Every restart epoch (written to <c>stage3_reduced.csv</c>, not to JSON).</param>
public sealed record StageThreeCheck(
    int StartEpoch, string StartRule, OrderParameters Start, ReducedTrainingSettings Settings, string InitialConditionStream,
    IReadOnlyList<LossRatio> Ratios, double MedianRatio, Complex[] ReducedFinalSpectrum, Complex[]? FullFinalSpectrum,
    [property: JsonIgnore] IReadOnlyList<StageThreeRow> Rows)
{
    /// <summary>Stream name (under the run seed) of the reduced model's initial conditions.</summary>
    public const string StreamName = "analysis-stage3-ic";

    /// <summary>The CSV header of <c>stage3_reduced.csv</c>.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "restart_epoch", "epoch", "reduced_loss", "full_loss", "ratio", "reduced_sigma_zm", "reduced_sigma_zu",
        "reduced_sigma_vm", "reduced_sigma_vu", "reduced_pi", "reduced_dom_re", "reduced_dom_im", "reduced_lambda3",
        "full_dom_re", "full_dom_im", "full_lambda3",
    ];

    /// <summary>Cells of one row in <see cref="Header"/> order.</summary>
    public static object?[] Cells(StageThreeRow r) =>
    [
        r.RestartEpoch, r.Epoch, r.ReducedLoss, r.FullLoss, r.Ratio, r.Reduced.SigmaZm, r.Reduced.SigmaZu, r.Reduced.SigmaVm,
        r.Reduced.SigmaVu, r.Reduced.Pi, r.ReducedDominant.Real, r.ReducedDominant.Imaginary, r.ReducedLambda3,
        r.FullDominant?.Real, r.FullDominant?.Imaginary, r.FullLambda3,
    ];

    /// <summary>
    /// Why the check does not apply to <paramref name="s"/>, or null when it does: it needs a closed-loop run of the
    /// paper's rank-1 model with the `lr-published` loss, timing and update schedule (the reduced model's protocol).
    /// </summary>
    public static string? NotApplicable(RunSettings s)
    {
        if (s.Mode != LoopMode.Closed) return "the Stage-3 check compares closed-loop training; this is an open-loop run";
        if (!StageAnalysis.IsPaperRankOne(s))
            return "the reduced 4x4 model is exact only for the paper's rank-1 model (linear, rank 1, g = 0, gamma = 1, double integrator)";
        var o = s.Objective;
        bool loss = o.Task == TaskKind.Regulation && o.TargetIsZero && o.StateReduction == StateReduction.MeanElements
            && o.StateTime == TimeReduction.Mean && o.ControlReduction == ControlReduction.MeanBatch
            && o.ControlTime == TimeReduction.Sum && o.StepWeight == 1;
        var e = s.Episode;
        bool timing = e.FirstControl == FirstControl.Zero && e.LossTiming == LossTiming.BeforeStep
            && e.InitialStates.Kind == InitialStateKind.UniformBox && s.Updates == UpdateSchedule.EveryEpoch;
        if (!loss || !timing) return "the run's loss, timing or update schedule differ from the lr-published protocol the reduced model is trained with";
        if (s.Plant.Build().IsNoisy) return "the reduced model is noise-free; this run has plant noise";
        return null;
    }

    /// <summary>Trains the reduced model from <paramref name="start"/> at epoch <paramref name="startEpoch"/> of <paramref name="run"/>.</summary>
    public static StageThreeCheck Run(RunDirectory run, int startEpoch, string startRule, OrderParameters start, Stage3CheckSettings s)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rs = run.Settings;
        var settings = new ReducedTrainingSettings
        {
            Epochs = run.EpochCount - startEpoch, Batch = rs.Episode.Batch, Steps = rs.Episode.Steps,
            InitialRange = rs.Episode.InitialStates.HalfWidth, Beta = rs.Objective.Beta, Optimizer = rs.Optimizer,
        };
        var result = ReducedModelTraining.Run(start, settings, RandomStream.Derive(rs.Seed, StreamName));
        var loss = run.Loss();
        var (domRe, domIm, lambda3) = (run.Column("dom_re"), run.Column("dom_im"), run.Column("lambda3"));
        var rows = new StageThreeRow[settings.Epochs];
        for (int j = 0; j < rows.Length; j++)
        {
            int e = startEpoch + j;
            var roots = result.CubicRoots[j];
            Complex? full = domRe?[e] is { } re && domIm?[e] is { } im ? new Complex(re, im) : null;
            rows[j] = new StageThreeRow(j, e, result.Losses[j], loss[e], result.Parameters[j], roots[0],
                OrderParameterTable.ExactLambda3(roots, result.Parameters[j].SigmaVu), full, lambda3?[e]);
        }
        var ratios = s.RatioEpochs.Where(j => j < rows.Length).Select(j => new LossRatio(j, startEpoch + j, rows[j].Ratio, Windowed(rows, j, s.RatioWindow))).ToArray();
        var final = run.Final() is { } p ? RankOneModel.CubicRootsOrNaN(OrderParameters.Of(p)) : null;
        var finite = rows.Select(r => r.Ratio).Where(double.IsFinite).ToArray();
        double median = finite.Length == 0 ? double.NaN : Descriptive.Median(finite);
        return new StageThreeCheck(startEpoch, startRule, start, settings, StreamName, ratios, median,
            RankOneModel.CubicRootsOrNaN(result.Final), final, rows);
    }

    private static double Windowed(StageThreeRow[] rows, int j, int w)
    {
        int lo = Math.Max(0, j - w), hi = Math.Min(rows.Length - 1, j + w);
        double reduced = 0, full = 0;
        for (int i = lo; i <= hi; i++) (reduced, full) = (reduced + rows[i].ReducedLoss, full + rows[i].FullLoss);
        return reduced / full;
    }
}
