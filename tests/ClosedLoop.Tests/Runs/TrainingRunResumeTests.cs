using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs;

/// <summary>
/// Runs stopped at an epoch (as SIGTERM stops them, or dying like a <c>kill -9</c> after a periodic checkpoint) and
/// resumed give the same bytes as runs never stopped, whatever the thread count.
/// </summary>
public class TrainingRunResumeTests
{
    public static TheoryData<string, string, int, string[]> Interruptions => new()
    {
        { "lowrank", "closed", 1, [] },                                   // SGD, superposition basis, a snapshot every epoch
        { "lowrank", "closed", 13, [] },
        { "tanh", "closed", 7, ["optimizer.kind=adam"] },               // mid-Adam, between log-spaced snapshots 6 and 8
        { "tanh", "closed", 19, [] },                                     // the last epoch
        { "tracking", "closed", 11, ["evaluation.probe_every=5"] },     // Adam, probes, eig arrays
        { "tanh", "open", 9, [] },                                        // the student; the teacher is finished
        { "tanh-teacher", "open", 5, [] },                                // the teacher of an open-loop run
        { "tracking", "open", 4, [] },
        { "tanh", "closed", 7, ["optimizer.kind=adam", "precision=single"] }, // float weights and Adam moments round-trip exactly
        { "gru", "open", 6, ["precision=single"] },
        { "tracking", "closed", 9, ["precision=single"] },
    };

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void A_run_stopped_between_epochs_resumes_to_the_same_bytes(string preset, string mode, int epoch, string[] extra)
    {
        using var tmp = new TempDirectory();
        var (s, stopIn) = Setup(preset, mode, extra);
        string whole = tmp.File("whole"), stopped = tmp.File("stopped");
        TrainingRun.Execute(s, new RunOutput(whole, Threads: 1));
        using var cancel = new CancellationTokenSource();
        var e = Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(s, new RunOutput(stopped, Threads: 1), new StopAt(cancel, stopIn, epoch).Factory, cancel.Token));
        Assert.Equal(epoch, e.Epoch);
        string dir = stopIn == s.Mode ? stopped : Path.Combine(stopped, "teacher");
        Assert.True(File.Exists(Path.Combine(dir, CheckpointFile.FileName)));
        Assert.False(File.Exists(Path.Combine(stopped, "manifest.json")));
        var refused = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(s, new RunOutput(stopped)));
        Assert.Contains(stopIn == s.Mode ? $"holds an interrupted run at epoch {epoch} of 20: pass --resume" : $"in its closed-loop teacher, at epoch {epoch} of 20", refused.Message);
        TrainingRun.Execute(s, new RunOutput(stopped, ExistingRun.Resume, Threads: 2));
        RunComparison.AssertSameRun(whole, stopped);
    }

    [Fact]
    public void A_run_recording_its_draws_is_not_continued_from_a_checkpoint()
    {
        using var tmp = new TempDirectory();
        var (s, stopIn) = Setup("tanh", "closed", []);
        string dir = tmp.File("stopped");
        using var cancel = new CancellationTokenSource();
        var recording = new RunOutput(dir, Threads: 1) { Draws = DrawRecording.On };
        Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(s, recording, new StopAt(cancel, stopIn, 5).Factory, cancel.Token));
        var before = RunComparison.List(dir);
        var e = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(s, recording with { Existing = ExistingRun.Resume }));
        Assert.Contains("--record-draws cannot continue the interrupted run", e.Message);
        Assert.Equal(before, RunComparison.List(dir)); // nothing changed
    }

    [Theory]
    [InlineData("tanh", "closed", 10)]
    [InlineData("tracking", "closed", 14)]
    [InlineData("tanh", "open", 17)]
    public void A_run_that_dies_after_a_periodic_checkpoint_resumes_from_it_to_the_same_bytes(string preset, string mode, int epoch)
    {
        using var tmp = new TempDirectory();
        var (s, _) = Setup(preset, mode, ["optimizer.kind=adam"]);
        string whole = tmp.File("whole"), died = tmp.File("died");
        TrainingRun.Execute(s, new RunOutput(whole));
        var every4 = new RunOutput(died, Threads: 2) { Checkpoints = new CheckpointSchedule(EveryEpochs: 4) };
        Assert.Throws<SimulatedCrash>(() => TrainingRun.Execute(s, every4, new CrashAt(s.Mode, epoch).Factory));
        Assert.Equal((epoch / 4 * 4, 20), CheckpointFile.Peek(Path.Combine(died, CheckpointFile.FileName)));
        var resumed = new CrashAt(s.Mode, -1);
        TrainingRun.Execute(s, every4 with { Existing = ExistingRun.Resume, Threads = 1 }, resumed.Factory);
        Assert.Equal(epoch / 4 * 4, resumed.Epochs[0]); // continued from the checkpoint, not from epoch 0
        RunComparison.AssertSameRun(whole, died);
    }

    [Fact]
    public void Resume_starts_a_run_without_a_checkpoint_again_and_refuses_a_finished_one()
    {
        using var tmp = new TempDirectory();
        var s = RunComparison.Tiny("tanh", 8);
        string whole = tmp.File("whole"), dir = tmp.File("d");
        TrainingRun.Execute(s, new RunOutput(whole));
        Assert.Throws<SimulatedCrash>(() => TrainingRun.Execute(s, new RunOutput(dir) { Checkpoints = CheckpointSchedule.OnlyWhenInterrupted }, new CrashAt(LoopMode.Closed, 3).Factory));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories)); // no checkpoint: nothing kept
        var refused = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(s, new RunOutput(dir)));
        Assert.Contains("holds an interrupted run with no checkpoint", refused.Message);
        TrainingRun.Execute(s, new RunOutput(dir, ExistingRun.Resume));
        RunComparison.AssertSameRun(whole, dir);
        var finished = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(s, new RunOutput(dir, ExistingRun.Resume)));
        Assert.Contains("holds a finished run: there is nothing to resume", finished.Message);
        TrainingRun.Execute(s, new RunOutput(tmp.File("new"), ExistingRun.Resume)); // a new directory simply starts
        RunComparison.AssertSameRun(whole, tmp.File("new"));
    }

    [Fact]
    public void Resuming_with_other_settings_names_the_setting_and_changes_nothing()
    {
        using var tmp = new TempDirectory();
        var s = RunComparison.Tiny("tanh", 10);
        string dir = tmp.File("d");
        using var cancel = new CancellationTokenSource();
        Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(s, new RunOutput(dir), new StopAt(cancel, LoopMode.Closed, 4).Factory, cancel.Token));
        var before = RunComparison.List(dir);
        var e = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(s with { Epochs = 12 }, new RunOutput(dir, ExistingRun.Resume)));
        Assert.Contains("holds an interrupted run of other settings (epochs = 10 there, 12 here)", e.Message);
        Assert.Equal(before, RunComparison.List(dir));
    }

    private static (RunSettings Settings, LoopMode StopIn) Setup(string preset, string mode, string[] extra)
    {
        bool teacher = preset.EndsWith("-teacher", StringComparison.Ordinal);
        var s = RunComparison.Tiny(teacher ? preset[..^8] : preset, 20, [$"mode={mode}", .. extra]);
        return (s, teacher ? LoopMode.Closed : s.Mode);
    }
}
