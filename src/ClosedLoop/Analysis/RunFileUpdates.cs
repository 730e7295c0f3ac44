using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>
/// The <c>stages</c> field of summary.json after analysis: the automatic boundaries (spectral), both stabilisation
/// epochs, the persistent crossing, and the loss-based boundaries on the training loss. Details are in
/// <c>analysis/stages.json</c>.
/// </summary>
/// <param name="Stage1EndEpoch">Spectral e₁.</param>
/// <param name="StabilizationEpoch">Strict e_stab of P (linearised for tanh).</param>
/// <param name="PersistentCrossingEpoch">Spectral e₂.</param>
/// <param name="GainSystemStabilizationEpoch">Strict stabilisation of P_red(k_eff).</param>
/// <param name="Stage2EndEpoch">The Stage-2/3 boundary used for claims.</param>
/// <param name="Stage2EndSource">joint_matrix, joint_jacobian or gain_system.</param>
/// <param name="ThreeStages">Spectral three-stage support.</param>
/// <param name="Growth">Spectral G.</param>
/// <param name="SpectralDetectorMissing">Why the spectral detector did not run, or null.</param>
/// <param name="LossStage1EndEpoch">Derivative detector on the training loss: stage1_end.</param>
/// <param name="LossPlateauEndEpoch">Derivative detector: plateau_end.</param>
/// <param name="LossPlateauExit">Derivative detector: how the plateau ended.</param>
/// <param name="SegmentedBoundary1Epoch">First segmented-regression variant (main): boundary 1.</param>
/// <param name="SegmentedBoundary2Epoch">First segmented-regression variant (main): boundary 2.</param>
/// <param name="BoundariesDisagree">Some spectral and loss-based boundary differ by more than the tolerance.</param>
/// <param name="AcquisitionEpochs">Tracking runs: e_i per frequency (increasing frequency).</param>
/// <param name="Details">Where the details are.</param>
public sealed record SummaryStages(
    int? Stage1EndEpoch, int? StabilizationEpoch, int? PersistentCrossingEpoch, int? GainSystemStabilizationEpoch,
    int? Stage2EndEpoch, string? Stage2EndSource, bool ThreeStages, double? Growth, string? SpectralDetectorMissing,
    int? LossStage1EndEpoch, int? LossPlateauEndEpoch, PlateauExit? LossPlateauExit,
    int? SegmentedBoundary1Epoch, int? SegmentedBoundary2Epoch, bool BoundariesDisagree,
    IReadOnlyList<int?>? AcquisitionEpochs, string Details = "analysis/stages.json")
{
    /// <summary>The summary entry of an analysis.</summary>
    public static SummaryStages From(AnalysisResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var st = r.Stages;
        var d = st.TrainingLoss.Derivative;
        var g = st.TrainingLoss.SegmentedRegression.FirstOrDefault();
        return new SummaryStages(
            st.Stage1EndEpoch, st.StabilizationEpoch, st.PersistentCrossingEpoch, st.GainSystemStabilizationEpoch,
            st.Stage2EndEpoch, st.Stage2EndSource, st.Spectral.ThreeStages, st.Spectral.Growth, st.Spectral.Reason,
            d?.Stage1EndEpoch, d?.PlateauEndEpoch, d?.ExitReason, g?.Boundary1Epoch, g?.Boundary2Epoch,
            st.Comparison.Any(c => c.Disagree), r.Acquisition?.Frequencies.Select(f => f.AcquisitionEpoch).ToArray());
    }
}

/// <summary>
/// The two run files the analysis touches besides <c>analysis/</c>: summary.json gets its <c>stages</c> field (every
/// other field is kept byte for byte), and the <c>files</c> map of manifest.json is re-hashed so that its SHA-256
/// entries stay true (every other manifest field is kept byte for byte). Both are rewritten atomically.
/// </summary>
public static class RunFileUpdates
{
    /// <summary>Writes <see cref="SummaryStages.From"/> into summary.json, then re-hashes the manifest.</summary>
    public static void RecordStages(RunDirectory run, AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        SetField(run.File(RunSummary.FileName), "stages", JsonSerializer.SerializeToNode(SummaryStages.From(result), JsonFiles.Options));
        RehashManifest(run.Path);
    }

    /// <summary>Replaces the <c>files</c> map of <c>manifest.json</c> by the hashes of the directory as it is now.</summary>
    public static void RehashManifest(string runDirectory)
    {
        var files = RunManifest.HashFiles(runDirectory);
        SetField(Path.Combine(runDirectory, RunManifest.FileName), "files", JsonSerializer.SerializeToNode(files, JsonFiles.Options));
    }

    /// <summary>Sets one top-level field of a JSON object file, leaving the text of every other field unchanged.</summary>
    internal static void SetField(string path, string field, JsonNode? value)
    {
        var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new ArgumentException($"'{path}' does not hold a JSON object");
        node[field] = value;
        JsonFiles.Write(path, node);
    }
}
