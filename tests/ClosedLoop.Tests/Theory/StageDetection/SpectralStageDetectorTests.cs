using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.StageDetection;

public class SpectralStageDetectorTests
{
    private const double GrowthTolerance = 1e-12;

    /// <summary>docs/science/reference-values.md C1: 12 epochs, k1 = −0.02 throughout.</summary>
    private static SpectralSeries C1Series() => new(
        Enumerable.Repeat(-0.02, 12).ToArray(),
        [1.3, 1.2, 1.1, 1.05, 0.95, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8, 0.79],
        [true, true, true, true, false, false, false, false, false, false, false, false],
        [0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.18, 0.21, 0.25, 0.27, 0.29, 0.3]);

    [Fact]
    public void ReferenceVector_C1()
    {
        // docs/science/reference-values.md C1 (persistence p = 2): e1 = 0, e2 = 4, G = 0.3 − 0.14 = 0.16, three stages.
        var settings = new SpectralDetectorSettings { Persistence = 2 };
        var r = SpectralStageDetector.Detect(C1Series(), settings);
        Assert.Equal(0, r.Stage1End);
        Assert.Equal(4, r.Stage2End);
        Assert.Equal(4, r.StrictStabilization);
        Assert.NotNull(r.Growth);
        Assert.True(Math.Abs(r.Growth!.Value - 0.16) < GrowthTolerance, $"G = {r.Growth}");
        Assert.True(r.ThreeStages);
        Assert.Same(settings, r.Settings);
    }

    [Fact]
    public void DefaultPersistence_RequiresFiveCheckpoints()
    {
        // With p = 5 the Stage-1 mask (true on epochs 0..3 only) never persists long enough.
        var r = SpectralStageDetector.Detect(C1Series());
        Assert.Null(r.Stage1End);
        Assert.Equal(4, r.Stage2End); // searched from the first checkpoint when e1 is missing
        Assert.False(r.ThreeStages);
    }

    [Fact]
    public void EpochLabels_AreReported()
    {
        var series = C1Series() with { Epochs = Enumerable.Range(0, 12).Select(i => 10 * i).ToArray() };
        var r = SpectralStageDetector.Detect(series, new SpectralDetectorSettings { Persistence = 2 });
        Assert.Equal(0, r.Stage1End);
        Assert.Equal(40, r.Stage2End);
        Assert.Equal(40, r.StrictStabilization);
    }

    [Fact]
    public void NonfiniteFinalLoss_RemovesThreeStageSupport()
    {
        var loss = Enumerable.Repeat(1.0, 12).ToArray();
        loss[11] = double.NaN;
        var r = SpectralStageDetector.Detect(C1Series() with { Loss = loss }, new SpectralDetectorSettings { Persistence = 2 });
        Assert.Equal(4, r.Stage2End);
        Assert.False(r.ThreeStages);
    }

    [Fact]
    public void LateExcursion_MovesStrictButNotPersistentEpoch()
    {
        var s = C1Series();
        var rho = s.SpectralRadius.ToArray();
        rho[8] = 1.01;
        var r = SpectralStageDetector.Detect(s with { SpectralRadius = rho }, new SpectralDetectorSettings { Persistence = 2 });
        Assert.Equal(4, r.Stage2End);
        Assert.Equal(9, r.StrictStabilization);
    }

    [Fact]
    public void MissingThirdEigenvalue_UsesFirstAvailableBaseline()
    {
        var s = C1Series();
        var l3 = s.ThirdEigenvalueModulus.ToArray();
        l3[4] = null;
        var r = SpectralStageDetector.Detect(s with { ThirdEigenvalueModulus = l3 }, new SpectralDetectorSettings { Persistence = 2 });
        Assert.True(Math.Abs(r.Growth!.Value - (0.3 - 0.15)) < GrowthTolerance);
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var s = C1Series() with { UnstableComplex = [true] };
        var ex = Assert.Throws<ArgumentException>(() => SpectralStageDetector.Detect(s));
        Assert.Contains("spectral_series.unstable_complex", ex.Message);
        Assert.Throws<ArgumentException>(() => SpectralStageDetector.Detect(C1Series(), new SpectralDetectorSettings { Persistence = 0 }));
    }
}

public class SpectralSeriesTests
{
    [Fact]
    public void FromEigenvalues_DerivesRadiusFlagAndThirdEigenvalue()
    {
        // A3-like spectra: a complex pair outside the circle plus a real eigenvalue; then a stable spectrum; then a
        // purely complex one (no real eigenvalue).
        System.Numerics.Complex[][] eig =
        [
            [new(1.00581, 0.229436), new(1.00581, -0.229436), new(-0.0916108, 0), new(0, 0)],
            [new(0.856057, 0.398896), new(0.856057, -0.398896), new(-0.112114, 0)],
            [new(0.5, 0.5), new(0.5, -0.5)],
        ];
        var s = SpectralSeries.FromEigenvalues([-0.04, -0.5, -0.3], eig);
        Assert.Equal(Math.Sqrt(1.00581 * 1.00581 + 0.229436 * 0.229436), s.SpectralRadius[0], 12);
        Assert.Equal([true, false, false], s.UnstableComplex);
        Assert.Equal(0.0916108, s.ThirdEigenvalueModulus[0]!.Value, 12);
        Assert.Equal(0.112114, s.ThirdEigenvalueModulus[1]!.Value, 12);
        Assert.Null(s.ThirdEigenvalueModulus[2]);
    }
}
