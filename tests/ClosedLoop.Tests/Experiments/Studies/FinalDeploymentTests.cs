using ClosedLoop.Controllers;
using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

public class FinalDeploymentTests
{
    /// <summary>Relative agreement of two float64 computations of the same rollout (docs/science/analysis-maths.md §3.3: the reduction is exact).</summary>
    private const double ExactTolerance = 1e-9;

    private static RunSettings SmallRankOne() => Sizing.Apply(Presets.Get("lowrank") with { Seed = 3 }, ExperimentSize.Smoke);

    [Fact]
    public void Full_rank_one_network_and_its_reduced_model_deploy_identically()
    {
        var s = SmallRankOne();
        var p = Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init());
        foreach (int horizon in new[] { 1, 12, 50 })
        {
            var full = FinalDeployment.Of(s, p, horizon);
            var reduced = FinalDeployment.OfReduced(OrderParameters.Of(p), FinalDeployment.InitialStates(s, p), horizon, s.Episode.Steps);
            Assert.Equal(1.0, reduced.StateLoss / full.StateLoss, ExactTolerance);
            Assert.Equal(1.0, reduced.ControlEnergy / full.ControlEnergy, ExactTolerance);
            Assert.Equal(horizon, full.Horizon);
        }
    }

    [Fact]
    public void Without_control_the_deployed_loss_is_the_free_double_integrator_drift()
    {
        var s = SmallRankOne();
        var p = Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init());
        Array.Clear(p.Readout);
        const int horizon = 40;
        var d = FinalDeployment.Of(s, p, horizon);
        var x0 = FinalDeployment.InitialStates(s, p);
        Assert.Equal(2 * s.Evaluation.Count, x0.Length);
        double expected = 0;
        for (int b = 0; b < s.Evaluation.Count; b++)
            for (int t = 0; t < horizon; t++)
            {
                double x = x0[2 * b] + t * x0[2 * b + 1], v = x0[2 * b + 1];
                expected += x * x + v * v;
            }
        expected /= s.Evaluation.Count * horizon;
        Assert.Equal(1.0, d.StateLoss / expected, ExactTolerance);
        Assert.Equal(0.0, d.ControlEnergy);
        Assert.All(x0, v => Assert.InRange(v, -2.0, 2.0));
    }

    [Fact]
    public void Bad_horizons_and_initial_states_are_rejected_with_the_field()
    {
        var s = SmallRankOne();
        var p = Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init());
        Assert.Contains("horizon", Assert.Throws<ArgumentException>(() => FinalDeployment.Of(s, p, 0)).Message);
        Assert.Contains("initialStates", Assert.Throws<ArgumentException>(() => FinalDeployment.OfReduced(OrderParameters.Of(p), [1.0, 2.0, 3.0], 5, 5)).Message);
    }
}
