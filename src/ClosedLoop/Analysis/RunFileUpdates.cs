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
/// <param name="Stage2EndSource">joint_matrix or gain_system.</param>
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
/// other field is kept byte for byte), and the <c>files</c> map of manifest.json gets new SHA-256 entries for the files
/// the analysis wrote or removed, and only those: the hash of any other file (metrics.csv, the arrays) is never
/// recomputed, so an input edited after training stays visible as a mismatch. Both are rewritten atomically.
/// </summary>
public static class RunFileUpdates
{
    /// <summary>Writes <see cref="SummaryStages.From"/> into summary.json, then updates the manifest entries of
    /// summary.json and of <paramref name="changed"/> (paths relative to the run, with <c>/</c>: the files the analysis
    /// wrote or removed).</summary>
    public static void RecordStages(RunDirectory run, AnalysisResult result, IEnumerable<string> changed)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(changed);
        SetField(run.File(RunSummary.FileName), "stages", JsonSerializer.SerializeToNode(SummaryStages.From(result), JsonFiles.Options));
        RehashEntries(run.Path, changed.Append(RunSummary.FileName));
    }

    /// <summary>
    /// Sets the manifest's hash of each of <paramref name="relativePaths"/> to the file's current SHA-256, or removes
    /// the entry when the file no longer exists; every other entry and field is kept byte for byte.
    /// </summary>
    public static void RehashEntries(string runDirectory, IEnumerable<string> relativePaths)
    {
        string path = Path.Combine(runDirectory, RunManifest.FileName);
        var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new ArgumentException($"'{path}' does not hold a JSON object");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (node["files"] is JsonObject old)
            foreach (var (k, v) in old) files[k] = v?.GetValue<string>() ?? "";
        foreach (var relative in relativePaths.Distinct())
        {
            string file = Path.Combine(runDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(file)) files[relative] = ManifestCheck.Hash(file);
            else files.Remove(relative);
        }
        SetField(path, "files", JsonSerializer.SerializeToNode(files, JsonFiles.Options));
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
