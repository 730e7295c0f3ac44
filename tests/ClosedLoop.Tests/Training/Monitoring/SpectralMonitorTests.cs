using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training.Monitoring;

public class SpectralMonitorTests
{
    private const double RoundingTolerance = 1e-12;

    private static RunSettings Small(string preset, JacobianPoint at, Func<NetworkSettings, NetworkSettings>? net = null) =>
        Presets.Get(preset) with
        {
            Network = (net ?? (n => n))(Presets.Get(preset).Network with { Hidden = 8 }),
            Episode = Presets.Get(preset).Episode with { Steps = 12 },
            Evaluation = Presets.Get(preset).Evaluation with { Jacobian = new JacobianSettings { At = at }, Spectra = SpectrumKinds.Joint },
        };

    private static (double?[] Values, IReadOnlyList<MetricColumn> Columns) Evaluate(RunSettings s, NetworkParameters p)
    {
        var monitor = new SpectralMonitor(s, new EvaluationRollout(s));
        var values = new double?[monitor.Columns.Count];
        monitor.Evaluate(0, p, values, new CheckpointArrays());
        return (values, monitor.Columns);
    }

    [Theory]
    [InlineData(JacobianPoint.MeanState)]
    [InlineData(JacobianPoint.Trajectory)]
    public void A_linear_agent_has_the_spectral_radius_of_P_at_every_operating_point(JacobianPoint at)
    {
        var s = Small("repro-lowrank", at);
        var p = Initializer.Create(s.Network, new RandomStream(3));
        var (values, columns) = Evaluate(s, p);
        double rho = Spectrum.Of(JointMatrix.Build(s.Plant.BuildLinear(), p)).Radius;
        Assert.Equal(rho, values[0]!.Value, RoundingTolerance);
        Assert.Equal(at == JacobianPoint.Trajectory, columns.Any(c => c.Name == "jacobian_step"));
    }

    [Fact]
    public void Relu_has_no_spectral_radius_at_the_origin_and_one_at_the_mean_state()
    {
        RunSettings Relu(JacobianPoint at) => Small("repro-main", at, n => n with { Activation = Activation.Relu });
        var p = Initializer.Create(Relu(JacobianPoint.Origin).Network, new RandomStream(5));
        Assert.Null(Evaluate(Relu(JacobianPoint.Origin), p).Values[0]);
        Assert.True(Evaluate(Relu(JacobianPoint.MeanState), p).Values[0] is > 0);
        var (traj, _) = Evaluate(Relu(JacobianPoint.Trajectory), p);
        Assert.True(traj[0] is > 0 && traj[7] is >= 0 and < 12);
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("ring-simple")]
    [InlineData("ring-hard")]
    [InlineData("ring-hard-tanh")]
    public void The_generalisation_presets_record_the_jacobian_at_the_origin(string preset)
    {
        var s = Small(preset, JacobianPoint.Origin);
        var p = Initializer.Create(s.Network, new RandomStream(1));
        var (values, _) = Evaluate(s, p);
        Assert.True(new JointJacobian(s.Plant.Build(), p).TryAtOrigin(out var j));
        Assert.Equal(Spectrum.Of(j).Radius, values[0]!.Value, RoundingTolerance);
    }
}
