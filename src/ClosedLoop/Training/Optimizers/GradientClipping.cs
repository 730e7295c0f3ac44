namespace ClosedLoop.Training.Optimizers;

/// <summary>Global-norm gradient clipping (docs/science/model-and-training.md §8.3, PyTorch's <c>clip_grad_norm_</c>).</summary>
public static class GradientClipping
{
    /// <summary>Euclidean norm over all blocks.</summary>
    public static double GlobalNorm(IReadOnlyList<double[]> gradients)
    {
        double sum = 0;
        foreach (var g in gradients)
            foreach (var x in g) sum += x * x;
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales every gradient by c/(‖g‖ + 10⁻⁶) when that factor is below 1. Returns the norm before and after.
    /// With <paramref name="maxNorm"/> null nothing is changed.
    /// </summary>
    public static (double Before, double After) Apply(IReadOnlyList<double[]> gradients, double? maxNorm)
    {
        double norm = GlobalNorm(gradients);
        if (maxNorm is not { } c) return (norm, norm);
        double factor = c / (norm + 1e-6);
        if (!(factor < 1)) return (norm, norm);
        foreach (var g in gradients)
            for (int i = 0; i < g.Length; i++) g[i] *= factor;
        return (norm, norm * factor);
    }
}
