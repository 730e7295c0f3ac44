using ClosedLoop.Experiments;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments;

/// <summary>A reproduction's run cache continues interrupted runs from their checkpoints instead of training them again.</summary>
public class RunCacheResumeTests
{
    [Theory]
    [InlineData(LoopMode.Closed)]
    [InlineData(LoopMode.Open)]
    public void An_interrupted_run_in_the_cache_is_resumed_not_retrained(LoopMode stopIn)
    {
        using var tmp = new TempDirectory();
        var s = RunComparison.Tiny("tanh", 16, "mode=open");
        var closed = s with { Mode = LoopMode.Closed };
        new RunCache(tmp.File("out"), jobs: 1).Get(s);
        Directory.Move(tmp.File("out"), tmp.File("fresh")); // the summary names its teacher by absolute path: train the reference in place
        var cache = new RunCache(tmp.File("out"), jobs: 1);
        if (stopIn == LoopMode.Open) cache.Get(closed); // the teacher is finished, the student is interrupted
        string dir = cache.DirectoryOf(stopIn == LoopMode.Open ? s : closed);
        using (var cancel = new CancellationTokenSource())
        {
            string? teacher = stopIn == LoopMode.Open ? cache.DirectoryOf(closed) : null;
            var target = stopIn == LoopMode.Open ? s : closed;
            Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(target, new RunOutput(dir, TeacherDirectory: teacher), new StopAt(cancel, stopIn, 9).Factory, cancel.Token));
        }
        var seen = new CrashAt(stopIn, -1);
        var resuming = new RunCache(tmp.File("out"), jobs: 2, seen.Factory);
        resuming.Get(s);
        Assert.Equal(9, seen.Epochs[0]); // continued at epoch 9
        RunComparison.AssertSameRun(tmp.File("fresh"), tmp.File("out")); // both runs/ trees, teacher and student
    }

    [Fact]
    public void Diverged_runs_are_listed_for_the_log_and_the_report()
    {
        using var tmp = new TempDirectory();
        var cache = new RunCache(tmp.Path, jobs: 1);
        var diverging = RunComparison.Tiny("lowrank", 12, "optimizer.learning_rate=1000", "episode.steps=50");
        cache.GetAll([diverging, RunComparison.Tiny("lowrank", 12)]);
        var d = Assert.Single(DivergedRuns.In(tmp.Path));
        Assert.Equal(Path.GetFileName(cache.DirectoryOf(diverging)), d.Name);
        var summary = RunRecord.Open(cache.DirectoryOf(diverging)).Summary;
        Assert.Equal(summary.FirstNonFiniteEpoch, d.FirstNonFiniteEpoch);
        Assert.Equal($"runs/{d.Name}: loss or gradient not finite (NaN or infinite) in {summary.NonFiniteEpochs} of 12 epochs, first at epoch {d.FirstNonFiniteEpoch}", d.ToString());
        string report = Reproduction.Report([], new ReproduceSettings(tmp.Path), cache);
        Assert.Contains("## Diverged runs", report);
        Assert.Contains($"- {d}\n", report);
        Assert.Contains("No run's loss became NaN or infinite.", Reproduction.Report([], new ReproduceSettings(tmp.File("empty")), cache));
    }
}
