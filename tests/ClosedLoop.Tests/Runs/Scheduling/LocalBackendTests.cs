using ClosedLoop.Runs;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs.Scheduling;

public class LocalBackendTests
{
    [Fact]
    public void Every_run_is_trained_once_each_student_after_its_teacher_whatever_the_number_of_workers()
    {
        using var one = new TempDirectory();
        using var three = new TempDirectory();
        var settings = Enumerable.Range(0, 3).Select(k => TinyRuns.Tanh(k, mode: LoopMode.Open)).ToList();
        var a = TinyRuns.Plan(one.Path, settings);
        var b = TinyRuns.Plan(three.Path, settings);
        var ra = new LocalBackend(1).Run(a, [.. Enumerable.Range(0, a.Runs.Count)]);
        var rb = new LocalBackend(3).Run(b, [.. Enumerable.Range(0, b.Runs.Count)]);
        Assert.Equal(6, ra.Trained);
        Assert.Equal(6, rb.Trained);
        foreach (var run in a.Runs) // a student started before its teacher finished would fail: none did, and the bytes agree
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.DirectoryOf(run.Index), "metrics.csv")), File.ReadAllBytes(Path.Combine(b.DirectoryOf(run.Index), "metrics.csv")));
        Assert.Equal(6, new LocalBackend(2).Run(a, [.. Enumerable.Range(0, a.Runs.Count)]).Reused);
    }

    [Fact]
    public void A_failed_teacher_fails_its_student_with_a_record_and_the_other_runs_go_on()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(0, mode: LoopMode.Open), TinyRuns.Tanh(1)]);
        Directory.CreateDirectory(plan.Store.Root);
        File.WriteAllText(plan.DirectoryOf(0), "a file where the teacher's directory should be");
        var result = new LocalBackend(2).Run(plan, [0, 1, 2]);
        Assert.Equal([0, 2], result.Failed.Select(r => r.Index));
        Assert.Equal(1, result.Trained);
        Assert.Equal(RunState.Failed, plan.Store.StateOf(plan.Runs[2].Name));
        Assert.Contains($"its teacher, run 0 ({plan.Runs[0].Name}), did not finish", plan.Store.FailureOf(plan.Runs[2].Name)!.Error);
        Assert.NotNull(plan.Store.FailureOf(plan.Runs[0].Name));
        Assert.Equal(RunState.Done, plan.Store.StateOf(plan.Runs[1].Name));
        File.Delete(plan.DirectoryOf(0));
        Assert.Equal(2, new LocalBackend(2).Run(plan, plan.Unfinished()).Trained); // called again: only what failed, and the records go
        Assert.All(plan.Runs, r => Assert.Null(plan.Store.FailureOf(r.Name)));
    }

    [Fact]
    public void Cancelling_interrupts_the_runs_in_progress_records_them_and_starts_no_other()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(0, epochs: 100000), TinyRuns.Tanh(1)]);
        using var cancel = new CancellationTokenSource();
        var result = new LocalBackend(1, _ => new CancelAtEpoch(cancel, 5)).Run(plan, [0, 1], cancel.Token);
        Assert.Equal([0], result.Results.Select(r => r.Index)); // run 1 never started
        Assert.Equal(RunAcquisition.Failed, result.Results[0].How);
        Assert.StartsWith("interrupted", plan.Store.FailureOf(plan.Runs[0].Name)!.Error);
        Assert.Equal(RunState.Missing, plan.Store.StateOf(plan.Runs[1].Name));
    }

    [Fact]
    public void The_analyze_follow_up_writes_the_stages_once()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(0, epochs: 30)], FollowUp.Analyze);
        Assert.Equal(1, new LocalBackend(1).Run(plan, [0]).Trained);
        var summary = RunRecord.Open(plan.DirectoryOf(0)).Summary;
        Assert.NotNull(summary.Stages);
        string stages = Path.Combine(plan.DirectoryOf(0), "analysis", "stages.json");
        var written = File.GetLastWriteTimeUtc(stages);
        Assert.Equal(1, new LocalBackend(1).Run(plan, [0]).Reused);
        Assert.Equal(written, File.GetLastWriteTimeUtc(stages)); // a finished analysis is not redone
    }

    private sealed class CancelAtEpoch(CancellationTokenSource cancel, int epoch) : IRunObserver
    {
        public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns) { }

        public void OnEpoch(EpochRecord record)
        {
            if (record.Epoch == epoch) cancel.Cancel();
        }

        public void OnSnapshot(int epoch, ClosedLoop.Controllers.NetworkParameters parameters) { }
    }
}
