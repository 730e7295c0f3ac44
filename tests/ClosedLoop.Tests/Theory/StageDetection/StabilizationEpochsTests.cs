using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.StageDetection;

public class StabilizationEpochsTests
{
    [Fact]
    public void Strict_IsFirstIndexStableUntilTheEnd()
    {
        // docs/science/analysis-maths.md §2: e_stab = min{e : ρ(P_e') < 1 for every recorded e' ≥ e}.
        Assert.Equal(3, StabilizationEpochs.Strict([1.2, 0.9, 1.0, 0.8, 0.7]));
        Assert.Null(StabilizationEpochs.Strict([0.5, 0.6, 1.0]));
        Assert.Null(StabilizationEpochs.Strict([0.5, double.NaN]));
        Assert.Equal(0, StabilizationEpochs.Strict([0.5, 0.6]));
    }

    [Fact]
    public void PersistentCrossing_RequiresTheWholeWindowInsideTheRecord()
    {
        double[] rho = [1.2, 0.9, 1.1, 0.9, 0.8, 0.7];
        Assert.Equal(1, StabilizationEpochs.PersistentCrossing(rho, 0, 1));
        Assert.Equal(3, StabilizationEpochs.PersistentCrossing(rho, 0, 3));
        Assert.Null(StabilizationEpochs.PersistentCrossing(rho, 0, 4));
        Assert.Equal(4, StabilizationEpochs.PersistentCrossing(rho, 4, 2));
    }

    [Fact]
    public void Strict_and_persistent_on_further_series()
    {
        Assert.Equal(4, StabilizationEpochs.Strict([1.3, 1.2, 0.9, 1.1, 0.95, 0.9]));
        Assert.Null(StabilizationEpochs.Strict([]));
        Assert.Equal(3, StabilizationEpochs.Strict([0.5, double.NaN, 1.0, 0.99]));
        // docs/science/reference-values.md C1 radii, persistence 2: crossing at epoch 4.
        double[] rho = [1.3, 1.2, 1.1, 1.05, 0.95, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8, 0.79];
        Assert.Equal(4, StabilizationEpochs.PersistentCrossing(rho, 0, 2));
        Assert.Equal(6, StabilizationEpochs.PersistentCrossing(rho, 6, 5));
        Assert.Null(StabilizationEpochs.PersistentCrossing(rho, 9, 4));
        Assert.Throws<ArgumentException>(() => StabilizationEpochs.PersistentCrossing(rho, 0, 0));
        Assert.Throws<ArgumentException>(() => StabilizationEpochs.PersistentCrossing(rho, -1, 2));
    }
}
