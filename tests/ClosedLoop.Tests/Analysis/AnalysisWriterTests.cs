using System.Text.Json.Nodes;
using ClosedLoop.Analysis;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;

namespace ClosedLoop.Tests.Analysis;

public class AnalysisWriterTests
{
    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    /// <summary>The text of a JSON file with one top-level field replaced, in the project's JSON form.</summary>
    private static string WithField(string path, string field, JsonNode? value)
    {
        var node = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        node[field] = value;
        return JsonFiles.Serialize(node) + "\n";
    }

    [Fact]
    public void A_rank_one_run_gets_every_file_and_summary_stages()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        string summary = Path.Combine(dir, RunSummary.FileName), manifest = Path.Combine(dir, RunManifest.FileName);
        string summaryBefore = File.ReadAllText(summary), manifestBefore = File.ReadAllText(manifest);
        var filesBefore = JsonNode.Parse(manifestBefore)!["files"]!.DeepClone();

        var outputs = AnalysisWriter.Write(RunAnalysis.Analyze(dir));
        string[] expected = ["spectra.csv", "order_parameters.csv", "stages.json", "gains.csv", "stage3_reduced.csv", "stage2_descent.csv", "analysis.json"];
        Assert.Equal(expected.Select(f => "analysis/" + f), outputs);
        Assert.Equal(expected.Order(), Directory.EnumerateFiles(Path.Combine(dir, "analysis")).Select(Path.GetFileName).Order());
        Assert.Equal(100 * 3, CsvTable.Read(Path.Combine(dir, "analysis", "spectra.csv")).Rows.Count);
        Assert.Equal(100, CsvTable.Read(Path.Combine(dir, "analysis", "gains.csv")).Rows.Count);

        // summary.json: stages filled in, every other field byte for byte as before.
        var stages = JsonNode.Parse(File.ReadAllText(summary))!["stages"]!;
        Assert.Equal(12, (int)stages["stage1_end_epoch"]!);
        Assert.Equal(37, (int)stages["stabilization_epoch"]!);
        Assert.Equal("analysis/stages.json", (string)stages["details"]!);
        Assert.Equal(summaryBefore, WithField(summary, "stages", null));
        var stagesJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "analysis", "stages.json")))!;
        Assert.Equal(37, (int)stagesJson["stabilization_epoch"]!);

        // manifest.json: the files map is re-hashed (it now covers analysis/ and the new summary), the rest unchanged.
        var m = RunManifest.Read(manifest);
        Assert.Equal(RunManifest.HashFiles(dir), m.Files);
        Assert.Contains("analysis/stages.json", m.Files.Keys);
        Assert.Equal(manifestBefore, WithField(manifest, "files", filesBefore));
    }

    [Fact]
    public void A_write_that_fails_removes_the_analysis_folder_it_created()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var result = RunAnalysis.Analyze(dir);
        File.WriteAllText(Path.Combine(dir, "arrays", "eig_p.npy"), "not an array"); // read again while writing spectra.csv
        Assert.ThrowsAny<Exception>(() => AnalysisWriter.Write(result));
        Assert.False(Directory.Exists(Path.Combine(dir, "analysis")));
    }

    [Fact]
    public void Analyzing_twice_gives_identical_bytes()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        AnalysisWriter.Write(RunAnalysis.Analyze(dir));
        var first = Snapshot(dir);
        AnalysisWriter.Write(RunAnalysis.Analyze(dir));
        var second = Snapshot(dir);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first) Assert.True(bytes.SequenceEqual(second[name]), $"{name} changed");
    }

    [Fact]
    public void Outputs_that_no_longer_apply_are_removed_and_other_files_kept()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        AnalysisWriter.Write(RunAnalysis.Analyze(dir));
        string mine = Path.Combine(dir, "analysis", "my_notes.txt");
        File.WriteAllText(mine, "kept");
        var late = RunAnalysis.Analyze(dir, new AnalysisSettings { Stage3 = new Stage3CheckSettings { From = 99 } });
        Assert.Null(late.Stage3);
        Assert.Contains(late.Notes, n => n.Contains("Stage-3 check not run"));
        AnalysisWriter.Write(late);
        Assert.False(File.Exists(Path.Combine(dir, "analysis", "stage3_reduced.csv")));
        Assert.True(File.Exists(mine));
    }

    [Fact]
    public void Tracking_and_tanh_runs_get_their_own_files()
    {
        using (var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tracking, out var dir))
        {
            var outputs = AnalysisWriter.Write(RunAnalysis.Analyze(dir));
            Assert.Equal(["analysis/spectra.csv", "analysis/spectra_w.csv", "analysis/stages.json", "analysis/probes.csv", "analysis/acquisition.json", "analysis/analysis.json"], outputs);
            var probes = CsvTable.Read(Path.Combine(dir, "analysis", "probes.csv"));
            Assert.Equal(["epoch", "probe_loss_1", "probe_loss_2", "probe_loss_3", "probe_loss_4"], probes.Header);
            Assert.Equal(11, probes.Rows.Count);
        }
        using (var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tanh, out var dir))
        {
            AnalysisWriter.Write(RunAnalysis.Analyze(dir));
            var gains = CsvTable.Read(Path.Combine(dir, "analysis", "gains.csv"));
            Assert.Equal(["epoch", "k1", "k2", "class", "p_red_radius"], gains.Header);
            var metrics = CsvTable.Read(Path.Combine(dir, "metrics.csv"));
            Assert.Equal(metrics.Column("p_red_class"), gains.Column("class"));
            Assert.All(gains.Rows, r => Assert.Equal(r[3] == "stable", double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture) < 1));
        }
    }
}
