using System.Text.Json;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs;

/// <summary>A finished run read back: its settings from the manifest, its metrics, its snapshots on the log-spaced schedule.</summary>
public class RunRecordTests
{
    [Fact]
    public void The_settings_read_back_from_the_manifest_equal_the_settings_trained()
    {
        using var tmp = new TempDirectory();
        var s = RunComparison.Tiny("tracking", 6, "seed=4", "optimizer.learning_rate=0.002", "objective.beta=0.01");
        TrainingRun.Execute(s, new RunOutput(tmp.File("run"), Threads: 1));
        var run = RunRecord.Open(tmp.File("run"));
        Assert.Equal(Json(s.Validated()), Json(run.Settings));
        Assert.Equal(ClosedLoop.Runs.Scheduling.RunNaming.NameOf(s), ClosedLoop.Runs.Scheduling.RunNaming.NameOf(run.Settings));
        Assert.Equal(6, run.Epochs);
        Assert.Equal(run.Epochs, run.Series("loss").Length);
        Assert.Equal(run.Summary.FinalLoss, run.Series("loss")[^1]);
    }

    [Fact]
    public void A_log_spaced_run_writes_snapshots_at_exactly_the_log_spaced_epochs()
    {
        using var tmp = new TempDirectory();
        var s = RunComparison.Tiny("tanh", 30) with { Snapshots = SnapshotSchedule.LogSpaced };
        TrainingRun.Execute(s, new RunOutput(tmp.File("run"), Threads: 1));
        var run = RunRecord.Open(tmp.File("run"));
        int[] expected = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 29];
        Assert.Equal(expected, Trainer.LogSpacedEpochs(30));
        Assert.Equal(expected, Enumerable.Range(0, run.Epochs).Where(run.HasSnapshot));
        Assert.Equal(run.Parameters(29).Recurrent.Length, run.Parameters().Recurrent.Length);
    }

    private static string Json(RunSettings s) => JsonSerializer.Serialize(s, SettingsJson.Options);
}
