using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Tests.Training.Optimizers;

public class OptimizerTests
{
    // docs/science/reference-values.md §B7: Adam with PyTorch defaults.
    [Fact]
    public void Adam_matches_B7()
    {
        var p = new[] { 0.5, -0.2, 0.1 };
        var adam = new Optimizer<double>(new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3 }, [3]);
        adam.Step([p], [new[] { 3.0, -0.004, 1e-9 }]);
        // the first step moves each element by −η g/(|g| + 1e−8), quoted to 6 significant digits
        Assert.Equal(-1e-3 * 3.0 / (3.0 + 1e-8), p[0] - 0.5, 1e-15);
        Assert.Equal(-0.00100000, p[0] - 0.5, 5e-9);
        Assert.Equal(0.000999998, p[1] + 0.2, 5e-10);
        Assert.Equal(-9.09091e-5, p[2] - 0.1, 5e-11);
        adam.Step([p], [new[] { 1.0, 0.002, -1.0 }]);
        Assert.Equal(0.498129, p[0], 1e-6);
        Assert.Equal(-0.198734, p[1], 1e-6);
        Assert.Equal(0.100653, p[2], 1e-6);
    }

    [Fact]
    public void Sgd_steps_by_the_learning_rate()
    {
        var p = new[] { 1.0, -2.0 };
        new Optimizer<double>(new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.5 }, [2]).Step([p], [new[] { 2.0, -4.0 }]);
        Assert.Equal([0.0, 0.0], p);
    }

    // docs/science/model-and-training.md §8.3 and docs/science/reference-values.md §B1: the clipped step is θ − η g/(‖g‖ + 1e−6).
    [Fact]
    public void Clipping_scales_to_the_threshold_and_reports_both_norms()
    {
        var g = new[] { 3.0, 4.0 };
        var (before, after) = GradientClipping.Apply([g], 1.0);
        Assert.Equal(5.0, before);
        Assert.Equal(5.0 / (5.0 + 1e-6), after, 1e-15);
        Assert.Equal(3.0 / (5.0 + 1e-6), g[0], 1e-15);
        var small = new[] { 0.3, 0.4 };
        Assert.Equal((0.5, 0.5), GradientClipping.Apply([small], 1.0));
        Assert.Equal([0.3, 0.4], small);
        var (b2, a2) = GradientClipping.Apply([g], null);
        Assert.Equal(b2, a2);
    }

    [Theory]
    [InlineData(0.0, "optimizer.learning_rate = 0")]
    [InlineData(-1.0, "optimizer.learning_rate = -1")]
    public void Bad_learning_rates_name_the_field(double lr, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new Optimizer<double>(new OptimizerSettings { LearningRate = lr }, [1]));
        Assert.Contains(expected, e.Message);
    }
}
