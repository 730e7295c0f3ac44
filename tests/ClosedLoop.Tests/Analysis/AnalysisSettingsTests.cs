using ClosedLoop.Analysis;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Analysis;

public class AnalysisSettingsTests
{
    [Fact]
    public void Defaults_are_the_spec_thresholds()
    {
        var s = AnalysisSettings.FromAssignments([]);
        // docs/science/analysis-maths.md §7.2: p = 5, k_th = −0.01, g_th = 0.01; §9: θ_acq = 1.0, Δ = 100; decisions 12, 17 of docs/science/decisions.md.
        Assert.Equal(5, s.SpectralDetector.Persistence);
        Assert.Equal(-0.01, s.SpectralDetector.GainThreshold);
        Assert.Equal(0.01, s.SpectralDetector.GrowthThreshold);
        Assert.Equal(1.0, s.Acquisition.Threshold);
        Assert.Equal(100, s.Acquisition.InterferenceWindow);
        Assert.Null(s.Stage3.From);
        Assert.Equal([10, 50, 100, 300], s.Stage3.RatioEpochs);
        Assert.Equal(10, s.Stage2.MinimumStart);
        Assert.Equal(2, s.Stage2.Offset);
        Assert.Equal(new[] { 0, 0.48, 0.52, 0.55, 1 }, s.Stage2.Descents.Select(d => d.Alpha));
        Assert.Equal(SegmentedRegressionSettings.Variants.Select(v => v.Name), s.SegmentedRegression.Select(v => v.Name));
    }

    [Fact]
    public void Assignments_change_nested_fields()
    {
        var s = AnalysisSettings.FromAssignments([
            "analysis.spectral_detector.persistence=8", "analysis.acquisition.threshold=0.5",
            "analysis.stage3.from=40", "analysis.stage3.ratio_epochs=[1,2]", "analysis.boundary_tolerance=3",
        ]);
        Assert.Equal(8, s.SpectralDetector.Persistence);
        Assert.Equal(0.5, s.Acquisition.Threshold);
        Assert.Equal(40, s.Stage3.From);
        Assert.Equal([1, 2], s.Stage3.RatioEpochs);
        Assert.Equal(3, s.BoundaryTolerance);
        Assert.Equal(-0.01, s.SpectralDetector.GainThreshold);
    }

    [Theory]
    [InlineData("analysis.spectral_detector.persistance=8", "'spectral_detector.persistance' is not known")]
    [InlineData("spectral_detector.persistence=8", "analysis.key=value")]
    [InlineData("analysis.spectral_detector.persistence=0", "spectral_detector.persistence = 0")]
    [InlineData("analysis.acquisition.threshold=\"high\"", "analysis.acquisition.threshold")]
    [InlineData("analysis.stage3.from=-1", "analysis.stage3.from = -1")]
    [InlineData("analysis.boundary_tolerance=-2", "analysis.boundary_tolerance = -2")]
    public void Bad_assignments_name_the_key(string assignment, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => AnalysisSettings.FromAssignments([assignment]));
        Assert.Contains(expected, e.Message);
    }
}
