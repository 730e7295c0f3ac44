using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli.Commands;

public class TrainCommandTests
{
    private static string[] Train(string preset, string dir, params string[] extra) =>
        ["train", "--preset", preset, "--out", dir, .. CliRunner.Tiny, .. extra];

    [Fact]
    public void A_directory_in_use_by_another_writer_is_refused_and_left_as_it_was()
    {
        using var tmp = new TempDirectory();
        string dir = Path.Combine(tmp.Path, "busy");
        using (var held = DirectoryLock.Acquire(dir, "another train"))
        {
            var r = CliRunner.Run(Train("lowrank", dir, "--epochs", "3"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{dir} is in use by pid {Environment.ProcessId}", r.Err);
            Assert.Equal([DirectoryLock.FileName], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        }
        var ok = CliRunner.Run(Train("lowrank", dir, "--epochs", "3"));
        Assert.True(ok.ExitCode == 0, ok.Err);
        Assert.False(File.Exists(Path.Combine(dir, DirectoryLock.FileName))); // released on exit
    }

    [Theory]
    [InlineData("lowrank", "closed")]
    [InlineData("tanh", "closed")]
    [InlineData("tanh", "open")]
    [InlineData("tracking", "closed")]
    [InlineData("tracking", "open")]
    public void The_same_seed_gives_identical_metrics_and_summary(string preset, string mode)
    {
        using var tmp = new TempDirectory();
        string a = Path.Combine(tmp.Path, "a"), b = Path.Combine(tmp.Path, "b");
        string[] extra = ["--mode", mode, "--epochs", "6", "--seed", "3", "--set", $"episode.steps={(preset == "tracking" ? 20 : 12)}"];
        if (preset == "tracking") extra = [.. extra, "--set", "reference.steps=20"];
        var ra = CliRunner.Run(Train(preset, a, extra));
        var rb = CliRunner.Run(Train(preset, b, extra));
        Assert.True(ra.ExitCode == 0, ra.Err + ra.Out);
        Assert.Equal(0, rb.ExitCode);
        foreach (var f in new[] { "metrics.csv", "summary.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        var manifest = RunManifest.Read(Path.Combine(a, RunManifest.FileName));
        Assert.Contains("metrics.csv", manifest.Files.Keys);
        Assert.Contains("summary.json", manifest.Files.Keys);
        var metrics = CsvTable.Read(Path.Combine(a, "metrics.csv"));
        foreach (var col in new[] { "epoch", "loss", "state_cost", "control_cost", "test_loss", "grad_norm", "spectral_radius" })
            Assert.True(metrics.ColumnIndex(col) >= 0, $"metrics.csv lacks {col}");
        if (mode == "open")
        {
            Assert.True(metrics.ColumnIndex("imitation_cost") >= 0);
            Assert.True(File.Exists(Path.Combine(a, "teacher", "summary.json")));
        }
        Assert.Equal(6, metrics.Rows.Count);
    }

    [Theory]
    [InlineData("tanh", "closed", "double")]
    [InlineData("tanh", "open", "double")]
    [InlineData("tanh", "closed", "single")]
    [InlineData("tanh", "open", "single")]
    [InlineData("gru", "closed", "single")]
    [InlineData("ring-hard", "closed", "single")]
    public void Thread_count_does_not_change_a_single_byte(string preset, string mode, string precision)
    {
        using var tmp = new TempDirectory();
        string a = Path.Combine(tmp.Path, "a"), b = Path.Combine(tmp.Path, "b");
        string[] extra = ["--mode", mode, "--epochs", "5", "--seed", "2", "--set", "episode.steps=10", "--set", "episode.batch=9", "--set", $"precision={precision}"];
        Assert.Equal(0, CliRunner.Run([.. Train(preset, a, extra), "--threads", "1"]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. Train(preset, b, extra), "--threads", "2"]).ExitCode);
        var files = Runs.RunComparison.List(a).Where(f => Path.GetFileName(f) != "manifest.json").ToList();
        Assert.Equal(files, Runs.RunComparison.List(b).Where(f => Path.GetFileName(f) != "manifest.json"));
        Assert.Contains("arrays/params_final.npz", files);
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
    }

    [Fact]
    public void Single_precision_warns_before_a_run_that_overflows_float32_and_notes_it_after()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(Train("lowrank", tmp.Path, "--epochs", "2", "--seed", "3", "--set", "episode.steps=200", "--set", "precision=single"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: precision = single is not safe for this run", r.Err);
        Assert.Contains("warning: the run diverged", r.Err);
        Assert.Contains("note: this run trained in single precision", r.Err);
        var d = CliRunner.Run(Train("lowrank", Path.Combine(tmp.Path, "d"), "--epochs", "2", "--seed", "3", "--set", "episode.steps=200"));
        Assert.Equal(0, d.ExitCode);
        Assert.DoesNotContain("warning", d.Err);
    }

    [Fact]
    public void Rank_one_runs_report_order_parameters()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(Train("lowrank", tmp.Path, "--epochs", "3", "--set", "episode.steps=8"));
        Assert.Equal(0, r.ExitCode);
        var metrics = CsvTable.Read(Path.Combine(tmp.Path, "metrics.csv"));
        foreach (var col in new[] { "sigma_zm", "sigma_zu", "sigma_vm", "sigma_vu" })
            Assert.True(metrics.ColumnIndex(col) >= 0, $"metrics.csv lacks {col}");
    }

    [Theory]
    [InlineData(new[] { "train", "--preset", "nosuch" }, "preset = 'nosuch'")]
    [InlineData(new[] { "train", "--preset", "tanh", "--epochs", "0" }, "epochs = 0")]
    [InlineData(new[] { "train", "--preset", "tanh", "--set", "optimizer.learning_rate=0" }, "optimizer.learning_rate = 0")]
    [InlineData(new[] { "train", "--preset", "tanh", "--set", "network.hidden=0" }, "network.hidden = 0")]
    [InlineData(new[] { "train", "--preset", "lowrank", "--set", "network.rank=200" }, "network.rank = 200")]
    [InlineData(new[] { "train", "--preset", "tanh", "--set", "plant.dt=-0.5" }, "plant.dt = -0.5")]
    [InlineData(new[] { "train", "--preset", "tanh", "--set", "no.such.key=1" }, "'no' is not known")]
    [InlineData(new[] { "train", "--preset", "tanh", "--mode", "sideways" }, "sideways")]
    [InlineData(new[] { "train", "--preset", "tanh", "--epochs", "many" }, "many")]
    [InlineData(new[] { "train", "--config", "/nonexistent/config.json" }, "does not exist")]
    [InlineData(new[] { "bench", "quadratic" }, "quadratic")]
    public void Bad_input_exits_2_with_one_clear_line_and_writes_nothing(string[] args, string expected)
    {
        using var tmp = new TempDirectory();
        string dir = Path.Combine(tmp.Path, "run");
        var r = CliRunner.Run([.. args, "--out", dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("{\"preset\": \"tanh\", \"epochs\": 5,", "not valid JSON")]
    [InlineData("{\"preset\": \"tanh\", \"plant\": {\"kind\": \"custom\", \"a\": [[1, 1, 0], [0, 1, 0]], \"b\": [[0], [1]], \"c\": [[1, 0]]}}", "plant.a must be square")]
    [InlineData("{\"preset\": \"tanh\", \"network\": {\"hiden\": 5}}", "'network.hiden' is not known")]
    public void Bad_config_files_exit_2(string text, string expected)
    {
        using var tmp = new TempDirectory();
        string cfg = Path.Combine(tmp.Path, "c.json"), dir = Path.Combine(tmp.Path, "run");
        File.WriteAllText(cfg, text);
        var r = CliRunner.Run("train", "--config", cfg, "--out", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void An_existing_run_is_kept_unless_forced()
    {
        using var tmp = new TempDirectory();
        string[] args = Train("lowrank", tmp.Path, "--epochs", "2", "--set", "episode.steps=5");
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(tmp.Path, "manifest.json"));
        var again = CliRunner.Run(args);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a run", again.Err);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(tmp.Path, "manifest.json")));
        Assert.Equal(0, CliRunner.Run([.. args, "--force"]).ExitCode);
    }

    [Fact]
    public void List_shows_every_preset()
    {
        var r = CliRunner.Run("list");
        Assert.Equal(0, r.ExitCode);
        foreach (var name in new[] { "lr-published", "nl-published", "tracking-published", "lowrank", "tanh", "tracking", "repro-main" })
            Assert.Contains(name, r.Out);
    }

    [Fact]
    public void Force_replaces_the_run_and_keeps_the_users_own_files()
    {
        using var tmp = new TempDirectory();
        string[] args = Train("lowrank", tmp.Path, "--epochs", "2", "--set", "episode.steps=5");
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        File.WriteAllText(tmp.File("notes.txt"), "my notes");
        Directory.CreateDirectory(tmp.File("plots"));
        File.WriteAllText(tmp.File(Path.Combine("plots", "a.txt")), "mine");
        Assert.Equal(0, CliRunner.Run([.. args, "--seed", "5", "--force"]).ExitCode);
        Assert.Equal("my notes", File.ReadAllText(tmp.File("notes.txt")));
        Assert.True(File.Exists(tmp.File(Path.Combine("plots", "a.txt"))));
        var manifest = RunManifest.Read(tmp.File(RunManifest.FileName));
        Assert.Equal(5, manifest.Seeds["seed"]);
        Assert.DoesNotContain(manifest.Files.Keys, f => f.StartsWith("notes", StringComparison.Ordinal) || f.StartsWith("plots", StringComparison.Ordinal));
    }
}

