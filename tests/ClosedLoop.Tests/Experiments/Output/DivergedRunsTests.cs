using ClosedLoop.Experiments;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;

namespace ClosedLoop.Tests.Experiments.Output;

/// <summary>Diverged runs are results to report: the log and report.md list them.</summary>
public class DivergedRunsTests
{
    [Fact]
    public void Diverged_runs_are_listed_for_the_log_and_the_report()
    {
        using var tmp = new TempDirectory();
        var cache = new RunCache(tmp.Path, jobs: 1);
        var diverging = RunComparison.Tiny("lowrank", 12, "optimizer.learning_rate=1000", "episode.steps=50");
        cache.GetAll([diverging, RunComparison.Tiny("lowrank", 12)]);
        var d = Assert.Single(DivergedRuns.In(tmp.Path));
        Assert.Equal(Path.GetFileName(cache.DirectoryOf(diverging)), d.Name);
        var summary = RunRecord.Open(cache.DirectoryOf(diverging)).Summary;
        Assert.Equal(summary.FirstNonFiniteEpoch, d.FirstNonFiniteEpoch);
        Assert.Equal($"runs/{d.Name}: loss or gradient not finite (NaN or infinite) in {summary.NonFiniteEpochs} of 12 epochs, first at epoch {d.FirstNonFiniteEpoch}", d.ToString());
        string report = Reproduction.Report([], new ReproduceSettings(tmp.Path), cache);
        Assert.Contains("## Diverged runs", report);
        Assert.Contains($"- {d}\n", report);
        Assert.Contains("No run's loss became NaN or infinite.", Reproduction.Report([], new ReproduceSettings(tmp.File("empty")), cache));
    }
}
