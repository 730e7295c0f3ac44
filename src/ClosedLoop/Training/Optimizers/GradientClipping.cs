using System.Numerics;

namespace ClosedLoop.Training.Optimizers;

/// <summary>
/// Global-norm gradient clipping (docs/science/model-and-training.md §8.3, PyTorch's <c>clip_grad_norm_</c>), for
/// gradients of element type T (double or float). The norm is summed in double; the scaling is done in T.
/// </summary>
public static class GradientClipping
{
    /// <summary>Euclidean norm over all blocks.</summary>
    public static double GlobalNorm<T>(IReadOnlyList<T[]> gradients) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (var g in gradients)
            foreach (var v in g)
            {
                double x = double.CreateTruncating(v);
                sum += x * x;
            }
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales every gradient by c/(‖g‖ + 10⁻⁶) when that factor is below 1. Returns the norm before and after.
    /// With <paramref name="maxNorm"/> null nothing is changed.
    /// </summary>
    public static (double Before, double After) Apply<T>(IReadOnlyList<T[]> gradients, double? maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double norm = GlobalNorm(gradients);
        if (maxNorm is not { } c) return (norm, norm);
        double factor = c / (norm + 1e-6);
        if (!(factor < 1)) return (norm, norm);
        T scale = T.CreateTruncating(factor);
        foreach (var g in gradients)
            for (int i = 0; i < g.Length; i++) g[i] *= scale;
        return (norm, norm * factor);
    }
}
