using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Runs.Scheduling;

public class RunStoreTests
{
    [Fact]
    public void The_state_of_a_run_is_read_from_its_directory()
    {
        using var tmp = new TempDirectory();
        var store = new RunStore(tmp.Path);
        var s = TinyRuns.Tanh(0);
        string name = RunNaming.NameOf(s), dir = store.DirectoryOf(name);
        Assert.Equal(RunState.Missing, store.StateOf(name));
        using (DirectoryLock.Acquire(dir, "a test"))
        {
            Assert.Equal(RunState.Running, store.StateOf(name)); // a live lock: somebody trains it
        }
        Assert.Equal(RunState.Missing, store.StateOf(name)); // an empty directory: never started
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), "epoch\n0\n");
        Assert.Equal(RunState.Failed, store.StateOf(name)); // partial and nobody holds it: interrupted
        Assert.Equal(RunAcquisition.Trained, store.Train(name, s, null, 1));
        Assert.Equal(RunState.Done, store.StateOf(name));
        store.RecordFailure(name, new RunFailure("analysis failed", "host", DateTime.UtcNow));
        Assert.Equal(RunState.Failed, store.StateOf(name)); // a recorded failure wins over the manifest
        Assert.Equal("analysis failed", store.FailureOf(name)!.Error);
        store.ClearFailure(name);
        Assert.Equal(RunState.Done, store.StateOf(name));
    }

    [Fact]
    public void A_finished_run_is_reused_and_an_interrupted_one_is_trained_again_to_the_same_bytes()
    {
        using var tmp = new TempDirectory();
        var store = new RunStore(tmp.Path);
        var s = TinyRuns.Tanh(1);
        string name = RunNaming.NameOf(s), dir = store.DirectoryOf(name);
        Assert.Equal(RunAcquisition.Trained, store.Train(name, s, null, 1));
        byte[] metrics = File.ReadAllBytes(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(RunAcquisition.Reused, store.Train(name, s, null, 1));
        File.Delete(Path.Combine(dir, "manifest.json")); // as if killed before the manifest
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), "half a file");
        Assert.Equal(RunAcquisition.Trained, store.Train(name, s, null, 2));
        Assert.Equal(metrics, File.ReadAllBytes(Path.Combine(dir, "metrics.csv")));
    }

    [Fact]
    public async Task A_run_held_by_another_driver_is_waited_for_then_reused_without_training_it_again()
    {
        using var tmp = new TempDirectory();
        var store = new RunStore(tmp.Path);
        var s = TinyRuns.Tanh(2);
        string name = RunNaming.NameOf(s), dir = store.DirectoryOf(name);
        store.Train(name, s, null, 1);
        string manifest = File.ReadAllText(Path.Combine(dir, "manifest.json"));
        File.Move(Path.Combine(dir, "manifest.json"), tmp.File("manifest.json"));
        var other = DirectoryLock.Acquire(dir, "another driver"); // "training" it: the run is incomplete and locked
        var waiting = Task.Run(() => store.Train(name, s, null, 1));
        await Task.Delay(3 * RunStore.PollInterval);
        Assert.False(waiting.IsCompleted); // it waits instead of training (or failing)
        File.Move(tmp.File("manifest.json"), Path.Combine(dir, "manifest.json")); // the other driver finishes
        other.Dispose();
        Assert.Equal(RunAcquisition.Reused, await waiting.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(dir, "manifest.json")));
    }

    [Fact]
    public void An_open_run_names_its_cached_teacher_relative_to_itself()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(3, mode: ClosedLoop.Training.LoopMode.Open)]);
        var store = plan.Store;
        store.Train(plan.Runs[0].Name, plan.Runs[0].Settings, null, 1);
        store.Train(plan.Runs[1].Name, plan.Runs[1].Settings, plan.Runs[0].Name, 1);
        var summary = RunRecord.Open(plan.DirectoryOf(1)).Summary;
        Assert.Equal("../" + plan.Runs[0].Name, summary.Teacher); // the same bytes wherever the runs folder is
    }
}
