using ClosedLoop.Experiments;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;
using ClosedLoop.Tests.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments;

/// <summary>
/// A reproduction's run cache: runs of a grid come back by key (a second wave planned from the first), are reused
/// when finished and continued from their checkpoints when interrupted.
/// </summary>
public class RunCacheTests
{
    private readonly record struct Key(long Seed, int? RestartFrom);

    [Fact]
    public void A_grid_comes_back_by_key_with_pairs_and_runs_planned_from_the_first_wave()
    {
        using var tmp = new TempDirectory();
        var cache = new RunCache(tmp.Path, jobs: 2);
        var grid = new RunGrid<Key>();
        foreach (long seed in new long[] { 3, 1 })
        {
            grid.AddPair(new Key(seed, null), TinyRuns.Tanh(seed, 6));
            grid.AddAfter(new Key(seed, 2), runs => runs[new Key(seed, null)].Settings with
            {
                Preset = "tanh-restart", Epochs = 3, Start = new StartFrom(Path.GetFileName(runs[new Key(seed, null)].Directory), 2),
            });
        }
        var set = cache.Obtain(grid);
        Assert.Equal([new Key(3, null), new Key(1, null), new Key(3, 2), new Key(1, 2)], set.Keys);
        foreach (long seed in new long[] { 3, 1 })
        {
            var pair = set.Pair(new Key(seed, null));
            Assert.Equal((seed, LoopMode.Closed, LoopMode.Open), (pair.Seed, pair.Closed.Settings.Mode, pair.Open.Settings.Mode));
            Assert.Equal(pair.Closed.Directory, set[new Key(seed, null)].Directory);
            var restart = set[new Key(seed, 2)];
            Assert.Equal(new StartFrom(Path.GetFileName(pair.Closed.Directory), 2), restart.Settings.Start);
            Assert.False(set.Contains(new Key(seed, 2), LoopMode.Open));
        }
        Assert.Equal(6, cache.Trained);
        Assert.Equal(6, set.Entries.Count);
        Assert.Contains(set.Entries, e => e.Key == "Key { Seed = 3, RestartFrom = 2 }" && e.Mode == LoopMode.Closed && e.Seed == 3);
        var again = new RunCache(tmp.Path, jobs: 1);
        Assert.Equal(set.Entries, again.Obtain(grid).Entries);
        Assert.Equal((0, 6), (again.Trained, again.Reused));
        Assert.Throws<KeyNotFoundException>(() => set.Open(new Key(3, 2)));
    }

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
}
