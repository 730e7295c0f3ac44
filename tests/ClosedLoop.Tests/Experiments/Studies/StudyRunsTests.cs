using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Experiments.Studies;

public class StudyRunsTests
{
    private static ExperimentContext Context(string root, ExperimentSize size) => new(root, "studies-test", size, null, new RunCache(root, 1));

    [Fact]
    public void The_zero_penalty_and_fifty_step_variants_are_the_base_run_itself()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Quick);
        var baseRun = RankOneBase.Settings(ctx, 2);
        Assert.Equal(1000, baseRun.Epochs);
        Assert.Equal("lowrank", baseRun.Preset);
        string dir = ctx.Runs.DirectoryOf(baseRun);
        Assert.Equal(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithBeta(x, 0))));
        Assert.Equal(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithSteps(x, HorizonStudy.BaseSteps))));
        Assert.NotEqual(dir, ctx.Runs.DirectoryOf(StudyRuns.Variant(ctx, baseRun, x => StudyRuns.WithBeta(x, 0.5))));
    }

    [Fact]
    public void At_full_size_the_published_tanh_variant_is_the_Fig1c_run()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Full);
        var tanh = StudyRuns.Variant(ctx, TanhBase.StudySettings(ctx, 1), x => StudyRuns.WithBeta(x, 0.005));
        Assert.Equal(ctx.Runs.DirectoryOf(TanhBase.Settings(ctx, 1)), ctx.Runs.DirectoryOf(tanh));
        var quick = Context(tmp.Path, ExperimentSize.Quick);
        Assert.Equal(601, TanhBase.StudySettings(quick, 1).Epochs);
    }

    [Fact]
    public void Smoke_size_clamps_the_episode_length_of_variants()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path, ExperimentSize.Smoke);
        Assert.Equal(12, StudyRuns.Variant(ctx, RankOneBase.Settings(ctx, 0), x => StudyRuns.WithSteps(x, 200)).Episode.Steps);
    }
}
