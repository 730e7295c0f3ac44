using ClosedLoop.Analysis;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Analysis;

public class JacobianSeriesTests
{
    [Fact]
    public void Recomputed_at_the_origin_it_equals_what_training_recorded()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tanh, out var dir);
        var run = RunDirectory.Open(dir);
        var recorded = JacobianSeries.FromMetrics(run);
        var again = JacobianSeries.Recompute(run, JacobianPoint.Origin);
        int compared = 0;
        for (int e = 0; e < run.EpochCount; e++)
        {
            if (again.Radius![e] is not { } rho) continue;
            Assert.Equal(recorded.Radius![e]!.Value, rho, 1e-12);
            Assert.Equal(recorded.UnstableComplex![e], again.UnstableComplex![e]);
            compared++;
        }
        Assert.True(compared >= 5, $"only {compared} snapshots");
    }

    [Fact]
    public void A_relu_run_gets_a_spectral_detector_at_the_mean_state()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Relu, out var dir);
        var settings = AnalysisSettings.FromAssignments(["analysis.jacobian.at=mean_state"]);
        var result = RunAnalysis.Analyze(dir, settings);
        Assert.Equal(SpectrumSource.JointJacobian, result.Stages.Spectral.Source);
        Assert.True(result.Stages.Spectral.DetectorApplied, result.Stages.Spectral.Reason);
        Assert.NotNull(result.Jacobian);
        Assert.Contains(result.Notes, n => n.Contains("recomputed at MeanState"));
        var written = AnalysisWriter.Write(result);
        Assert.Contains("analysis/jacobian_spectra.csv", written);
        var lines = File.ReadAllLines(Path.Combine(dir, "analysis", "jacobian_spectra.csv"));
        Assert.Equal(string.Join(",", JacobianSeries.Header), lines[0]);
        Assert.Equal(result.Jacobian!.Rows().Count() + 1, lines.Length);
    }

    [Fact]
    public void Without_an_analysis_point_the_recorded_columns_are_read()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Relu, out var dir);
        var series = StageAnalysis.JacobianSeriesFor(RunDirectory.Open(dir), new AnalysisSettings());
        Assert.False(series.Recomputed);
        Assert.Equal(JacobianPoint.Origin, series.At);
        Assert.All(series.Radius!, v => Assert.Null(v)); // relu at the origin: no Jacobian
    }
}
