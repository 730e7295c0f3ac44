using ClosedLoop.Environments;
using ClosedLoop.Experiments;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Figures;

/// <summary>Rollouts of tracking networks through the engine, checked against docs/science/reference-values.md A8.</summary>
public class TrackingRolloutsTests
{
    /// <summary>A8 values are printed to six significant digits.</summary>
    private const double A8Tolerance = 1e-5;

    private const double Tolerance = 1e-12;

    private static readonly RunSettings Paper = Presets.Get("tracking");

    [Fact]
    public void Zero_output_loss_with_zero_phases_is_the_A8_value()
    {
        // docs/science/reference-values.md A8: training loss with all four phases 0 = 1.00027.
        var zero = TrackingRollouts.ZeroOutput(Paper);
        double loss = TrackingRollouts.FixedPhaseLoss(Paper, zero, [0, 0, 0, 0], out double max);
        Assert.Equal(1.00027, loss, A8Tolerance * 1.00027);
        Assert.Equal(0.0, max);
    }

    [Fact]
    public void Zero_output_loss_averaged_over_phases_is_the_A8_expectation()
    {
        // docs/science/reference-values.md A8: 0.1 · 2 · 2.31² · mean ramp² = 1.04178.
        var zero = TrackingRollouts.ZeroOutput(Paper);
        double loss = TrackingRollouts.PhaseAveragedLoss(Paper, zero, out _);
        Assert.Equal(1.04178, loss, A8Tolerance * 1.04178);
        double ramp2 = Enumerable.Range(0, 300).Sum(i => Paper.Reference!.Ramp(i) * Paper.Reference.Ramp(i)) / 300;
        Assert.Equal(0.1 * 2 * 2.31 * 2.31 * ramp2, loss, 1e-10);
    }

    [Fact]
    public void Zero_phase_probe_losses_and_reference_samples_are_the_A8_values()
    {
        // docs/science/reference-values.md A8: per-probe losses with phase 0 and zero-phase reference samples.
        var zero = TrackingRollouts.ZeroOutput(Paper);
        double[] expected = [2.54962, 2.57053, 2.59172, 2.60357];
        var comps = Paper.Reference!.Components.OrderBy(c => c.FrequencyHz).ToList();
        for (int i = 0; i < 4; i++)
        {
            var t = TrackingRollouts.Fixed(Paper with { Reference = Paper.Reference with { Components = [comps[i]] } }, zero, [0.0]);
            Assert.Equal(expected[i], t.SquaredError(0), A8Tolerance * expected[i]);
        }
        var all = TrackingRollouts.Fixed(Paper, zero, [0, 0, 0, 0]);
        Assert.Equal(0.457453, all.R(1, 0, Axis.X), 1e-6);
        Assert.Equal(-1.155, all.R(10, 0, Axis.Y), 1e-3);
        Assert.Equal(4.52921, all.R(299, 0, Axis.Y), 1e-5);
    }

    [Fact]
    public void Probe_rollouts_reproduce_the_probe_monitor()
    {
        // A trained smoke-size run: the probe losses recomputed from its final weights equal the monitor's last row.
        using var tmp = new ClosedLoop.Tests.Reporting.TempDirectory();
        var s = Sizing.Apply(Presets.Get("tracking") with { Epochs = 12 }, ExperimentSize.Smoke);
        var cache = new RunCache(tmp.Path, jobs: 1);
        var run = cache.Get(s);
        var probes = TrackingRollouts.Probes(s, run.Parameters());
        for (int i = 0; i < 4; i++)
        {
            double monitored = run.Column($"probe_loss_{i + 1}")[run.Epochs - 1]!.Value;
            Assert.Equal(monitored, probes[i].SquaredError(0), Tolerance * Math.Max(1, monitored));
        }
        // The evaluation rollout reproduces the run's final test loss.
        var eval = TrackingRollouts.Evaluation(s, run.Parameters());
        double test = Enumerable.Range(0, eval.Count).Average(b => eval.SquaredError(b)) * s.Objective.StepWeight;
        Assert.Equal(run.Column("test_loss")[run.Epochs - 1]!.Value, test, 1e-9);
    }

    [Fact]
    public void Non_tracking_settings_are_rejected()
    {
        var tanh = Presets.Get("tanh");
        var e = Assert.Throws<ArgumentException>(() => TrackingRollouts.Evaluation(tanh, new ClosedLoop.Controllers.NetworkParameters(tanh.Network)));
        Assert.Contains("tracking", e.Message);
    }
}
