using ClosedLoop.Analysis;

namespace ClosedLoop.Tests.Analysis;

/// <summary>The "how it will be checked" claims on a small trained rank-1 run (deterministic seed).</summary>
public class RunAnalysisScienceTests
{
    /// <summary>docs/science/analysis-maths.md §6: the reduced Stage-3 model follows the full network "within tens of percent".</summary>
    private const double Stage3RatioTolerance = 0.3;

    [Fact]
    public void On_a_trained_run_the_reduced_models_behave_as_the_theory_says()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var a = RunAnalysis.Analyze(dir);
        // Stages in order: Stage 1 ends within tens of epochs, stabilisation later.
        Assert.True(a.Stages.Stage1EndEpoch < 50 && a.Stages.Stage1EndEpoch < a.Stages.StabilizationEpoch);
        // Stage 2 (§5.4) from the run's own snapshot e_s: α = 0 climbs away from the real axis, α = 1 descends.
        Assert.True(a.Stage2!.Paths[0].ImaginaryChange > 0);
        Assert.True(a.Stage2.Paths[^1].ImaginaryChange < 0);
        Assert.NotNull(a.Stage2.Paths[^1].FirstInsideUnitDisk);
        // Stage 3 (§6): the reduced model's loss over the restart stays within tens of percent of the full run's.
        Assert.InRange(a.Stage3!.MedianRatio, 1 - Stage3RatioTolerance, 1 + Stage3RatioTolerance);
    }
}
