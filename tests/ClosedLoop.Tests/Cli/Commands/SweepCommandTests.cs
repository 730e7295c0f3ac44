using System.Diagnostics;
using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli.Commands;

public class SweepCommandTests
{
    /// <summary>2 points x 2 seeds x closed and open = 8 tiny runs, analysed (about a second in all).</summary>
    public const string Spec = """
        {
          "preset": "tanh",
          "epochs": 25,
          "set": {"network.hidden": 6, "episode.batch": 5, "evaluation.count": 3, "episode.steps": 12},
          "grid": {"objective.beta": [0, 0.1]},
          "seeds": [0, 1],
          "modes": ["closed", "open"],
          "analyze": true
        }
        """;

    internal static string WriteSpec(TempDirectory tmp, string json = Spec, string name = "spec.json")
    {
        File.WriteAllText(tmp.File(name), json);
        return tmp.File(name);
    }

    [Fact]
    public void A_local_sweep_writes_one_run_per_point_seed_and_mode_and_the_tables_and_figures()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        var r = CliRunner.Run("sweep", WriteSpec(tmp), "--out", dir, "--jobs", "2");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("8 runs: 8 done, 0 running, 0 queued, 0 failed, 0 missing", r.Out);
        var results = CsvTable.Read(Path.Combine(dir, "results.csv"));
        Assert.Equal(8, results.Rows.Count);
        Assert.Equal(["index", "point", "objective.beta", "seed", "mode", "run_dir", "status", "error", "log"], results.Header.Take(9));
        Assert.Contains("final_loss", results.Header);
        Assert.Contains("stages.stage1_end_epoch", results.Header);
        Assert.Contains("open_loop_peak_ratio", results.Header);
        Assert.All(results.Column("status"), s => Assert.Equal("done", s));
        Assert.All(results.Column("run_dir"), d => Assert.True(File.Exists(Path.Combine(dir, d, "manifest.json"))));
        Assert.Equal(["closed", "closed", "closed", "closed", "open", "open", "open", "open"], results.Column("mode"));
        Assert.Equal("../" + Path.GetFileName(results.Column("run_dir")[0]), RunSummaryTeacher(dir, results.Column("run_dir")[4]));
        foreach (var f in new[] { "point000_deployed_loss.png", "point001_spectral_radius.csv", "final_loss_vs_objective.beta.svg" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", f)), f);
        Assert.True(File.Exists(Path.Combine(dir, "summary.csv")));
        Assert.False(File.Exists(Path.Combine(dir, DirectoryLock.FileName))); // released
        var again = CliRunner.Run("sweep", dir);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("8 done, 0 to train", again.Out);
    }

    [Fact]
    public void An_interrupted_sweep_called_again_trains_only_what_is_not_done()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", WriteSpec(tmp), "--out", dir).ExitCode);
        var runs = CsvTable.Read(Path.Combine(dir, "results.csv")).Column("run_dir").Select(d => Path.Combine(dir, d)).ToList();
        var before = runs.Select(d => File.ReadAllText(Path.Combine(d, "manifest.json"))).ToList();
        File.Delete(Path.Combine(runs[1], "manifest.json")); // killed before its manifest
        Directory.Delete(runs[6], recursive: true); // never started
        var status = CliRunner.Run("sweep", "status", dir);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("8 runs: 6 done, 0 running, 0 queued, 1 failed, 1 missing", status.Out);
        Assert.Contains("failed: run 1: interrupted", status.Out);
        var collect = CliRunner.Run("sweep", "collect", dir);
        Assert.Equal(0, collect.ExitCode);
        var marked = CsvTable.Read(Path.Combine(dir, "results.csv"));
        Assert.Equal(["done", "failed", "done", "done", "done", "done", "missing", "done"], marked.Column("status"));
        Assert.Equal("", marked.Column("final_loss")[1]); // no result for a run that is not done
        var resumed = CliRunner.Run("sweep", WriteSpec(tmp), "--out", dir);
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Err);
        Assert.Contains("6 done, 2 to train", resumed.Out);
        for (int i = 0; i < runs.Count; i++)
            if (i is not (1 or 6)) Assert.Equal(before[i], File.ReadAllText(Path.Combine(runs[i], "manifest.json"))); // untouched
    }

    [Fact]
    public void Fields_added_to_summaries_become_columns_without_code_changes()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        Assert.Equal(0, CliRunner.Run("sweep", WriteSpec(tmp, Spec.Replace("\"analyze\": true", "\"analyze\": false")), "--out", dir).ExitCode);
        var first = CsvTable.Read(Path.Combine(dir, "results.csv"));
        Assert.DoesNotContain("open_loop_peak_ratio", first.Header);
        string summary = Path.Combine(dir, first.Column("run_dir")[2], "summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).TrimEnd().TrimEnd('}') + ", \"new_flag\": true, \"new_epoch\": 17}\n");
        Assert.Equal(0, CliRunner.Run("sweep", "collect", dir).ExitCode);
        var results = CsvTable.Read(Path.Combine(dir, "results.csv"));
        Assert.Equal(["", "", "true", "", "", "", "", ""], results.Column("new_flag"));
        Assert.Equal("17", results.Column("new_epoch")[2]);
        Assert.All(results.Column("diverged"), d => Assert.Equal("false", d)); // a field the training writes today
        var yesNo = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        int row = Enumerable.Range(0, yesNo.Rows.Count).Single(i => yesNo.Column("result")[i] == "new_flag" && yesNo.Column("point")[i] == "1" && yesNo.Column("mode")[i] == "closed");
        Assert.Equal(("1", "1", "0"), (yesNo.Column("count")[row], yesNo.Column("yes")[row], yesNo.Column("no")[row]));
    }

    [Theory]
    [InlineData("""{"grid": {"objective.beta": [0, 0.1]}, "set": {"objective.beta": 0}}""", "key 'objective.beta' is in both set and grid")]
    [InlineData("""{"grid": {"objective.beta": []}}""", "grid.objective.beta is empty")]
    [InlineData("""{"grid": {"objective.beta": [0, -1]}}""", "objective.beta = -1 is not allowed")]
    [InlineData("""{"grid": {"episode.stpes": [10]}}""", "setting 'episode.stpes' is not known")]
    [InlineData("""{"grdi": {"episode.steps": [10]}}""", "spec key 'grdi' is not known")]
    public void A_bad_spec_exits_2_naming_the_key_and_writes_nothing(string json, string message)
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        foreach (var backend in new[] { "local", "slurm" })
        {
            var r = CliRunner.Run("sweep", WriteSpec(tmp, json), "--out", dir, "--backend", backend);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(message, r.Err);
            Assert.False(Directory.Exists(dir));
        }
    }

    [Fact]
    public void Options_that_do_not_fit_the_backend_or_the_directory_exit_2()
    {
        using var tmp = new TempDirectory();
        string spec = WriteSpec(tmp);
        Assert.Contains("--slurm-partition is not allowed with --backend local", CliRunner.Run("sweep", spec, "--out", tmp.File("a"), "--slurm-partition", "x").Err);
        Assert.Contains("--jobs is not allowed with --backend slurm", CliRunner.Run("sweep", spec, "--out", tmp.File("a"), "--backend", "slurm", "--jobs", "2").Err);
        Assert.Contains("--resubmit is not allowed with --backend local", CliRunner.Run("sweep", spec, "--out", tmp.File("a"), "--resubmit").Err);
        Assert.Contains("--out is missing", CliRunner.Run("sweep", spec).Err);
        Directory.CreateDirectory(tmp.File("busy"));
        File.WriteAllText(tmp.File("busy/notes.txt"), "mine");
        Assert.Contains("is not empty and holds no sweep", CliRunner.Run("sweep", spec, "--out", tmp.File("busy")).Err);
        Assert.Equal(0, CliRunner.Run("sweep", WriteSpec(tmp, Spec.Replace("[0, 1]", "[0]"), "one-seed.json"), "--out", tmp.File("one")).ExitCode);
        var other = CliRunner.Run("sweep", spec, "--out", tmp.File("one"));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("holds another sweep", other.Err);
        Assert.Equal(2, CliRunner.Run("sweep", "collect", tmp.File("one"), "--metric", "no_such").ExitCode);
    }

    [Fact]
    public void A_dry_run_prints_the_plan_and_the_batch_scripts_and_writes_nothing()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("it's a $(dir)");
        var local = CliRunner.Run("sweep", WriteSpec(tmp), "--out", dir, "--dry-run");
        Assert.Equal(0, local.ExitCode);
        Assert.Contains("dry run: sweep of 8 runs (2 points)", local.Out);
        var slurm = CliRunner.Run("sweep", WriteSpec(tmp), "--out", dir, "--dry-run", "--backend", "slurm", "--slurm-max-parallel", "3", "--slurm-partition", "debug");
        Assert.True(slurm.ExitCode == 0, slurm.Err);
        Assert.Contains("#SBATCH --array=0-3%3", slurm.Out);
        Assert.Contains("#SBATCH --array=4-7%3", slurm.Out);
        Assert.Contains("#SBATCH --partition=debug", slurm.Out);
        Assert.Contains("'sweep' 'run' '" + Path.GetFullPath(dir).Replace("'", "'\\''") + "' '--task' \"$SLURM_ARRAY_TASK_ID\"", slurm.Out);
        Assert.Contains("'sweep' 'collect'", slurm.Out);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void The_slurm_backend_without_sbatch_exits_2_before_writing_anything()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { typeof(ClosedLoop.Cli.CliApp).Assembly.Location, "sweep", WriteSpec(tmp), "--out", dir, "--backend", "slurm" }) info.ArgumentList.Add(a);
        info.Environment["PATH"] = tmp.File("nothing-here");
        using var p = Process.Start(info)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(2, p.ExitCode);
        Assert.StartsWith("error: --backend slurm needs sbatch on PATH", err);
        Assert.False(Directory.Exists(dir));
    }

    internal static string DotnetHost() =>
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string? RunSummaryTeacher(string dir, string runDir) =>
        ClosedLoop.Runs.RunRecord.Open(Path.Combine(dir, runDir)).Summary.Teacher;
}
