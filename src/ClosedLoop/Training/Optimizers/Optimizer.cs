using System.Numerics;

namespace ClosedLoop.Training.Optimizers;

/// <summary>
/// SGD or Adam over a fixed list of parameter blocks (docs/science/model-and-training.md §8) of element type T (double,
/// or float in single precision: the moments are then float too). Adam keeps its moments per element and counts only
/// the updates actually made. The bias corrections 1 − β^t are computed in double and rounded to T.
/// </summary>
public sealed class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly OptimizerSettings _s;
    private readonly T[][] _m1, _m2;
    private long _steps;

    public Optimizer(OptimizerSettings settings, IReadOnlyList<int> blockSizes)
    {
        _s = settings.Validated();
        bool adam = settings.Kind == OptimizerKind.Adam;
        _m1 = blockSizes.Select(n => adam ? new T[n] : []).ToArray();
        _m2 = blockSizes.Select(n => adam ? new T[n] : []).ToArray();
    }

    public OptimizerSettings Settings => _s;

    /// <summary>Number of updates made so far.</summary>
    public long Steps => _steps;

    /// <summary>A copy of the state that later updates depend on: the step count and Adam's moments (as double, exactly).</summary>
    public OptimizerState Capture() =>
        new(_steps, _m1.Select(Widened).ToArray(), _m2.Select(Widened).ToArray());

    private static double[] Widened(T[] m) => m.Select(double.CreateTruncating).ToArray();

    /// <summary>Continues from a state taken by <see cref="Capture"/> of an optimiser with the same blocks.</summary>
    public void Restore(OptimizerState state)
    {
        if (state.Steps < 0) throw new InvalidDataException($"optimizer steps = {state.Steps} is negative");
        Copy(state.FirstMoments, _m1, "first");
        Copy(state.SecondMoments, _m2, "second");
        _steps = state.Steps;
    }

    private static void Copy(IReadOnlyList<double[]> from, T[][] to, string which)
    {
        if (from.Count != to.Length) throw new InvalidDataException($"the saved {which} moments have {from.Count} blocks; the optimiser has {to.Length}");
        for (int b = 0; b < to.Length; b++)
        {
            if (from[b].Length != to[b].Length) throw new InvalidDataException($"the saved {which} moments of block {b} have {from[b].Length} values; the optimiser needs {to[b].Length}");
            Numerics.Elements.Round<T>(from[b], to[b]);
        }
    }

    /// <summary>One update of every block with its (already clipped) gradient.</summary>
    public void Step(IReadOnlyList<T[]> parameters, IReadOnlyList<T[]> gradients)
    {
        if (parameters.Count != _m1.Length || gradients.Count != _m1.Length)
            throw new ArgumentException($"the optimiser was built for {_m1.Length} blocks");
        _steps++;
        T lr = T.CreateTruncating(_s.LearningRate);
        if (_s.Kind == OptimizerKind.Sgd)
        {
            for (int b = 0; b < parameters.Count; b++)
            {
                var p = parameters[b];
                var g = gradients[b];
                for (int i = 0; i < p.Length; i++) p[i] -= lr * g[i];
            }
            return;
        }
        T b1 = T.CreateTruncating(_s.Beta1), b2 = T.CreateTruncating(_s.Beta2), eps = T.CreateTruncating(_s.Epsilon);
        T keep1 = T.CreateTruncating(1 - _s.Beta1), keep2 = T.CreateTruncating(1 - _s.Beta2);
        T c1 = T.CreateTruncating(1 - Math.Pow(_s.Beta1, _steps)), c2 = T.CreateTruncating(1 - Math.Pow(_s.Beta2, _steps));
        for (int b = 0; b < parameters.Count; b++)
        {
            var p = parameters[b];
            var g = gradients[b];
            var m = _m1[b];
            var v = _m2[b];
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = b1 * m[i] + keep1 * g[i];
                v[i] = b2 * v[i] + keep2 * g[i] * g[i];
                p[i] -= lr * (m[i] / c1) / (T.Sqrt(v[i] / c2) + eps);
            }
        }
    }
}

/// <summary>The optimiser's state between updates (empty moment arrays for SGD).</summary>
/// <param name="Steps">Updates made so far (Adam's bias correction uses it).</param>
/// <param name="FirstMoments">Adam's first moments, one array per trainable block.</param>
/// <param name="SecondMoments">Adam's second moments, one array per trainable block.</param>
public sealed record OptimizerState(long Steps, IReadOnlyList<double[]> FirstMoments, IReadOnlyList<double[]> SecondMoments);
