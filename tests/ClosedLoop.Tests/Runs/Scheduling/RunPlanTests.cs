using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs.Scheduling;

public class RunPlanTests
{
    [Fact]
    public void A_plan_lists_each_run_once_with_closed_runs_and_teachers_before_the_students()
    {
        var settings = new[] { TinyRuns.Tanh(0, mode: LoopMode.Open), TinyRuns.Tanh(1), TinyRuns.Tanh(0), TinyRuns.Tanh(1, mode: LoopMode.Open), TinyRuns.Tanh(1) };
        var plan = TinyRuns.Plan("/tmp/x", settings);
        Assert.Equal(["closed 0", "closed 1", "open 0", "open 1"], plan.Runs.Select(r => $"{(r.Settings.Mode == LoopMode.Open ? "open" : "closed")} {r.Settings.Seed}"));
        Assert.Equal([null, null, 0, 1], plan.Runs.Select(r => r.Teacher));
        Assert.All(plan.Runs, r => Assert.Equal(RunNaming.NameOf(r.Settings), r.Name));
    }

    [Fact]
    public void A_plan_refuses_duplicate_runs_and_teachers_that_are_not_earlier_closed_runs()
    {
        var store = new RunStore("/tmp/x");
        var a = new PlannedRun(0, "a", TinyRuns.Tanh(0));
        Assert.Contains("are the same run", Assert.Throws<ArgumentException>(() => new RunPlan(store, [a, a with { Index = 1 }])).Message);
        var open = new PlannedRun(1, "b", TinyRuns.Tanh(0, mode: LoopMode.Open));
        Assert.Contains("without a teacher", Assert.Throws<ArgumentException>(() => new RunPlan(store, [a, open])).Message);
        Assert.Contains("earlier closed-loop run", Assert.Throws<ArgumentException>(() => new RunPlan(store, [a, open with { Teacher = 1 }])).Message);
        Assert.Contains("indices must be", Assert.Throws<ArgumentException>(() => new RunPlan(store, [a with { Index = 3 }])).Message);
    }

    [Fact]
    public void A_plan_file_reads_back_the_same_runs_settings_teachers_and_follow_up()
    {
        using var tmp = new TempDirectory();
        var plan = TinyRuns.Plan(tmp.Path, [TinyRuns.Tanh(4, 12, LoopMode.Open, "objective.beta=0.125"), TinyRuns.Tanh(5)], FollowUp.Analyze);
        string planDir = tmp.File("slurm/batch-0001");
        RunPlanFile.Write(planDir, plan);
        Assert.Contains("\"directory\": \"../../runs/tanh-closed-seed4-", File.ReadAllText(Path.Combine(planDir, RunPlanFile.FileName)));
        var back = RunPlanFile.Read(planDir);
        Assert.Equal(FollowUp.Analyze, back.FollowUp);
        Assert.Equal(Path.GetFullPath(plan.Store.Root), back.Store.Root);
        Assert.Equal(plan.Runs.Select(r => (r.Index, r.Name, r.Teacher)), back.Runs.Select(r => (r.Index, r.Name, r.Teacher)));
        // the settings survive the round trip exactly: the name is a hash of them
        Assert.Equal(plan.Runs.Select(r => r.Name), back.Runs.Select(r => RunNaming.NameOf(r.Settings)));
    }

    [Fact]
    public void A_plan_file_that_is_not_one_is_refused_with_its_path()
    {
        using var tmp = new TempDirectory();
        Assert.Contains("holds no sweep", Assert.Throws<ArgumentException>(() => RunPlanFile.Read(tmp.Path)).Message);
        File.WriteAllText(tmp.File(RunPlanFile.FileName), "{\"format\": \"closedloop-sweep/1\", \"runs\": [{\"index\": 0, \"directory\": \"runs/a\", \"settings\": {\"epochs\": \"many\"}}]}");
        var e = Assert.Throws<ArgumentException>(() => RunPlanFile.Read(tmp.Path));
        Assert.Contains("is not a readable sweep plan", e.Message);
    }
}
