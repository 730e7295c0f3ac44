using ClosedLoop.Controllers;
using ClosedLoop.Experiments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Common;

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
}
