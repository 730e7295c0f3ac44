using ClosedLoop.Controllers;
using ClosedLoop.Experiments;
using ClosedLoop.Numerics;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments;

public class RankOneBaseTests
{
    /// <summary>Relative agreement of two float64 computations of the same linear recursion.</summary>
    private const double RolloutTolerance = 1e-10;

    [Fact]
    public void Positions_of_the_full_joint_matrix_equal_the_reduced_model_rollout()
    {
        // docs/science/analysis-maths.md §3.3: the full (N+2)-dimensional trajectory equals that of P_eff with the same order parameters.
        var net = RankOneBase.Settings(ExperimentSize.Smoke, 0).Network;
        var p = Initializer.Create(net, RandomStream.Derive(7, "test"));
        var full = RankOneBase.Positions(p, 60);
        var reduced = new RankOneModel(OrderParameters.Of(p)).Rollout(RankOneBase.PanelState, 60);
        Assert.Equal(1.0, full[0]);
        Assert.Equal(0.0, full[1]); // x1 = x0 + v0 with u0 = 0
        for (int t = 0; t < 60; t++)
            Assert.True(Math.Abs(full[t] - reduced.Position(t)) <= RolloutTolerance * Math.Max(1, Math.Abs(full[t])), $"t = {t}: {full[t]} vs {reduced.Position(t)}");
    }

    [Theory]
    [InlineData(ExperimentSize.Smoke)]
    [InlineData(ExperimentSize.Quick)]
    public void Figure_seed_is_the_first_seed_with_initial_sigma_zm_above_the_threshold(ExperimentSize size)
    {
        long seed = RankOneBase.FigureSeed(size);
        Assert.True(RankOneBase.InitialSigmaZm(RankOneBase.Settings(size, seed)) > RankOneBase.FigureSeedThreshold);
        for (long s = 0; s < seed; s++)
            Assert.True(RankOneBase.InitialSigmaZm(RankOneBase.Settings(size, s)) <= RankOneBase.FigureSeedThreshold);
    }

    [Fact]
    public void Base_run_identities_and_same_batch_restart_hold_on_a_small_run()
    {
        using var tmp = new TempDirectory();
        var ctx = new ExperimentContext(tmp.Path, "test", ExperimentSize.Smoke, 1, new RunCache(tmp.Path, 1));
        var run = new RankOneRun(RankOneBase.Runs(ctx, [0])[0]);
        // docs/science/figures-and-studies.md §3 claims 1 and 2 on every 50th epoch (here: epoch 0 and the last).
        Assert.True(RankOneBaseClaims.RootIdentityError(run) <= RankOneBaseClaims.RootTolerance);
        Assert.True(RankOneBaseClaims.LossIdentityError(run) <= RankOneBaseClaims.LossTolerance);
        // Fig. 5 claim 1: a restart from snapshot 5 and the reduced model from the same order parameters see the
        // same first batch (one train-ic stream), so their epoch-0 losses agree exactly.
        var restart = ctx.Runs.Get(RankOneBase.Restart(ctx, run.Record.Settings, 5, 3, "lowrank-test",
            s => s with { Objective = s.Objective with { Beta = 0.5 } }));
        var reduced = Fig5.Reduced(run, 5, restart.Settings);
        Assert.Equal(restart.Series("loss")[0], reduced.Losses[0], 1e-9 * Math.Abs(reduced.Losses[0]));
        // The restart really starts from snapshot 5.
        Assert.Equal(run.Order(5), OrderParameters.Of(restart.Parameters(0)));
    }

    [Fact]
    public void Landscape_theory_column_is_the_geometric_sum_and_the_grid_spans_both_signs()
    {
        var grid = StageOneLandscape.Grid();
        Assert.Equal(200, grid.Length);
        Assert.Equal(-0.5, grid[0]);
        Assert.Equal(0.3, grid[^1]);
        Assert.DoesNotContain(0.0, grid);
        var net = RankOneBase.Settings(ExperimentSize.Smoke, 0).Network;
        var d = StageOneLandscape.Compute(net, 0, [-0.1, 0.1]);
        // docs/science/reference-values.md A4: formula ln ℒ = 11.2357 at −0.1 and 55.1217 at +0.1.
        Assert.Equal(11.2357, d.LnTheory[0], 4);
        Assert.Equal(55.1217, d.LnTheory[1], 4);
        Assert.True(d.LnSimulated[1] > d.LnSimulated[0]);
    }
}
