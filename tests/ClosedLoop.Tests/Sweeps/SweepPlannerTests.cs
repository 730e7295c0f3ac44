using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Sweeps;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Sweeps;

public class SweepPlannerTests
{
    private static SweepPlan Plan(string json, string dir = "/tmp/sweep") => SweepPlanner.Plan(SweepSpec.Parse(json), dir);

    [Fact]
    public void Points_are_the_grid_product_with_the_first_key_slowest_times_the_zip_tuples()
    {
        var points = SweepPlanner.Points(SweepSpec.Parse("""{"grid": {"a.x": [1, 2], "b.y": ["p", "q", "r"]}, "zip": {"c.z": [7, 8], "d.w": [true, false]}}"""));
        Assert.Equal(12, points.Count);
        Assert.Equal(["1", "\"p\"", "7", "true"], points[0].Values.Select(SweepSpec.Show));
        Assert.Equal(["1", "\"p\"", "8", "false"], points[1].Values.Select(SweepSpec.Show));
        Assert.Equal(["1", "\"q\"", "7", "true"], points[2].Values.Select(SweepSpec.Show));
        Assert.Equal(["2", "\"r\"", "8", "false"], points[11].Values.Select(SweepSpec.Show));
    }

    [Fact]
    public void Every_point_seed_and_mode_is_one_run_with_the_settings_train_would_build()
    {
        var sweep = Plan("""
            {"preset": "tanh", "epochs": 7, "set": {"network.hidden": 6, "episode.batch": 5},
             "grid": {"objective.beta": [0, 0.25], "optimizer.kind": ["sgd", "adam"]}, "seeds": [3, 4], "modes": ["closed", "open"]}
            """);
        Assert.Equal(16, sweep.Runs.Count);
        Assert.All(sweep.Runs.Take(8), r => Assert.Equal(LoopMode.Closed, r.Mode)); // closed runs first
        for (int i = 0; i < 8; i++)
        {
            var open = sweep.Runs[8 + i];
            var teacher = sweep.Plan.Runs[8 + i].Teacher!.Value;
            Assert.Equal((open.Point, open.Seed), (sweep.Runs[teacher].Point, sweep.Runs[teacher].Seed));
            Assert.Equal(RunNaming.NameOf(RunNaming.TeacherOf(sweep.Plan.Runs[8 + i].Settings)), sweep.Plan.Runs[teacher].Name);
        }
        var point3 = sweep.Runs.First(r => r.Point == 3 && r.Seed == 4 && r.Mode == LoopMode.Closed);
        var expected = RunConfig.FromPreset("tanh", ["network.hidden=6", "episode.batch=5", "objective.beta=0.25", "optimizer.kind=adam", "epochs=7", "seed=4"]);
        Assert.Equal(RunNaming.NameOf(expected), sweep.Plan.Runs[point3.Index].Name);
        Assert.Equal(Path.Combine("/tmp/sweep", "runs"), sweep.Plan.Store.Root);
    }

    [Fact]
    public void An_open_only_sweep_still_plans_the_teachers_and_a_config_sets_the_base()
    {
        var sweep = Plan("""{"config": {"preset": "tanh", "network": {"hidden": 6}}, "modes": ["open"], "seeds": [0, 1]}""");
        Assert.Equal([LoopMode.Closed, LoopMode.Closed, LoopMode.Open, LoopMode.Open], sweep.Runs.Select(r => r.Mode));
        Assert.All(sweep.Plan.Runs, r => Assert.Equal(6, r.Settings.Network.Hidden));
        Assert.Equal(LoopMode.Open, Plan("""{"preset": "tanh-open"}""").Runs[^1].Mode); // default: the preset's mode
    }

    [Theory]
    [InlineData("""{"grid": {"objective.beta": [0, -1]}}""", "spec point 1 (objective.beta=-1), seed 0: objective.beta = -1 is not allowed: it must be >= 0 and finite")]
    [InlineData("""{"grid": {"objective.betta": [0]}}""", "spec point 0 (objective.betta=0), seed 0: setting 'objective.betta' is not known")]
    [InlineData("""{"set": {"episode.batch": "many"}}""", "spec, seed 0: episode.batch = 'many' is not allowed")]
    [InlineData("""{"preset": "tahn"}""", "preset = 'tahn' is not known")]
    [InlineData("""{"seeds": {"from": 0, "count": 10000}, "zip": {"objective.beta": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}}""", "the spec plans 1.1E+05 runs (points x seeds x modes): at most 100000 are allowed")]
    [InlineData("""{"grid": {"objective.beta": [0.1]}, "zip": {"optimizer.learning_rate": [0.01, 0.010]}}""", "zip lists the values (0.010) twice")]
    public void A_value_a_run_would_reject_fails_the_plan_naming_point_and_key(string json, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Plan(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_sweep_file_reads_back_the_same_plan()
    {
        using var tmp = new TempDirectory();
        var sweep = Plan("""{"set": {"network.hidden": 6}, "grid": {"evaluation.horizons": [[], [50, 100]]}, "seeds": [1], "modes": ["closed", "open"], "analyze": true, "metric": "min_loss"}""", tmp.Path);
        SweepFile.Write(tmp.Path, sweep);
        var back = SweepFile.Read(tmp.Path);
        Assert.True(SweepFile.SameRuns(sweep, back));
        Assert.Equal(sweep.Varied, back.Varied);
        Assert.Equal(sweep.Points.Select(p => string.Join(",", p.Values.Select(SweepSpec.Show))), back.Points.Select(p => string.Join(",", p.Values.Select(SweepSpec.Show))));
        Assert.Equal(sweep.Runs, back.Runs);
        Assert.Equal("min_loss", back.Metric);
        Assert.Equal(FollowUp.Analyze, back.Plan.FollowUp);
        Assert.False(SweepFile.SameRuns(sweep, Plan("""{"set": {"network.hidden": 7}, "grid": {"evaluation.horizons": [[], [50, 100]]}, "seeds": [1], "modes": ["closed", "open"], "analyze": true}""", tmp.Path)));
    }
}
