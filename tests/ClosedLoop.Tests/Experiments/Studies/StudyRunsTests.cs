using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyRunsTests
{
    /// <summary>Same loss computed by the engine and by the reduced model from the same batch (exact reduction, float64).</summary>
    private const double ExactTolerance = 1e-9;

    private static ExperimentContext Context(string root, ExperimentSize size) => new(root, "studies-test", size, null, new RunCache(root, 1));

    [Fact]
    public void The_zero_penalty_and_fifty_step_variants_are_the_base_run_itself()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Quick);
        var baseRun = StudyRuns.RankOneBase(ctx, 2);
        Assert.Equal(1000, baseRun.Epochs);
        Assert.Equal("lowrank", baseRun.Preset);
        string dir = ctx.Runs.DirectoryOf(baseRun);
        Assert.Equal(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithBeta(x, 0))));
        Assert.Equal(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithSteps(x, 50))));
        Assert.NotEqual(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithBeta(x, 0.5))));
    }

    [Fact]
    public void At_full_size_the_published_tanh_variant_is_the_Fig1c_run()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Full);
        var tanh = StudyRuns.Variant(ctx, StudyRuns.Tanh(ctx, 1), x => StudyRuns.WithBeta(x, 0.005));
        Assert.Equal(ctx.Runs.DirectoryOf(Fig1c.Closed(ctx, 1)), ctx.Runs.DirectoryOf(tanh));
        Assert.Equal(LoopMode.Open, StudyRuns.OpenTwin(tanh).Mode);
        Assert.Equal("tanh-open", StudyRuns.OpenTwin(tanh).Preset);
    }

    [Fact]
    public void The_study_restarts_are_the_Fig4e_and_Fig5d_restarts()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Smoke);
        var run = ctx.Runs.Get(StudyRuns.RankOneBase(ctx, 0));
        Assert.Equal(ctx.Runs.DirectoryOf(RankOneBase.Settings(ctx, 0)), run.Directory);
        Assert.Equal(Fig5.Betas, BetaStudy.RestartBetas);
        var rankOne = new RankOneRun(run);
        var horizon = HorizonRestarts.Run(ctx, [0], Fig4.Lengths(ctx), [(StudyRuns.RankOneBase(ctx, 0), run)]);
        var expected = Fig4.Restarts(ctx, rankOne).Select(ctx.Runs.DirectoryOf).ToList();
        Assert.Equal(expected, horizon[0].Runs.Select(r => r.Run.Directory).ToList());
    }

    [Fact]
    public void Smoke_size_clamps_the_episode_length_of_variants()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Smoke);
        var baseRun = StudyRuns.RankOneBase(ctx, 0);
        Assert.Equal(12, StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithSteps(x, 200)).Episode.Steps);
    }

    [Fact]
    public void The_reduced_model_sees_the_engine_batch_at_epoch_zero()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Smoke);
        var s = StudyRuns.WithBeta(StudyRuns.RankOneBase(ctx, 4) with { Epochs = 3 }, 0.5);
        var run = ctx.Runs.Get(s);
        var reduced = Fig5.Reduced(new RankOneRun(run), 0, s);
        Assert.Equal(3, reduced.Losses.Length);
        Assert.Equal(1.0, reduced.Losses[0] / run.Column("loss")[0]!.Value, ExactTolerance);
        Assert.Equal(1.0, reduced.ControlLosses[0] / run.Column("control_cost")[0]!.Value, ExactTolerance);
    }
}
