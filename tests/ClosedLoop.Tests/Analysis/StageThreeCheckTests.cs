using ClosedLoop.Analysis;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Analysis;

public class StageThreeCheckTests
{
    /// <summary>The reduced model reproduces the full rank-1 model's loss exactly (docs/science/analysis-maths.md §3.3): round-off only.</summary>
    private const double ExactLossTolerance = 1e-10;

    [Fact]
    public void The_reduced_model_restarts_from_the_stabilisation_snapshot_with_the_run_protocol()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var a = RunAnalysis.Analyze(dir);
        var run = a.Directory;
        var c = a.Stage3!;
        int es = a.Stages.StabilizationEpoch!.Value;
        Assert.Equal(es, c.StartEpoch);
        Assert.Equal("stabilization_epoch", c.StartRule);
        Assert.Equal(OrderParameters.Of(run.Snapshot(es)!), c.Start);
        // Settings echo the run: epochs remaining, batch, T, β, x0 box, optimiser.
        var s = c.Settings;
        Assert.Equal((run.EpochCount - es, 10, 30, 2.0, 0.0), (s.Epochs, s.Batch, s.Steps, s.InitialRange, s.Beta));
        Assert.Equal(run.Settings.Optimizer, s.Optimizer);
        Assert.Equal(run.EpochCount - es, c.Rows.Count);
        var loss = run.Loss();
        for (int j = 0; j < c.Rows.Count; j++)
        {
            Assert.Equal((j, es + j, loss[es + j]), (c.Rows[j].RestartEpoch, c.Rows[j].Epoch, c.Rows[j].FullLoss));
            Assert.Equal(c.Rows[j].ReducedLoss / c.Rows[j].FullLoss, c.Rows[j].Ratio);
        }
        Assert.Equal(c.Start, c.Rows[0].Reduced);
        // Ratios at the requested restart epochs that exist (10 and 50 of 10, 50, 100, 300 here).
        Assert.Equal([10, 50], c.Ratios.Select(r => r.RestartEpoch));
        Assert.Equal(c.Rows[10].Ratio, c.Ratios[0].Ratio);
        double reduced = c.Rows.Skip(5).Take(11).Sum(r => r.ReducedLoss), full = c.Rows.Skip(5).Take(11).Sum(r => r.FullLoss);
        Assert.Equal(reduced / full, c.Ratios[0].WindowedRatio, 12);
        Assert.Equal(3, c.ReducedFinalSpectrum.Length);
        Assert.NotNull(c.FullFinalSpectrum);

        // Batches come from the documented stream: the first one reproduces the reduced model's first loss.
        var batch = new double[2 * s.Batch];
        RandomStream.Derive(run.Settings.Seed, StageThreeCheck.StreamName).FillUniform(batch, -2, 2);
        Assert.Equal(ReducedModelTraining.LossAndGradient(c.Start, batch, s.Steps, s.Beta).Value, c.Rows[0].ReducedLoss);
    }

    [Fact]
    public void On_the_run_own_batch_the_reduced_model_has_exactly_the_full_models_loss()
    {
        // The full run's training loss at epoch e used the (e+1)-th batch of its train-ic stream and the weights after e
        // updates; the reduced model of snapshot e on that batch must give the same loss (exact reduction, §3.3).
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var run = RunDirectory.Open(dir);
        var s = run.Settings;
        var stream = new RandomStreams(s.Seed, s.EvalSeed).TrainInitialConditions();
        var batch = new double[2 * s.Episode.Batch];
        var loss = run.Loss();
        for (int e = 0; e <= 40; e++)
        {
            stream.FillUniform(batch, -s.Episode.InitialStates.HalfWidth, s.Episode.InitialStates.HalfWidth);
            if (e % 10 != 0) continue;
            double reduced = ReducedModelTraining.LossAndGradient(OrderParameters.Of(run.Snapshot(e)!), batch, s.Episode.Steps, s.Objective.Beta).Value;
            Assert.True(Math.Abs(reduced - loss[e]) <= ExactLossTolerance * loss[e], $"epoch {e}: reduced {reduced}, full {loss[e]}");
        }
    }

    [Fact]
    public void The_start_can_be_chosen_and_the_check_applies_only_to_the_papers_protocol()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var a = RunAnalysis.Analyze(dir, new AnalysisSettings { Stage3 = new Stage3CheckSettings { From = 80 } });
        Assert.Equal((80, "given", 20), (a.Stage3!.StartEpoch, a.Stage3.StartRule, a.Stage3.Rows.Count));
        var e = Assert.Throws<ArgumentException>(() => RunAnalysis.Analyze(dir, new AnalysisSettings { Stage3 = new Stage3CheckSettings { From = 100 } }));
        Assert.Contains("analysis.stage3.from = 100", e.Message);

        var settings = RunDirectory.Open(dir).Settings;
        Assert.Null(StageThreeCheck.NotApplicable(settings));
        Assert.Contains("open-loop", StageThreeCheck.NotApplicable(settings with { Mode = LoopMode.Open }));
        Assert.Contains("lr-published", StageThreeCheck.NotApplicable(settings with { Episode = settings.Episode with { LossTiming = LossTiming.AfterStep } }));
        Assert.Contains("rank-1", StageThreeCheck.NotApplicable(settings with { Network = settings.Network with { BulkGain = 0.1 } }));
    }
}
