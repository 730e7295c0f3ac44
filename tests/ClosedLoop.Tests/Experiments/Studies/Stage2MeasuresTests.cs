using ClosedLoop.Experiments;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

/// <summary>Stage-2 zig-zag measures (docs/science/analysis-maths.md §10) on synthetic series.</summary>
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
}
