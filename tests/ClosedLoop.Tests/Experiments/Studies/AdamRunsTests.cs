using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Studies;

public class AdamRunsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Largest_rise_sees_a_peak_below_the_initial_loss()
    {
        // §D2-like: 96918 → 733 → peak 508266; and a peak (6000) that stays below the initial 30000.
        Assert.Equal(508266 / 733.0, AdamMeasures.LargestRise([96918, 1460, 733, 1952, 508266, 6.34]), Tolerance);
        Assert.Equal(6000 / 190.0, AdamMeasures.LargestRise([30000, 190, double.NaN, 6000, 7]), Tolerance);
        Assert.Equal(1.0, AdamMeasures.LargestRise([5, 4, 3]), Tolerance);
        Assert.True(double.IsNaN(AdamMeasures.LargestRise([double.NaN])));
    }

    [Fact]
    public void Sgd_configurations_are_the_shared_base_runs_and_adam_ones_change_only_the_optimiser()
    {
        using var tmp = new ClosedLoop.Tests.Reporting.TempDirectory();
        var ctx = new ExperimentContext(tmp.Path, "adam", ExperimentSize.Quick, null, new RunCache(tmp.Path, 1));
        string Dir(ClosedLoop.Training.RunSettings s) => ctx.Runs.DirectoryOf(s);
        Assert.Equal(Dir(RankOneBase.Settings(ctx, 3)), Dir(AdamConfig.All.Single(c => c.Label == "rank1-sgd").Closed(ctx, 3)));
        Assert.Equal(Dir(TanhBase.Settings(ctx, 3)), Dir(AdamConfig.All.Single(c => c.Label == "tanh-sgd").Closed(ctx, 3)));
        var adam = AdamConfig.All.Single(c => c.Label == "rank1-adam-1e-2").Closed(ctx, 3);
        Assert.Equal("lowrank-adam-1e-2", adam.Preset);
        Assert.Equal(Dir(RankOneBase.Settings(ctx, 3) with { Preset = adam.Preset, Optimizer = adam.Optimizer }), Dir(adam));
        Assert.Equal((ClosedLoop.Training.Optimizers.OptimizerKind.Adam, 1e-2), (adam.Optimizer.Kind, adam.Optimizer.LearningRate));
    }
}
