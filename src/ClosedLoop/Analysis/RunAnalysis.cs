using System.Text.Json.Serialization;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>Which run was analysed.</summary>
/// <param name="Preset">Preset name of the run.</param>
/// <param name="Mode">Closed or open loop.</param>
/// <param name="Seed">Root seed.</param>
/// <param name="Epochs">E, the number of epochs (rows of metrics.csv).</param>
public sealed record RunIdentity(string Preset, LoopMode Mode, long Seed, int Epochs);

/// <summary>
/// The analysis of one run directory (settings in, result out). Nothing is written: <see cref="AnalysisWriter"/>
/// writes <c>analysis/</c> and the <c>stages</c> of summary.json from it.
/// </summary>
/// <param name="Directory">The run.</param>
/// <param name="Run">Preset, mode, seed and epochs.</param>
/// <param name="Settings">The analysis settings used.</param>
/// <param name="Stages">Stage boundaries from every detector.</param>
/// <param name="OrderParameters">Rows of order_parameters.csv (rank-1 runs), else null.</param>
/// <param name="Stage3">The Stage-3 reduced-model check, when it applies.</param>
/// <param name="Stage2">The Stage-2 reduced descent, when it applies.</param>
/// <param name="Acquisition">Tracking acquisition, for runs with probe losses.</param>
/// <param name="Notes">What was not done and why (one line each).</param>
/// <param name="Jacobian">The spectral columns the detectors read, when the analysis recomputed them at another operating point.</param>
public sealed record AnalysisResult(
    [property: JsonIgnore] RunDirectory Directory,
    RunIdentity Run,
    AnalysisSettings Settings,
    StageReport Stages,
    [property: JsonIgnore] IReadOnlyList<OrderParameterRow>? OrderParameters,
    StageThreeCheck? Stage3,
    StageTwoCheck? Stage2,
    AcquisitionReport? Acquisition,
    IReadOnlyList<string> Notes,
    [property: JsonIgnore] JacobianSeries? Jacobian = null);

/// <summary>
/// <c>closedloop analyze</c> as a library call: reads a finished run directory and applies the theory of issue 3 —
/// stage detection (spectral and loss-based), the order-parameter table with the exact cubic roots, the Stage-3
/// reduced-model check, the Stage-2 reduced descent and the tracking acquisition epochs.
/// </summary>
public static class RunAnalysis
{
    /// <summary>Analyses the run in <paramref name="runDir"/>; throws <see cref="ArgumentException"/> for a directory that is not a finished run or bad settings.</summary>
    public static AnalysisResult Analyze(string runDir, AnalysisSettings? settings = null)
    {
        var s = (settings ?? new AnalysisSettings()).Validated();
        var run = RunDirectory.Open(runDir);
        if (s.Stage3.From is { } from && from >= run.EpochCount)
            throw new ArgumentException($"analysis.stage3.from = {from} is not allowed: the run has checkpoints 0..{run.EpochCount - 1}");
        var notes = new List<string>();
        var jacobian = StageAnalysis.JacobianSeriesFor(run, s);
        if (jacobian.Recomputed)
            notes.Add($"joint Jacobian recomputed at {jacobian.At} from the {jacobian.Rows().Count()} checkpoints with a parameter snapshot (analysis/jacobian_spectra.csv); the spectral detector reads those checkpoints only");
        var stages = StageAnalysis.DetectOn(run, s, jacobian);
        if (!stages.Spectral.DetectorApplied) notes.Add($"spectral detector not applied: {stages.Spectral.Reason}");
        foreach (var l in new[] { stages.TrainingLoss, stages.TestLoss })
            if (!l.Available) notes.Add($"loss detectors on {l.Series} not applied: {l.Reason}");
        var rows = OrderParameterTable.Of(run);
        if (rows is null) notes.Add("no order parameters (not a rank-1 run): order_parameters.csv, the Stage-3 check and the Stage-2 descent do not apply");
        var stage3 = StageThreeOf(run, s, stages, rows, notes);
        var stage2 = StageTwoOf(run, s, stages, rows, notes);
        var acquisition = AcquisitionReport.Of(run, s.Acquisition);
        if (acquisition is null && run.Settings.Objective.Task == TaskKind.Tracking)
            notes.Add("no tracking acquisition: the run recorded no probe losses (evaluation.probe_every = 0)");
        var id = new RunIdentity(run.Settings.Preset, run.Settings.Mode, run.Settings.Seed, run.EpochCount);
        return new AnalysisResult(run, id, s, stages, rows, stage3, stage2, acquisition, notes, jacobian.Recomputed ? jacobian : null);
    }

    private static StageThreeCheck? StageThreeOf(RunDirectory run, AnalysisSettings s, StageReport stages, IReadOnlyList<OrderParameterRow>? rows, List<string> notes)
    {
        if (rows is null) return null;
        string? reason = StageThreeCheck.NotApplicable(run.Settings);
        int? start = s.Stage3.From ?? stages.StabilizationEpoch;
        string rule = s.Stage3.From is null ? "stabilization_epoch" : "given";
        if (reason is null && start is null) reason = "the run never stabilised (no strict stabilisation epoch); pass --stage3-from EPOCH to choose a start";
        if (reason is null && start >= run.EpochCount - 1) reason = $"the start epoch {start} leaves no epoch to train";
        var o = reason is null ? StartParameters(run, start!.Value, rows) : null;
        if (reason is null && o is null) reason = $"no snapshot or order parameters at epoch {start}";
        if (reason is not null)
        {
            notes.Add($"Stage-3 check not run: {reason}");
            return null;
        }
        return StageThreeCheck.Run(run, start!.Value, rule, o!, s.Stage3);
    }

    private static StageTwoCheck? StageTwoOf(RunDirectory run, AnalysisSettings s, StageReport stages, IReadOnlyList<OrderParameterRow>? rows, List<string> notes)
    {
        if (rows is null) return null;
        string? reason = !StageAnalysis.IsPaperRankOne(run.Settings) ? "the effective loss is defined for the paper's rank-1 model only"
            : run.Settings.Mode != LoopMode.Closed ? "the Stage-2 descent starts from a closed-loop run; this is an open-loop run" : null;
        int start = StageTwoCheck.StartEpochFor(stages.Stage1EndEpoch, s.Stage2);
        var o = reason is null ? StartParameters(run, start, rows) : null;
        if (reason is null && o is null) reason = $"no snapshot or order parameters at the start epoch e_s = {start}";
        if (reason is not null)
        {
            notes.Add($"Stage-2 descent not run: {reason}");
            return null;
        }
        if (stages.Stage1EndEpoch is null) notes.Add($"Stage-2 descent started at epoch {start}: the spectral Stage-1 end was not detected");
        return StageTwoCheck.Run(start, stages.Stage1EndEpoch, o!, s.Stage2);
    }

    /// <summary>Order parameters of snapshot <paramref name="epoch"/>, or of its metrics row when no snapshot was written.</summary>
    private static OrderParameters? StartParameters(RunDirectory run, int epoch, IReadOnlyList<OrderParameterRow> rows) =>
        run.Snapshot(epoch) is { } p ? OrderParameters.Of(p) : rows.FirstOrDefault(r => r.Epoch == epoch)?.Parameters;
}
