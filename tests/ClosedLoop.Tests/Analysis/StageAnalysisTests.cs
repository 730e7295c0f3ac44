using ClosedLoop.Analysis;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Analysis;

public class StageAnalysisTests
{
    [Fact]
    public void Rank_one_stages_come_in_order_and_follow_the_definitions()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var run = RunDirectory.Open(dir);
        var s = new AnalysisSettings();
        var r = StageAnalysis.Detect(run, s);
        var sp = r.Spectral;
        Assert.True(sp.DetectorApplied, sp.Reason);
        Assert.Equal(SpectrumSource.RankOneCubic, sp.Source);
        Assert.Equal(100, sp.Checkpoints);
        int e1 = r.Stage1EndEpoch!.Value, e2 = r.PersistentCrossingEpoch!.Value, stab = r.StabilizationEpoch!.Value;
        Assert.True(e1 <= e2 && e2 <= stab, $"e1 {e1}, e2 {e2}, e_stab {stab}");
        Assert.Equal(run.Summary.StabilizationEpoch, stab); // the same strict rule as training's summary
        Assert.Equal(stab, r.Stage2EndEpoch);
        Assert.Equal("joint_matrix", r.Stage2EndSource);

        // docs/science/analysis-maths.md §7.2 step 1: the Stage-1 mask holds on [e1, e1 + p − 1]; §2: ρ < 1 from e_stab on, not just before.
        var (k1, rho, u) = (run.Column("k1")!, run.Column("spectral_radius")!, run.Column("has_unstable_complex")!);
        for (int e = e1; e < e1 + s.SpectralDetector.Persistence; e++)
            Assert.True(k1[e] < s.SpectralDetector.GainThreshold && u[e] == 1 && rho[e] > 1, $"Stage-1 mask fails at epoch {e}");
        Assert.All(rho.Skip(stab), v => Assert.True(v < 1));
        Assert.True(rho[stab - 1] >= 1);
        Assert.True(sp.Growth > s.SpectralDetector.GrowthThreshold && sp.ThreeStages);
    }

    [Fact]
    public void Tanh_runs_report_the_gain_system_stabilisation_from_p_red_class()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tanh, out var dir);
        var run = RunDirectory.Open(dir);
        var r = StageAnalysis.Detect(run, new AnalysisSettings());
        Assert.Equal(SpectrumSource.LinearisedJointMatrix, r.Spectral.Source);
        Assert.NotNull(r.GainSystem);
        // The strict epoch of P_red(k) is the first epoch from which p_red_class stays "stable".
        var cls = run.TextColumn("p_red_class")!;
        int? expected = null;
        for (int e = cls.Count - 1; e >= 0 && cls[e] == "stable"; e--) expected = e;
        Assert.Equal(expected, r.GainSystemStabilizationEpoch);
        Assert.Equal("gain_system", r.Stage2EndSource);
        Assert.Equal(r.GainSystemStabilizationEpoch, r.Stage2EndEpoch);
        Assert.Equal(run.Summary.StabilizationEpoch, r.StabilizationEpoch); // linearised P, reported next to it
    }

    [Fact]
    public void Without_spectra_the_loss_detectors_still_run_and_the_reason_is_given()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Relu, out var dir);
        var r = StageAnalysis.Detect(RunDirectory.Open(dir), new AnalysisSettings());
        Assert.False(r.Spectral.DetectorApplied);
        Assert.Equal(SpectrumSource.None, r.Spectral.Source);
        Assert.Contains("relu", r.Spectral.Reason);
        Assert.Null(r.Stage1EndEpoch);
        Assert.Null(r.Stage2EndEpoch);
        Assert.Empty(r.Comparison);
        Assert.True(r.TrainingLoss.Available);
        Assert.NotNull(r.TrainingLoss.Derivative);
        Assert.Equal(5, r.TrainingLoss.SegmentedRegression.Count);
        Assert.All(r.TrainingLoss.SegmentedRegression, g => Assert.Equal(SegmentedRegressionStatus.TooShort, g.Status)); // 20 epochs < 3·m_seg·stride
    }

    [Fact]
    public void Tracking_runs_have_no_position_gain_for_the_spectral_detector()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tracking, out var dir);
        var r = StageAnalysis.Detect(RunDirectory.Open(dir), new AnalysisSettings());
        Assert.False(r.Spectral.DetectorApplied);
        Assert.Contains("k1", r.Spectral.Reason);
        Assert.Equal(SpectrumSource.JointMatrix, r.Spectral.Source);
        Assert.Null(r.GainSystem);
        Assert.True(r.TestLoss.Available);
    }

    [Fact]
    public void Boundaries_are_compared_side_by_side_with_the_tolerance()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var run = RunDirectory.Open(dir);
        var strict = StageAnalysis.Detect(run, new AnalysisSettings { BoundaryTolerance = 0 });
        var loose = StageAnalysis.Detect(run, new AnalysisSettings { BoundaryTolerance = 10_000 });
        Assert.Equal(4, strict.Comparison.Count); // stage1_end and stage2_end against derivative and segmented (main)
        foreach (var (a, b) in strict.Comparison.Zip(loose.Comparison))
        {
            Assert.Equal((a.Boundary, a.Spectral, a.LossBased), (b.Boundary, b.Spectral, b.LossBased));
            bool oneMissing = (a.Spectral is null) != (a.LossBased is null);
            Assert.Equal(oneMissing || (a.Difference ?? 0) != 0, a.Disagree);
            Assert.Equal(oneMissing, b.Disagree);
            if (a.Difference is { } d) Assert.Equal(a.LossBased - a.Spectral, d);
        }
    }
}
