using ClosedLoop.Controllers;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>
/// Stage boundaries of a run from its metrics.csv: the spectral detector (docs/science/analysis-maths.md §7.2) on k₁, ρ, U and |λ₃|;
/// the strict stabilisation epochs of P and of the gain system P_red(k); the loss-based detectors (§7.3) on the
/// training and the test loss; and the spectral and loss-based boundaries side by side.
/// </summary>
public static class StageAnalysis
{
    /// <summary>Detects the stages of <paramref name="run"/> with <paramref name="s"/>.</summary>
    public static StageReport Detect(RunDirectory run, AnalysisSettings s)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(s);
        double[] loss = run.Loss();
        var spectral = Spectral(run, s, loss);
        var gains = GainSystem(run, s, spectral.Stage1EndEpoch);
        var rho = run.Column("spectral_radius");
        double[]? fullRho = rho is not null && rho.All(v => v is not null) ? rho.Select(v => v!.Value).ToArray() : null;
        var train = LossBased("loss", run.Column("loss"), fullRho, s);
        var test = LossBased("test_loss", run.Column("test_loss"), fullRho, s);
        bool nonlinear = run.Settings.LearnerNetwork.Activation != Activation.Linear;
        var (end, source) = !spectral.DetectorApplied ? (null, null)
            : nonlinear && gains is not null ? (gains.StabilizationEpoch, "gain_system")
            : (spectral.StabilizationEpoch, "joint_matrix");
        PeakResult? peak = run.Settings.Mode == LoopMode.Open && test.Available
            ? PeakMetrics.Analyze(run.Column("test_loss")!.Select(v => v!.Value).ToArray())
            : null;
        return new StageReport(
            spectral.Stage1EndEpoch, spectral.StabilizationEpoch, spectral.PersistentCrossingEpoch, gains?.StabilizationEpoch,
            end, source, spectral, gains, train, test, spectral.DetectorApplied ? Compare(spectral, train, s.BoundaryTolerance) : [], peak);
    }

    /// <summary>Where the spectra of P of a run with these settings come from, or why there are none.</summary>
    public static (SpectrumSource Source, string? Missing) SpectrumSourceOf(RunSettings settings)
    {
        var net = settings.LearnerNetwork;
        if (net.Activation == Activation.Relu)
            return (SpectrumSource.None, "relu has no derivative at 0, so no linearised joint matrix P is defined (decision 19 of docs/science/decisions.md)");
        if ((settings.Evaluation.Spectra & SpectrumKinds.Joint) == 0 || settings.Evaluation.SpectrumEvery <= 0)
            return (SpectrumSource.None, "the run did not record spectra of P (evaluation.spectra / evaluation.spectrum_every)");
        if (net.Activation == Activation.Tanh) return (SpectrumSource.LinearisedJointMatrix, null);
        return (IsPaperRankOne(settings) ? SpectrumSource.RankOneCubic : SpectrumSource.JointMatrix, null);
    }

    /// <summary>
    /// True for the paper's rank-1 theory model (docs/science/analysis-maths.md §3): linear, rank 1, one input and output, γ = 1, no biases,
    /// the double integrator, and no dense recurrent part (g = 0, frozen). Its P has exactly the three cubic roots.
    /// </summary>
    public static bool IsPaperRankOne(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var net = settings.LearnerNetwork;
        return SpectralMonitor.IsPaperRankOne(net, settings.Plant.Build()) && net.BulkGain == 0
            && (net.Trainable & ParameterBlocks.RecurrentWeights) == 0;
    }

    private static SpectralStages Spectral(RunDirectory run, AnalysisSettings s, double[] loss)
    {
        var settings = s.SpectralDetector;
        var (source, missing) = SpectrumSourceOf(run.Settings);
        var rho = run.Column("spectral_radius");
        int? strict = RunSummary.StrictEpoch(rho);
        if (missing is null && (rho is null || rho.All(v => v is null))) missing = "metrics.csv holds no spectral radius";
        if (missing is not null) return Absent(missing, SpectrumSource.None, null);
        var k1 = run.Column("k1");
        if (k1 is null)
            return Absent($"no position gain k1: the plant ({run.Settings.Plant.Build().Name}) is not a two-state, one-control plant, so the spectral detector of docs/science/analysis-maths.md §7.2 does not apply", source, strict);
        var unstable = run.Column("has_unstable_complex")!;
        var lambda3 = run.Column("lambda3")!;
        var idx = Enumerable.Range(0, run.EpochCount).Where(e => rho![e] is not null && k1[e] is not null && unstable[e] is not null).ToArray();
        if (idx.Length == 0) return Absent("no epoch has both the spectral radius and k1 recorded", source, strict);
        var series = new SpectralSeries(
            idx.Select(e => k1[e]!.Value).ToArray(),
            idx.Select(e => rho![e]!.Value).ToArray(),
            idx.Select(e => unstable[e] == 1).ToArray(),
            idx.Select(e => lambda3[e] is { } l ? Math.Abs(l) : (double?)null).ToArray())
        { Epochs = idx, Loss = idx.Select(e => loss[e]).ToArray() };
        var r = SpectralStageDetector.Detect(series, settings);
        return new SpectralStages(true, null, source, idx.Length, r.Stage1End, r.Stage2End, strict, r.Growth, r.ThreeStages, settings);

        SpectralStages Absent(string why, SpectrumSource src, int? stab) =>
            new(false, why, src, 0, null, null, stab, null, false, settings);
    }

    private static GainSystemStages? GainSystem(RunDirectory run, AnalysisSettings s, int? stage1End)
    {
        var k1 = run.Column("k1");
        var k2 = run.Column("k2");
        if (k1 is null || k2 is null) return null;
        var epochs = Enumerable.Range(0, run.EpochCount).Where(e => k1[e] is not null && k2[e] is not null).ToArray();
        var radius = epochs.Select(e => StabilityMap.SpectralRadius(k1[e]!.Value, k2[e]!.Value)).ToArray();
        int start = stage1End is { } e1 ? Array.FindIndex(epochs, e => e >= e1) : 0;
        int? strict = StabilizationEpochs.Strict(radius);
        int? crossing = start < 0 ? null : StabilizationEpochs.PersistentCrossing(radius, start, s.GainSystemPersistence);
        return new GainSystemStages(epochs.Length, strict is { } a ? epochs[a] : null, crossing is { } b ? epochs[b] : null, s.GainSystemPersistence);
    }

    private static LossStages LossBased(string name, double?[]? column, double[]? rho, AnalysisSettings s)
    {
        if (column is null) return new LossStages(name, false, $"metrics.csv has no {name} column", null, []);
        if (column.Any(v => v is null))
            return new LossStages(name, false, $"{name} is not recorded at every epoch (evaluation.every > 1); the loss detectors need one value per epoch", null, []);
        if (column.Length < 2) return new LossStages(name, false, $"{name} has fewer than 2 epochs", null, []);
        var loss = column.Select(v => v!.Value).ToArray();
        var d = DerivativeStageDetector.Detect(loss, rho, s.DerivativeDetector);
        var derivative = new DerivativeStages(d.Stage1End, d.PlateauEnd, d.Crossing, d.ExitReason, d.PlateauDetected, d.ThreeStages,
            d.ReachesStability, d.SmoothingWidth, rho is not null, d.Settings);
        var ln = loss.Select(x => Math.Log(x)).ToArray();
        var segmented = s.SegmentedRegression.Select(v => Segmented(SegmentedRegression.Fit(ln, v))).ToArray();
        return new LossStages(name, true, null, derivative, segmented);
    }

    private static SegmentedStages Segmented(SegmentedRegressionResult r)
    {
        var (a1, a2, a3) = r.Slopes;
        return new SegmentedStages(r.Settings.Name, r.Status, r.Boundary1, r.Boundary2, r.TwoSegmentBoundary, a1, a2, a3,
            r.ReductionVsOne, r.ReductionVsTwo, r.Fast, r.Slow, r.Reaccelerates, r.ThreeStages, r.Settings);
    }

    private static BoundaryComparison[] Compare(SpectralStages spectral, LossStages train, int tolerance)
    {
        var list = new List<BoundaryComparison>();
        if (train.Derivative is { } d)
        {
            list.Add(Pair("stage1_end", spectral.Stage1EndEpoch, "derivative", d.Stage1EndEpoch, tolerance));
            list.Add(Pair("stage2_end", spectral.PersistentCrossingEpoch, "derivative", d.PlateauEndEpoch, tolerance));
        }
        foreach (var g in train.SegmentedRegression.Take(1))
        {
            list.Add(Pair("stage1_end", spectral.Stage1EndEpoch, "segmented_" + g.Variant, g.Boundary1Epoch, tolerance));
            list.Add(Pair("stage2_end", spectral.PersistentCrossingEpoch, "segmented_" + g.Variant, g.Boundary2Epoch, tolerance));
        }
        return [.. list];
    }

    private static BoundaryComparison Pair(string boundary, int? spectral, string detector, int? lossBased, int tolerance)
    {
        int? diff = spectral is { } a && lossBased is { } b ? b - a : null;
        bool disagree = (spectral is null) != (lossBased is null) || (diff is { } x && Math.Abs(x) > tolerance);
        return new BoundaryComparison(boundary, spectral, detector, lossBased, diff, disagree);
    }
}
