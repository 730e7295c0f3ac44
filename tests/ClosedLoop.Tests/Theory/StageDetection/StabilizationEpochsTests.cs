using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory.StageDetection;

public class StabilizationEpochsTests
{
    [Fact]
    public void Strict_IsFirstIndexStableUntilTheEnd()
    {
        // theory.md §2: e_stab = min{e : ρ(P_e') < 1 for every recorded e' ≥ e}.
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
}
