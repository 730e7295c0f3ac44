using ClosedLoop.Controllers;
using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Theory;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class ProtocolBaselineTests
{
    [Theory]
    [InlineData("repro-main")]
    [InlineData("repro-artifact")]
    [InlineData("repro-legacy")]
    public void Reproduction_presets_fit_gains_the_reproduction_way_on_eval_seed_12345(string preset)
    {
        // docs/science/figures-and-studies.md §12.1: ridge gains including t = 0, evaluation seed 12345 (decision 8 of docs/science/decisions.md).
        var s = Presets.Get(preset);
        Assert.Equal(GainFit.Reproduction, s.Evaluation.GainFit);
        Assert.Equal(12345, s.EvalSeed);
    }

    [Fact]
    public void Baseline_is_the_section_12_1_table()
    {
        var s = ProtocolBaseline.Closed(ExperimentSize.Quick, 7, 1001, SpectrumKinds.Joint | SpectrumKinds.Network);
        Assert.Equal(7, s.Seed);
        Assert.Equal(1001, s.Epochs);
        Assert.Equal(UpdateSchedule.SkipFirstEpoch, s.Updates);
        Assert.Equal((Activation.Tanh, 100, InitScheme.Reproduction), (s.Network.Activation, s.Network.Hidden, s.Network.Init));
        Assert.Equal((0.1, 0.1, 0.1), (s.Network.InputScale, s.Network.RecurrentScale, s.Network.OutputScale));
        Assert.Equal((OptimizerKind.Sgd, 0.01, (double?)1.0), (s.Optimizer.Kind, s.Optimizer.LearningRate, s.Optimizer.ClipNorm));
        Assert.Equal((100, 50, 0.0), (s.Episode.Batch, s.Episode.Steps, s.Objective.Beta));
        Assert.Equal((1.0, 0.0), (s.Plant.FeedbackFactor, s.Plant.ObservationNoise));
        Assert.Equal(10, s.Evaluation.Count);
        Assert.Equal(1, s.Evaluation.Every);
        Assert.Equal(SpectrumKinds.Joint | SpectrumKinds.Network, s.Evaluation.Spectra);
        Assert.Equal(OpenLoopVariant.WhiteNoise, s.OpenLoop.Variant);
    }

    [Fact]
    public void Smoke_size_keeps_each_capped_horizon_once()
    {
        var s = ProtocolBaseline.Closed(ExperimentSize.Smoke, 0, 1001, SpectrumKinds.Joint,
            x => x with { Evaluation = x.Evaluation with { Horizons = [10, 50, 200] } });
        Assert.Equal(s.Evaluation.Horizons.Distinct().Count(), s.Evaluation.Horizons.Count);
        Assert.Equal(30, s.Epochs);
        s.Validated();
    }

}
