using ClosedLoop.Runs;
using ClosedLoop.Tests.Analysis;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli.Commands;

public class AnalyzeCommandTests
{
    [Fact]
    public void Analyze_writes_the_analysis_and_prints_the_stages()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var r = CliRunner.Run("analyze", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("stage 1 ends at epoch 12", r.Out);
        Assert.Contains("strict stabilisation at 37", r.Out);
        Assert.Contains("stage 3 check from epoch 37", r.Out);
        Assert.Contains("stage 2 descent from epoch 14", r.Out); // max(10, e1 + 2)
        Assert.True(File.Exists(Path.Combine(dir, "analysis", "stages.json")));
        Assert.Contains("\"stages\": {", File.ReadAllText(Path.Combine(dir, RunSummary.FileName)));
    }

    [Fact]
    public void Stage3_from_and_set_reach_the_analysis()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var r = CliRunner.Run("analyze", dir, "--stage3-from", "60", "--set", "analysis.stage2.minimum_start=20");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("stage 3 check from epoch 60 (given)", r.Out);
        Assert.Contains("stage 2 descent from epoch 20", r.Out);
    }

    [Fact]
    public void An_open_loop_run_is_analysed_with_its_teacher()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.TanhOpen, out var dir);
        var r = CliRunner.Run("analyze", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("closed loop", r.Out);
        Assert.Contains("open loop", r.Out);
        Assert.Contains("open-loop deployed loss: peak", r.Out);
        Assert.True(File.Exists(Path.Combine(dir, "teacher", "analysis", "stages.json")));
        Assert.True(File.Exists(Path.Combine(dir, "analysis", "stages.json")));
        // The teacher is analysed first, so the student's manifest hashes cover the teacher's new files.
        var manifest = ClosedLoop.Reporting.RunManifest.Read(Path.Combine(dir, "manifest.json"));
        Assert.Equal(ClosedLoop.Reporting.RunManifest.HashFiles(dir), manifest.Files);
    }

    [Fact]
    public void Relu_runs_say_why_there_is_no_spectral_detector()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Relu, out var dir);
        var r = CliRunner.Run("analyze", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("spectral detector not applied (relu has no derivative at 0", r.Out);
        Assert.Contains("loss-based (training loss)", r.Out);
    }

    [Fact]
    public void A_directory_that_is_not_a_finished_run_exits_2_with_one_clear_line()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run("analyze", tmp.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not a finished run directory", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Empty(tmp.ListFiles());
    }

    [Theory]
    [InlineData(new[] { "--stage3-from", "500" }, "analysis.stage3.from = 500")]
    [InlineData(new[] { "--set", "analysis.no_such_key=1" }, "'no_such_key' is not known")]
    [InlineData(new[] { "--set", "analysis.spectral_detector.persistence=0" }, "spectral_detector.persistence = 0")]
    [InlineData(new[] { "--stage3-from", "soon" }, "soon")]
    public void Bad_options_exit_2_and_leave_the_run_untouched(string[] options, string expected)
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var before = File.ReadAllBytes(Path.Combine(dir, RunSummary.FileName));
        var r = CliRunner.Run(["analyze", dir, .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "analysis")));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, RunSummary.FileName)));
    }

    [Fact]
    public void Analysis_never_rehashes_the_inputs_it_did_not_write()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var before = ManifestFiles(dir);
        Assert.Equal(0, CliRunner.Run("analyze", dir).ExitCode);
        var after = ManifestFiles(dir);
        foreach (var (file, hash) in before.Where(kv => kv.Key != RunSummary.FileName)) Assert.Equal(hash, after[file]);
        Assert.Equal(ClosedLoop.Reporting.ManifestCheck.Hash(Path.Combine(dir, RunSummary.FileName)), after[RunSummary.FileName]);
        Assert.Contains("analysis/stages.json", after.Keys);
        Assert.Equal(ClosedLoop.Reporting.RunManifest.HashFiles(dir), after); // every entry true, none missing
    }

    [Fact]
    public void An_edited_input_is_analysed_only_when_trusted_and_its_recorded_hash_is_kept()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        string metrics = Path.Combine(dir, "metrics.csv");
        string recorded = ManifestFiles(dir)["metrics.csv"];
        var lines = File.ReadAllLines(metrics);
        lines[5] = lines[5].Replace(lines[5].Split(',')[2], "1.5");
        File.WriteAllLines(metrics, lines);

        var refused = CliRunner.Run("analyze", dir);
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"error: metrics.csv does not match the manifest of '{dir}' (changed since the run was written)", refused.Err);
        Assert.Contains("--trust-edits", refused.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "analysis")));

        var trusted = CliRunner.Run("analyze", dir, "--trust-edits");
        Assert.True(trusted.ExitCode == 0, trusted.Err);
        Assert.Contains("note: analysed with --trust-edits: metrics.csv did not match the manifest", trusted.Out);
        Assert.Equal(recorded, ManifestFiles(dir)["metrics.csv"]); // the edit stays visible
        Assert.Equal(2, CliRunner.Run("analyze", dir).ExitCode);
    }

    [Fact]
    public void A_failed_analysis_leaves_no_analysis_folder()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        File.WriteAllText(Path.Combine(dir, "arrays", "eig_p.npy"), "not an array");
        var r = CliRunner.Run("analyze", dir, "--trust-edits");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("eig_p", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(dir, "analysis")));
    }

    [Fact]
    public void A_users_own_file_beside_the_run_is_neither_checked_nor_hashed()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "seed 7 looked odd");
        Assert.Equal(0, CliRunner.Run("analyze", dir).ExitCode);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "seed 7 is fine after all");
        Assert.Equal(0, CliRunner.Run("analyze", dir).ExitCode);
        Assert.DoesNotContain("notes.txt", ManifestFiles(dir).Keys);
    }

    private static Dictionary<string, string> ManifestFiles(string dir) =>
        new(ClosedLoop.Reporting.RunManifest.Read(Path.Combine(dir, ClosedLoop.Reporting.RunManifest.FileName)).Files);
}
