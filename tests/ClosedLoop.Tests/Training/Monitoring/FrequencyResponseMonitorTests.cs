using ClosedLoop.Environments;
using ClosedLoop.Training;
using static ClosedLoop.Tests.Theory.TrackingLoopFixtures;

namespace ClosedLoop.Tests.Training.Monitoring;

public class FrequencyResponseMonitorTests
{
    [Fact]
    public void Records_gain_phase_and_cross_talk_of_the_PD_loop()
    {
        var s = TrackingRun(4);
        var monitor = new FrequencyResponseMonitor(s);
        Assert.Equal(["gain_w1", "gain_w2", "gain_w3", "gain_w4", "phase_w1", "phase_w2", "phase_w3", "phase_w4", "cross_w1", "cross_w2", "cross_w3", "cross_w4"],
            monitor.Columns.Select(c => c.Name));
        var values = new double?[12];
        monitor.Evaluate(0, PdNetwork(), values, new CheckpointArrays());
        var omegas = TrackingReference.PaperComponents.OrderBy(c => c.FrequencyHz).Select(c => c.AngularFrequency).ToList();
        for (int i = 0; i < 4; i++)
        {
            var h = PdResponse(omegas[i], LossTiming.AfterStep);
            Assert.Equal(h.Magnitude, values[i]!.Value, 12);
            Assert.Equal(h.Phase, values[4 + i]!.Value, 12);
            Assert.True(values[8 + i]!.Value < 1e-12, "the PD axes are decoupled");
        }
    }

    [Fact]
    public void Is_due_on_the_probe_schedule_and_applies_to_linear_tracking_runs_only()
    {
        var s = TrackingRun(4);
        var monitor = new FrequencyResponseMonitor(s);
        Assert.True(monitor.IsDue(0, 100) && monitor.IsDue(10, 100) && monitor.IsDue(99, 100));
        Assert.False(monitor.IsDue(5, 100));
        var plant = s.Plant.Build();
        Assert.True(FrequencyResponseMonitor.Applies(s, plant));
        Assert.False(FrequencyResponseMonitor.Applies(s with { Network = s.Network with { Activation = ClosedLoop.Controllers.Activation.Tanh } }, plant));
        Assert.False(FrequencyResponseMonitor.Applies(s with { Evaluation = s.Evaluation with { ProbeEvery = 0 } }, plant));
        Assert.False(FrequencyResponseMonitor.Applies(Presets.Get("tanh"), Presets.Get("tanh").Plant.Build()));
        Assert.Contains(Monitors.For(s), m => m is FrequencyResponseMonitor);
    }

    [Fact]
    public void Leaves_the_columns_empty_for_a_non_finite_network()
    {
        var p = PdNetwork();
        p.Readout[0] = double.NaN;
        var values = new double?[12];
        new FrequencyResponseMonitor(TrackingRun(4)).Evaluate(0, p, values, new CheckpointArrays());
        Assert.All(values, v => Assert.Null(v));
    }
}
