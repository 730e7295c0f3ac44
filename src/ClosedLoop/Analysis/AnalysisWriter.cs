using ClosedLoop.Reporting;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>What <c>analysis/analysis.json</c> holds: which run, which files, what was skipped and why, the settings,
/// and the summaries of the reduced-model checks.</summary>
public sealed record AnalysisIndex(
    RunIdentity Run, IReadOnlyList<string> Outputs, IReadOnlyList<string> Notes,
    StageThreeCheck? Stage3, StageTwoCheck? Stage2, AnalysisSettings Settings);

/// <summary>
/// Writes an <see cref="AnalysisResult"/> into <c>RUN_DIR/analysis/</c> (every file atomically; see
/// docs/analysis-command.md for the columns), then records the stage boundaries in the run's summary.json and
/// re-hashes manifest.json (<see cref="RunFileUpdates"/>). Writing the same result twice gives the same bytes.
/// </summary>
public static class AnalysisWriter
{
    /// <summary>Every file name the analysis may write; names not written this time are removed (stale outputs).</summary>
    public static readonly IReadOnlyList<string> KnownFiles =
    [
        "spectra.csv", "spectra_w.csv", "jacobian_spectra.csv", "order_parameters.csv", "stages.json", "gains.csv", "probes.csv",
        "acquisition.json", "stage3_reduced.csv", "stage2_descent.csv", "analysis.json",
    ];

    /// <summary>Writes the analysis; returns the files written, relative to the run directory, in writing order.</summary>
    public static IReadOnlyList<string> Write(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
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
        if (result.Jacobian is { } jac) Csv("jacobian_spectra.csv", JacobianSeries.Header, jac.Rows());
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
        RunFileUpdates.RecordStages(run, result);
        return outputs;
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
