using ClosedLoop.Experiments;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

/// <summary>Stage-2 zig-zag measures (docs/science/analysis-maths.md §10) and the Adam-vs-SGD comparison on synthetic series.</summary>
public class Stage2MeasuresTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Window_is_e1_to_e_stab_or_censored_at_the_last_epoch()
    {
        Assert.Equal((8, 129, false), Stage2Measures.Window(8, 129, 1000));
        Assert.Equal((8, 999, true), Stage2Measures.Window(8, null, 1000));
        Assert.Equal((null, null, false), Stage2Measures.Window(null, 129, 1000));
        Assert.Equal((null, null, false), Stage2Measures.Window(20, 12, 1000)); // stabilised before Stage 1 ended: no Stage 2
    }

    [Fact]
    public void Zig_zag_index_uses_only_the_window_and_skips_missing_values()
    {
        // Outside the window the series is monotone; inside it alternates 1.010 / 1.012 (theory material, §D3).
        double[] modulus = [1.2, 1.1, 1.010, 1.012, double.NaN, 1.010, 1.012, 1.010, 0.9, 0.8];
        Assert.Equal(1.0, Stage2Measures.ZigZagIndex(modulus, 2, 7), Tolerance);
        Assert.Equal(0.0, Stage2Measures.ZigZagIndex(modulus, 7, 9), Tolerance);
        Assert.True(double.IsNaN(Stage2Measures.ZigZagIndex(modulus, 0, 1)));
    }

    [Fact]
    public void Update_cosines_of_back_and_forth_and_of_straight_updates()
    {
        double[][] zigzag = [[0, 0], [1, 1], [0, 2], [1, 3], [0, 4]]; // updates (1,1), (−1,1), (1,1), (−1,1): cosines 0
        var (mean0, negative0) = Stage2Measures.UpdateCosines(zigzag);
        Assert.Equal(0, mean0, Tolerance);
        Assert.Equal(0, negative0, Tolerance);
        double[][] reversing = [[0.0], [1.0], [0.0], [1.0]];
        Assert.Equal((-1.0, 1.0), Stage2Measures.UpdateCosines(reversing));
        double[][] straight = [[0.0, 0.0], [1.0, 2.0], [2.0, 4.0], [3.5, 7.0]];
        var (mean, negative) = Stage2Measures.UpdateCosines(straight);
        Assert.Equal(1, mean, Tolerance);
        Assert.Equal(0, negative, Tolerance);
        Assert.True(double.IsNaN(Stage2Measures.UpdateCosines([[0.0], [1.0]]).Mean));
    }

    [Fact]
    public void Adam_is_compared_with_sgd_seed_by_seed()
    {
        var sgd = new[] { Measure(0, 0.6), Measure(1, 0.5), Measure(2, 0.4), Measure(3, 0.4) };
        var adam = new[] { Measure(1, 0.2), Measure(0, 0.7), Measure(2, double.NaN), NoStage2(3, eStab: 7) };
        var values = AdamClaims.Lower(adam, sgd, m => m.ZigZag.ZigZagIndex);
        Assert.Equal([1L, 0, 2, 3], values.Select(v => v.Seed));
        Assert.Equal(-0.3, values[0].Value, Tolerance);
        Assert.True(values[0].Holds);
        Assert.False(values[1].Holds);
        // A Stage 2 too short to measure does not support the claim ...
        Assert.False(values[2].Holds);
        Assert.True(double.IsNaN(values[2].Value));
        // ... but stabilising with no Stage 2 at all leaves no zig-zag: it supports it.
        Assert.True(values[3].Holds);
        Assert.True(double.IsNaN(values[3].Value));
        // Without stabilisation a missing Stage 2 is just unmeasured.
        Assert.False(AdamClaims.Lower([NoStage2(3, eStab: null)], sgd, m => m.ZigZag.ZigZagIndex)[0].Holds);
    }

    [Fact]
    public void Largest_rise_sees_a_peak_below_the_initial_loss()
    {
        // §D2-like: 96918 → 733 → peak 508266; and a peak (6000) that stays below the initial 30000.
        Assert.Equal(508266 / 733.0, AdamMeasures.LargestRise([96918, 1460, 733, 1952, 508266, 6.34]), Tolerance);
        Assert.Equal(6000 / 190.0, AdamMeasures.LargestRise([30000, 190, double.NaN, 6000, 7]), Tolerance);
        Assert.Equal(1.0, AdamMeasures.LargestRise([5, 4, 3]), Tolerance);
        Assert.True(double.IsNaN(AdamMeasures.LargestRise([double.NaN])));
    }

    private static AdamMeasures Measure(long seed, double index) =>
        new(AdamConfig.All[0], seed, LoopMode.Closed, new RunStages(5, 100, 100, null, 0.1, true), 100,
            new Stage2ZigZag(5, 100, false, index, double.NaN, double.NaN), 1, 1, double.NaN, double.NaN, double.NaN, double.NaN);

    private static AdamMeasures NoStage2(long seed, int? eStab) =>
        new(AdamConfig.All[1], seed, LoopMode.Closed, new RunStages(null, eStab, eStab, null, 0.1, false), eStab,
            new Stage2ZigZag(null, null, false, double.NaN, double.NaN, double.NaN), 1, 1, double.NaN, double.NaN, double.NaN, double.NaN);
}
