using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs.Slurm;

public class SlurmBackendTests
{
    private static readonly SlurmSettings Settings = new(["/usr/bin/dotnet", "/opt/closedloop.dll"], MaxParallel: 4);

    [Fact]
    public void Students_go_in_a_second_array_after_their_teachers_and_the_collect_job_after_both()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, Enumerable.Range(0, 3).Select(k => TinyRuns.Tanh(k, mode: LoopMode.Open)));
        var jobs = SlurmBackend.Prepare(Settings, tmp.Path, tmp.File("slurm"), plan, [0, 1, 2, 3, 4, 5], collect: true, number: 1);
        Assert.Equal([SlurmJobKind.Runs, SlurmJobKind.Students, SlurmJobKind.Collect], jobs.Select(j => j.Kind));
        Assert.Contains("#SBATCH --array=0-2%4\n", jobs[0].ScriptText);
        Assert.Contains("#SBATCH --array=3-5%4\n", jobs[1].ScriptText);
        Assert.Equal([0], jobs[1].AfterRequests);
        Assert.Equal([0, 1], jobs[2].AfterRequests);
        Assert.Equal("slurm/logs/%A_%a.out", jobs[0].LogPattern);
        Assert.Contains("--dependency=afterany:<job 1>:<job 2>", SlurmBackend.Describe(jobs));
        Assert.Empty(tmp.ListFiles()); // preparing writes nothing
    }

    [Fact]
    public void Scripts_carry_no_setting_of_any_run()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(0) with { Preset = "$(touch /tmp/pwned)" }]);
        var jobs = SlurmBackend.Prepare(Settings, tmp.Path, tmp.File("slurm"), plan, [0], collect: true, number: 1);
        Assert.All(jobs, j => Assert.DoesNotContain("pwned", j.ScriptText + string.Join(' ', j.Arguments)));
        Assert.All(jobs, j => Assert.DoesNotContain("episode", j.ScriptText));
    }

    [Fact]
    public void A_student_whose_teacher_is_done_goes_in_the_first_array_and_one_whose_teacher_is_queued_waits_for_its_job()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, Enumerable.Range(0, 2).Select(k => TinyRuns.Tanh(k, mode: LoopMode.Open)));
        var done = SlurmBackend.Prepare(Settings, tmp.Path, tmp.File("slurm"), plan, [2], collect: false, number: 2);
        Assert.Equal([SlurmJobKind.Runs], done.Select(j => j.Kind));
        Assert.Contains("#SBATCH --array=2%4\n", done[0].ScriptText);
        var queued = SlurmBackend.Prepare(Settings, tmp.Path, tmp.File("slurm"), plan, [3], collect: false, number: 2, new Dictionary<int, long> { [1] = 42 });
        Assert.Equal([SlurmJobKind.Students], queued.Select(j => j.Kind));
        Assert.Equal([42L], queued[0].AfterJobs);
    }

    [Fact]
    public void More_runs_than_an_array_may_hold_are_split_into_arrays_with_an_index_offset()
    {
        using var tmp = new TempDirectory();
        var store = new RunStore(tmp.File("runs"));
        var s = TinyRuns.Tanh(0);
        var runs = Enumerable.Range(0, 1500).Select(i => new PlannedRun(i, $"run{i}", s)).ToList();
        var jobs = SlurmBackend.Prepare(Settings, tmp.Path, tmp.File("slurm"), new RunPlan(store, runs), [.. Enumerable.Range(0, 1500)], collect: false, number: 1);
        Assert.Equal(2, jobs.Count);
        Assert.Contains("#SBATCH --array=0-999%4\n", jobs[0].ScriptText);
        Assert.Contains("#SBATCH --array=0-499%4\n", jobs[1].ScriptText);
        Assert.Contains("'--task' \"$((SLURM_ARRAY_TASK_ID + 1000))\"", jobs[1].ScriptText);
        Assert.Equal(1000, jobs[1].Offset);
        Assert.Equal("slurm/logs/77_3.out", new SlurmJob(SlurmJobKind.Runs, 77, 1000, [1003], "x", jobs[1].LogPattern).LogOf(1003));
    }

    [Fact]
    public void Directories_a_script_cannot_carry_are_refused()
    {
        Assert.Contains("'%'", Assert.Throws<ArgumentException>(() => SlurmBackend.CheckPath("/tmp/100%")).Message);
        Assert.Contains("control character", Assert.Throws<ArgumentException>(() => SlurmBackend.CheckPath("/tmp/a\nb")).Message);
        Assert.Equal("/tmp/it's here", SlurmBackend.CheckPath("/tmp/it's here"));
    }

    [Fact]
    public void Without_sbatch_on_path_the_slurm_backend_is_bad_input()
    {
        var e = Assert.Throws<ArgumentException>(() => SlurmClient.Require(searchPath: ""));
        Assert.StartsWith("--backend slurm needs sbatch on PATH", e.Message);
        Assert.Contains("filesystem that every node sees", e.Message);
    }
}
