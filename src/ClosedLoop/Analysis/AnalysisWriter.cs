using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>What <c>analysis/analysis.json</c> holds: which run, which files, what was skipped and why, the settings,
/// and the summaries of the reduced-model checks.</summary>
public sealed record AnalysisIndex(
    RunIdentity Run, IReadOnlyList<string> Outputs, IReadOnlyList<string> Notes,
    StageThreeCheck? Stage3, StageTwoCheck? Stage2, AnalysisSettings Settings);

/// <summary>
/// Writes an <see cref="AnalysisResult"/> into <c>RUN_DIR/analysis/</c> (every file atomically; see
/// docs/analysis-command.md for the columns), then records the stage boundaries in the run's summary.json and updates
/// the manifest entries of the files it wrote (<see cref="RunFileUpdates"/>). Writing the same result twice gives the
/// same bytes. A write that fails removes what it wrote into an <c>analysis/</c> folder it created.
/// </summary>
public static class AnalysisWriter
{
    /// <summary>Every file name the analysis may write; names not written this time are removed (stale outputs).</summary>
    public static readonly IReadOnlyList<string> KnownFiles =
    [
        "spectra.csv", "spectra_w.csv", "order_parameters.csv", "stages.json", "gains.csv", "probes.csv",
        "acquisition.json", "stage3_reduced.csv", "stage2_descent.csv", "analysis.json",
    ];

    /// <summary>
    /// Writes the analysis; returns the files written, relative to the run directory, in writing order.
    /// <paramref name="alsoChanged"/> names other files of the run (relative, with <c>/</c>) that were rewritten before
    /// (an open-loop run's <c>teacher/</c> analysis), whose manifest entries are updated too.
    /// </summary>
    public static IReadOnlyList<string> Write(AnalysisResult result, IEnumerable<string>? alsoChanged = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var run = result.Directory;
        bool created = !Directory.Exists(run.AnalysisDirectory);
        try
        {
            return WriteFiles(result, alsoChanged ?? []);
        }
        catch when (created)
        {
            RemoveCreated(run.AnalysisDirectory);
            throw;
        }
    }

    /// <summary>
    /// Every path, relative to a run that holds the analysed run in <paramref name="subdirectory"/> (e.g. an open-loop
    /// run's <c>teacher</c>), that <see cref="Write"/> may change there: its analysis files, summary.json and manifest.json.
    /// </summary>
    public static IReadOnlyList<string> ChangedFilesOf(string subdirectory) =>
        [.. KnownFiles.Select(n => $"{subdirectory}/{RunDirectory.AnalysisFolder}/{n}"), $"{subdirectory}/{RunSummary.FileName}", $"{subdirectory}/{RunManifest.FileName}"];

    private static IReadOnlyList<string> WriteFiles(AnalysisResult result, IEnumerable<string> alsoChanged)
    {
        var run = result.Directory;
        Directory.CreateDirectory(run.AnalysisDirectory);
        var written = new List<string>();
        void Csv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
        {
            CsvWriter.WriteTable(Path.Combine(run.AnalysisDirectory, name), header, rows);
            written.Add(name);
        }
        void Json<T>(string name, T value)
        {
            JsonFiles.Write(Path.Combine(run.AnalysisDirectory, name), value);
            written.Add(name);
        }

        if (run.Eigenvalues("eig_p") is { } p) Csv("spectra.csv", SpectraHeader, SpectraRows(p));
        if (run.Eigenvalues("eig_w") is { } w) Csv("spectra_w.csv", SpectraHeader, SpectraRows(w));
        if (result.OrderParameters is { } op) Csv("order_parameters.csv", OrderParameterTable.Header, op.Select(OrderParameterTable.Cells));
        Json("stages.json", result.Stages);
        if (GainRows(run) is { } gains) Csv("gains.csv", ["epoch", "k1", "k2", "class", "p_red_radius"], gains);
        if (AcquisitionReport.ProbeSeries(run) is { } probes)
            Csv("probes.csv", ["epoch", .. Enumerable.Range(1, probes.Loss.Length).Select(i => $"probe_loss_{i}")], ProbeRows(probes));
        if (result.Acquisition is { } acq) Json("acquisition.json", acq);
        if (result.Stage3 is { } s3) Csv("stage3_reduced.csv", StageThreeCheck.Header, s3.Rows.Select(StageThreeCheck.Cells));
        if (result.Stage2 is { } s2) Csv("stage2_descent.csv", StageTwoCheck.Header, s2.Rows());
        var outputs = written.Append("analysis.json").Select(n => $"{RunDirectory.AnalysisFolder}/{n}").ToArray();
        Json("analysis.json", new AnalysisIndex(result.Run, outputs, result.Notes, result.Stage3, result.Stage2, result.Settings));
        RemoveStale(run, written);
        var stale = KnownFiles.Except(written).Select(n => $"{RunDirectory.AnalysisFolder}/{n}");
        RunFileUpdates.RecordStages(run, result, outputs.Concat(stale).Concat(alsoChanged));
        return outputs;
    }

    /// <summary>Removes an analysis folder this call created, with the files the analysis may have written in it.</summary>
    private static void RemoveCreated(string directory)
    {
        try
        {
            foreach (var name in KnownFiles)
            {
                string path = Path.Combine(directory, name);
                if (File.Exists(path)) File.Delete(path);
            }
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the original error is what the user needs */ }
    }

    private static readonly string[] SpectraHeader = ["epoch", "index", "re", "im"];

    private static IEnumerable<object?[]> SpectraRows(EigenvalueHistory h)
    {
        for (int r = 0; r < h.Rows.Count; r++)
            for (int i = 0; i < h.Rows[r].Length; i++)
                yield return [h.Epochs[r], i, h.Rows[r][i].Real, h.Rows[r][i].Imaginary];
    }

    private static List<object?[]>? GainRows(RunDirectory run)
    {
        var (k1, k2, cls) = (run.Column("k1"), run.Column("k2"), run.TextColumn("p_red_class"));
        if (k1 is null || k2 is null) return null;
        var rows = new List<object?[]>();
        for (int e = 0; e < run.EpochCount; e++)
            if (k1[e] is { } a && k2[e] is { } b)
                rows.Add([e, a, b, cls is null || cls[e].Length == 0 ? null : cls[e], StabilityMap.SpectralRadius(a, b)]);
        return rows;
    }

    private static IEnumerable<object?[]> ProbeRows((int[] Epochs, double[][] Loss) p) =>
        p.Epochs.Select((e, r) => new object?[] { e }.Concat(p.Loss.Select(l => (object?)l[r])).ToArray());

    private static void RemoveStale(RunDirectory run, List<string> written)
    {
        foreach (var name in KnownFiles.Except(written))
        {
            string path = Path.Combine(run.AnalysisDirectory, name);
            if (File.Exists(path)) File.Delete(path);
        }
    }
}
