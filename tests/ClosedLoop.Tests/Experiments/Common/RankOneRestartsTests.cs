using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Common;

public class RankOneRestartsTests
{
    /// <summary>Same loss computed by the engine and by the reduced model from the same batch (exact reduction, float64).</summary>
    private const double ExactTolerance = 1e-9;

    private static ExperimentContext Context(string root) => new(root, "test", ExperimentSize.Smoke, 1, new RunCache(root, 1));

    [Fact]
    public void A_restart_starts_from_its_snapshot_and_sees_the_base_runs_first_batch()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path);
        var run = new RankOneRun(ctx.Runs.Get(RankOneBase.Settings(ctx, 0)));
        // docs/science/figures-and-studies.md §3 claims 1 and 2 on every 50th epoch (here: epoch 0 and the last).
        Assert.True(Fig3Measures.RootIdentityError(run) <= Fig3Claims.RootTolerance);
        Assert.True(Fig3Measures.LossIdentityError(run) <= Fig3Claims.LossTolerance);
        // Fig. 5 claim 1: a restart from snapshot 5 and the reduced model from the same order parameters see the
        // same first batch (one train-ic stream), so their epoch-0 losses agree exactly.
        var restart = ctx.Runs.Get(RankOneRestarts.From(ctx, run.Record.Settings, 5, 3, "lowrank-test",
            s => s with { Objective = s.Objective with { Beta = 0.5 } }));
        var reduced = RankOneRestarts.Reduced(run, 5, restart.Settings);
        Assert.Equal(3, reduced.Losses.Length);
        Assert.Equal(1.0, reduced.Losses[0] / restart.Series("loss")[0], ExactTolerance);
        Assert.Equal(1.0, reduced.ControlLosses[0] / restart.Series("control_cost")[0], ExactTolerance);
        Assert.Equal(run.Order(5), OrderParameters.Of(restart.Parameters(0)));
    }

    [Fact]
    public void Negative_restart_epochs_are_refused()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path);
        var e = Assert.Throws<ArgumentException>(() => RankOneRestarts.From(ctx, RankOneBase.Settings(ctx, 0), -1, 3, "x"));
        Assert.Contains("restart epoch = -1", e.Message);
    }

    [Fact]
    public void The_studies_restart_the_same_runs_as_figs_4e_and_5d()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp.Path);
        var baseRun = ctx.Runs.Get(RankOneBase.Settings(ctx, 0));
        // The second wave of each grid, planned from the same finished base run.
        var fig4 = new Fig4().Plan(ctx).Later.Where(l => l.Key.Seed == 0).Select(l => l.Settings(new RunSet<Fig4.Key>([(new Fig4.Key(0, null), baseRun)])));
        var horizon = new HorizonStudy().Plan(ctx).Later.Where(l => l.Key.Seed == 0)
            .Select(l => l.Settings(new RunSet<HorizonStudy.Key>([(new HorizonStudy.Key("B", 0, HorizonStudy.BaseSteps), baseRun)])));
        Assert.Equal(fig4.Select(ctx.Runs.DirectoryOf), horizon.Select(ctx.Runs.DirectoryOf));
        var fig5 = new Fig5().Plan(ctx).Later.Where(l => l.Key.Seed == 0).Select(l => l.Settings(new RunSet<Fig5.Key>([(new Fig5.Key(0, null), baseRun)])));
        var beta = new BetaStudy().Plan(ctx).Later.Where(l => l.Key.Seed == 0)
            .Select(l => l.Settings(new RunSet<BetaStudy.Key>([(new BetaStudy.Key("B", 0, 0), baseRun)])));
        Assert.Equal(fig5.Select(ctx.Runs.DirectoryOf), beta.Select(ctx.Runs.DirectoryOf));
        Assert.Equal(RankOneRestarts.Lengths(ctx).Count, fig4.Count());
    }
}
