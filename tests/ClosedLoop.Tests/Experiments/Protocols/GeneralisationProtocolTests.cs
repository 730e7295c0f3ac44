using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class GeneralisationProtocolTests
{
    private static ExperimentContext Context(TempDirectory tmp, ExperimentSize size) =>
        new(tmp.Path, "generalisation", size, null, new RunCache(tmp.Path, 1));

    private static GeneralisationVariant Variant(string preset) => GeneralisationVariants.All.Single(v => v.Preset == preset);

    [Theory]
    [InlineData(ExperimentSize.Quick)]
    [InlineData(ExperimentSize.Full)]
    public void The_tanh_variant_is_the_paired_protocols_run(ExperimentSize size)
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp, size);
        var mine = GeneralisationVariants.Closed(ctx, Variant("repro-main"), 3);
        Assert.Equal(ctx.Runs.DirectoryOf(PairedCore.Closed(ctx, 3)), ctx.Runs.DirectoryOf(mine));
    }

    [Fact]
    public void Seeds_follow_the_spec_at_full_size_and_the_budget_at_quick_size()
    {
        using var tmp = new TempDirectory();
        var full = Context(tmp, ExperimentSize.Full);
        var quick = Context(tmp, ExperimentSize.Quick);
        Assert.Equal([10, 10, 10, 10, 10, 20, 20], GeneralisationVariants.All.Select(v => GeneralisationVariants.Seeds(full, v).Count));
        Assert.Equal([5, 1, 1, 1, 1, 1, 1], GeneralisationVariants.All.Select(v => GeneralisationVariants.Seeds(quick, v).Count));
    }

    [Fact]
    public void Every_variant_and_its_open_twin_are_valid_settings()
    {
        using var tmp = new TempDirectory();
        var ctx = Context(tmp, ExperimentSize.Full);
        foreach (var v in GeneralisationVariants.All)
        {
            var closed = GeneralisationVariants.Closed(ctx, v, 0).Validated();
            closed.OpenTwin().Validated();
            Assert.Equal(1, closed.Evaluation.SpectrumEvery);
            Assert.Equal(v.HasPositionGain, closed.Plant.Build().StateSize == 2);
        }
    }

    [Fact]
    public void The_variants_carry_the_changes_of_the_spec_table()
    {
        var gru = Presets.Get("gru");
        Assert.Equal((Cell.Gru, 100, InitScheme.Gru, OptimizerKind.Adam, 0.003), (gru.Network.Cell, gru.Network.Hidden, gru.Network.Init, gru.Optimizer.Kind, gru.Optimizer.LearningRate));
        var simple = Presets.Get("ring-simple");
        Assert.Equal((PlantKind.Ring, RingObservation.AngleAndVelocity, 64, 80, OpenLoopVariant.TeacherDrivenPlant, ControlReduction.MeanBatch),
            (simple.Plant.Kind, simple.Plant.Ring!.Observation, simple.Network.Hidden, simple.Episode.Steps, simple.OpenLoop.Variant, simple.Objective.ControlReduction));
        var hard = Presets.Get("ring-hard");
        Assert.Equal((RingObservation.Angle, 1.2, 0.04, 0.05), (hard.Plant.Ring!.Observation, hard.Plant.Ring.TargetAmplitude, hard.Plant.Ring.TargetFrequency, hard.Plant.Ring.VelocityPenalty));
        Assert.Equal((1000, 100, 32, 100, 0.002, (double?)1.0), (hard.Epochs, hard.Episode.Batch, hard.Evaluation.Count, hard.Episode.Steps, hard.Objective.Beta, hard.Optimizer.ClipNorm));
        Assert.Equal((LossTiming.AfterStep, FirstControl.ActFromStart, Cell.Gru, 64), (hard.Episode.LossTiming, hard.Episode.FirstControl, hard.Network.Cell, hard.Network.Hidden));
        var tanh = Presets.Get("ring-hard-tanh");
        Assert.Equal((Cell.Rnn, Activation.Tanh, 100, 0.1, OptimizerKind.Sgd, 0.01), (tanh.Network.Cell, tanh.Network.Activation, tanh.Network.Hidden, tanh.Network.RecurrentScale, tanh.Optimizer.Kind, tanh.Optimizer.LearningRate));
        var tracking = Presets.Get("repro-tracking");
        Assert.Equal((PhaseRule.Fixed, 100, Activation.Linear, 0.2, 1.0, 0.001), (tracking.Reference!.Phases, tracking.Episode.Steps, tracking.Network.Activation, tracking.Network.RecurrentScale, tracking.Network.Gamma, tracking.Optimizer.LearningRate));
        var lowRank = Presets.Get("repro-lowrank");
        Assert.Equal((InitScheme.ReproductionLowRank, 1, 0.1, Activation.Linear), (lowRank.Network.Init, lowRank.Network.Rank, lowRank.Network.BulkGain, lowRank.Network.Activation));
        Assert.Equal(ParameterBlocks.InputWeights | ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights, lowRank.Network.Trainable);
    }

    [Fact]
    public void Support_counts_keep_failures_apart_and_skip_criteria_that_cannot_be_measured()
    {
        var closed = PairMeasuresTests.Closed();
        var peaked = PairMeasures.Compute(0, closed, PairMeasuresTests.Open([.. closed.Deployed.Select((d, e) => e == 5 ? 500.0 : 2 * d)]));
        var flat = PairMeasures.Compute(1, closed, PairMeasuresTests.Open([.. closed.Deployed]));
        var failed = PairMeasures.Compute(2, closed, PairMeasuresTests.Open([.. closed.Deployed.Select((d, e) => e == 7 ? double.NaN : d)]));
        var seeds = new[] { peaked, flat, failed }.Select(m => new ProtocolPair(m, closed, closed, "closed", "open")).ToList();
        var tracking = new GeneralisationRow(Variant("repro-tracking"), seeds);
        var ring = new GeneralisationRow(Variant("ring-hard"), seeds);
        Assert.Equal(1, ring.Failures);
        Assert.Equal((1, 2, 1), Counts(ring.Support(0)!));  // open-loop peak: seed 0 only
        Assert.Equal((1, 2, 1), Counts(ring.Support(1)!));  // final gap: seed 0 ends at twice the closed loss
        Assert.Equal((2, 2, 1), Counts(ring.Support(2)!));  // ρ(J) < 1 from epoch 20 on in both finite seeds
        Assert.Equal((2, 2, 1), Counts(ring.Support(3)!));
        Assert.Null(tracking.Support(3));
        Assert.False(tracking.Measurable(3));
    }

    private static (int, int, int) Counts(ClosedLoop.Theory.SupportSummary s) => (s.Supported, s.Evaluated, s.Failures);
}
