using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class TrackingAnalysisTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void ZeroOutputProbeLoss_A8()
    {
        // docs/science/reference-values.md A8: per-probe loss, expectation over the phase: 2.31²/2 · 0.976167 = 2.60446.
        AnalysisAssert.Quoted(2.60446, TrackingAnalysis.ZeroOutputProbeLoss());
        Assert.True(Math.Abs(TrackingAnalysis.ZeroOutputProbeLoss(amplitude: 1) - 0.5 * 292.85 / 300) < Tolerance);
    }

    [Fact]
    public void AcquisitionEpoch_IsFirstRecordStayingBelowTheThreshold()
    {
        // decision 24 of docs/science/decisions.md / docs/science/analysis-maths.md §9: the first recorded epoch from which the probe loss stays below 1.0.
        int[] epochs = [0, 100, 200, 300, 400, 500, 600];
        double[] loss = [2.6, 2.6, 0.9, 1.2, 0.8, 0.6, 0.55];
        Assert.Equal(400, TrackingAnalysis.AcquisitionEpoch(epochs, loss));
        Assert.Equal(200, TrackingAnalysis.AcquisitionEpoch(epochs, loss, persistence: 1));
        Assert.Equal(400, TrackingAnalysis.AcquisitionEpoch(epochs, loss, persistence: 2));
        Assert.Null(TrackingAnalysis.AcquisitionEpoch(epochs, loss, persistence: 4));
        Assert.Null(TrackingAnalysis.AcquisitionEpoch(epochs, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0]));
        Assert.Equal(0, TrackingAnalysis.AcquisitionEpoch(epochs, loss, threshold: 3.0));
    }

    [Fact]
    public void NormalizedAcquisitionTime_IsEpochOverTotal()
    {
        Assert.Equal(0.25, TrackingAnalysis.NormalizedAcquisitionTime(2500, 10000));
        Assert.Throws<ArgumentException>(() => TrackingAnalysis.NormalizedAcquisitionTime(1, 0));
    }

    [Fact]
    public void Interference_IsTheRelativeRiseInTheWindow()
    {
        // docs/science/reference-values.md D4 shape: ω1's probe loss rises 0.552 → 0.574 while ω2 is acquired, then recovers.
        int[] epochs = [800, 900, 1000, 1100, 1200, 1300];
        double[] omega1 = [0.560, 0.552, 0.560, 0.574, 0.556, 0.550];
        var r = TrackingAnalysis.Interference(epochs, omega1, acquisitionEpoch: 1000);
        Assert.True(Math.Abs(r!.Value - (0.574 / 0.552 - 1)) < Tolerance);
    }

    [Fact]
    public void Interference_UsesLastRecordBeforeTheWindowAndFirstWhenNone()
    {
        int[] epochs = [0, 50, 160, 200];
        double[] loss = [1.0, 2.0, 3.0, 1.5];
        // window [60, 260]: baseline at epoch 50 (2.0), max 3.0 → 0.5
        Assert.True(Math.Abs(TrackingAnalysis.Interference(epochs, loss, 160)!.Value - 0.5) < Tolerance);
        // window [−70, 130]: baseline at the first record (1.0), max 2.0 → 1.0
        Assert.True(Math.Abs(TrackingAnalysis.Interference(epochs, loss, 30)!.Value - 1.0) < Tolerance);
        // window [900, 1100] holds no record
        Assert.Null(TrackingAnalysis.Interference(epochs, loss, 1000));
    }

    [Fact]
    public void BadSeries_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrackingAnalysis.AcquisitionEpoch([0, 0], [1, 1]));
        Assert.Contains("tracking.epochs", ex.Message);
        Assert.Throws<ArgumentException>(() => TrackingAnalysis.AcquisitionEpoch([0, 1], [1]));
    }

    [Fact]
    public void ResponseError_IsTheDistanceOfTheResponseColumnFromTheIdentity()
    {
        // H_aa = 0.8·e^{0.3i}, H_ba = 0.1i: ε² = |H_aa − 1|² + |H_ba|².
        var h = System.Numerics.Complex.FromPolarCoordinates(0.8, 0.3);
        double expected = Math.Sqrt(Math.Pow((h - 1).Magnitude, 2) + 0.01);
        Assert.Equal(expected, TrackingAnalysis.ResponseError(0.8, 0.3, 0.1), 14);
        Assert.Equal(0.0, TrackingAnalysis.ResponseError(1, 0, 0));
        Assert.Equal(1.0, TrackingAnalysis.ResponseError(0, 1.234, 0), 14);   // zero output: ε = 1 whatever the phase
        Assert.Equal(2.0, TrackingAnalysis.ResponseError(1, Math.PI, 0), 14); // inverted
        Assert.True(double.IsNaN(TrackingAnalysis.ResponseError(double.NaN, 0, 0)));
    }

    [Fact]
    public void MatchedTolerance_MakesTheSteadyStateProbeLossEqualTheThreshold()
    {
        double tol = TrackingAnalysis.MatchedResponseTolerance();
        Assert.Equal(1.0, 2.31 * 2.31 / 2 * tol * tol, 14);
        Assert.Equal(0.6122, tol, 4);
        Assert.Equal(Math.Sqrt(0.5), TrackingAnalysis.MatchedResponseTolerance(0.25, 1.0), 14);
        Assert.Contains("tracking.threshold", Assert.Throws<ArgumentException>(() => TrackingAnalysis.MatchedResponseTolerance(0)).Message);
        Assert.Contains("tracking.amplitude", Assert.Throws<ArgumentException>(() => TrackingAnalysis.MatchedResponseTolerance(1, double.NaN)).Message);
    }
}
