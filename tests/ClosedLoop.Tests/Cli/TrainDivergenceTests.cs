using System.Text.Json;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;

namespace ClosedLoop.Tests.Cli;

/// <summary><c>train</c> on runs whose loss becomes NaN or infinite, and its resume and checkpoint options.</summary>
public class TrainDivergenceTests
{
    // The linear rank-1 model with learning rate 1000: the loss overflows to +inf at epoch 2, then stays non-finite.
    private static string[] Diverging(string dir, params string[] extra) =>
        ["train", "--preset", "lowrank", "--epochs", "30", "--set", "optimizer.learning_rate=1000", "--out", dir, .. CliRunner.Tiny, .. extra];

    [Fact]
    public void A_diverged_run_is_written_whole_says_so_and_warns()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(Diverging(tmp.Path + "/d"));
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^warning: the run diverged: the loss or gradient was not finite \(NaN or infinite\) in \d+ of 30 epochs, first at epoch \d+; ", r.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(tmp.File("d/summary.json")));
        var s = summary.RootElement;
        Assert.True(s.GetProperty("diverged").GetBoolean());
        int first = s.GetProperty("first_non_finite_epoch").GetInt32();
        Assert.Equal(JsonValueKind.Null, s.GetProperty("final_loss").ValueKind); // not the string "NaN"
        Assert.Equal("completed", s.GetProperty("end").GetString());
        Assert.Equal(30, s.GetProperty("epochs").GetInt32());
        var metrics = CsvTable.Read(tmp.File("d/metrics.csv"));
        var status = metrics.Column("status");
        Assert.Equal(first, status.ToList().IndexOf("non_finite"));
        Assert.All(metrics.Doubles("loss").Take(first), v => Assert.True(double.IsFinite(v!.Value)));
        Assert.False(double.IsFinite(metrics.Doubles("loss")[first]!.Value)); // metrics.csv keeps the value: inf or nan
        Assert.Equal(s.GetProperty("non_finite_epochs").GetInt32(), status.Count(x => x == "non_finite"));
        Assert.DoesNotContain("\"NaN\"", File.ReadAllText(tmp.File("d/summary.json")));
    }

    [Fact]
    public void Stop_on_divergence_ends_at_the_first_non_finite_epoch_with_a_complete_directory()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(Diverging(tmp.File("d"), "--stop-on-divergence"));
        Assert.Equal(0, r.ExitCode);
        var record = RunRecord.Open(tmp.File("d"));
        int first = record.Summary.FirstNonFiniteEpoch!.Value;
        Assert.Contains($"warning: the run diverged: the loss was not finite (NaN or infinite) at epoch {first}; training stopped there (--stop-on-divergence), after {first + 1} of 30 epochs", r.Err);
        Assert.Equal(ClosedLoop.Training.TrainingEnd.StoppedOnDivergence, record.Summary.End);
        Assert.Equal(first + 1, record.Summary.Epochs);
        Assert.Equal(first + 1, record.Epochs);
        Assert.Equal(1, record.Summary.NonFiniteEpochs);
        Assert.True(File.Exists(tmp.File("d/arrays/params_final.npz")));
        var manifest = RunManifest.Read(tmp.File("d/manifest.json"));
        Assert.Equal(RunComparison.List(tmp.File("d")).Where(f => f != "manifest.json"), manifest.Files.Keys);
        Assert.True(double.IsFinite(record.Parameters().Input[0])); // the skipped update left the last finite weights
    }

    [Fact]
    public void A_finite_run_is_not_diverged_and_prints_no_warning()
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(["train", "--preset", "lowrank", "--epochs", "5", "--out", tmp.File("d"), .. CliRunner.Tiny]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Err);
        var s = RunRecord.Open(tmp.File("d")).Summary;
        Assert.False(s.Diverged);
        Assert.Null(s.FirstNonFiniteEpoch);
    }

    [Theory]
    [InlineData("--checkpoint-every", "0", "checkpoint-every = '0' is not allowed")]
    [InlineData("--checkpoint-every", "5x", "checkpoint-every = '5x' is not allowed: give a number of epochs >= 1 (500), a time (30s, 5m, 1h) or none")]
    [InlineData("--resume", "--force", "--force and --resume cannot be combined")]
    public void Bad_resume_and_checkpoint_options_are_refused(string option, string value, string message)
    {
        using var tmp = new TempDirectory();
        var r = CliRunner.Run(["train", "--preset", "lowrank", "--epochs", "5", "--out", tmp.File("d"), .. CliRunner.Tiny, option, value]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
        Assert.False(Directory.Exists(tmp.File("d")));
    }

    [Fact]
    public void A_damaged_checkpoint_is_reported_and_nothing_is_changed()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("d");
        string[] args = ["train", "--preset", "tanh", "--epochs", "12", "--out", dir, .. CliRunner.Tiny];
        using (var cancel = new CancellationTokenSource())
            Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(ClosedLoop.Training.RunConfig.FromPreset("tanh", ["epochs=12", "network.hidden=6", "episode.batch=5", "evaluation.count=3"]),
                new RunOutput(dir), new StopAt(cancel, ClosedLoop.Training.LoopMode.Closed, 6).Factory, cancel.Token));
        string checkpoint = Path.Combine(dir, CheckpointFile.FileName);
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]); // cut short
        var files = RunComparison.List(dir);
        var r = CliRunner.Run([.. args, "--resume"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"out = '{dir}' holds an interrupted run whose checkpoint cannot be used (checkpoint.npz: ", r.Err);
        Assert.Contains("pass --force to start the run again", r.Err);
        Assert.Equal(files, RunComparison.List(dir));
        var refused = CliRunner.Run(args);
        Assert.Contains("holds an interrupted run whose checkpoint cannot be read: pass --resume to continue or --force to start again", refused.Err);
        Assert.Equal(0, CliRunner.Run([.. args, "--force"]).ExitCode);
    }
}
