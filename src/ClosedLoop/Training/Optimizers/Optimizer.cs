namespace ClosedLoop.Training.Optimizers;

/// <summary>
/// SGD or Adam over a fixed list of parameter blocks (docs/science/model-and-training.md §8). Adam keeps its moments per element and counts
/// only the updates actually made.
/// </summary>
public sealed class Optimizer
{
    private readonly OptimizerSettings _s;
    private readonly double[][] _m1, _m2;
    private long _steps;

    public Optimizer(OptimizerSettings settings, IReadOnlyList<int> blockSizes)
    {
        _s = settings.Validated();
        bool adam = settings.Kind == OptimizerKind.Adam;
        _m1 = blockSizes.Select(n => adam ? new double[n] : []).ToArray();
        _m2 = blockSizes.Select(n => adam ? new double[n] : []).ToArray();
    }

    public OptimizerSettings Settings => _s;

    /// <summary>Number of updates made so far.</summary>
    public long Steps => _steps;

    /// <summary>A copy of the state that later updates depend on: the step count and Adam's moments.</summary>
    public OptimizerState Capture() =>
        new(_steps, _m1.Select(m => (double[])m.Clone()).ToArray(), _m2.Select(m => (double[])m.Clone()).ToArray());

    /// <summary>Continues from a state taken by <see cref="Capture"/> of an optimiser with the same blocks.</summary>
    public void Restore(OptimizerState state)
    {
        if (state.Steps < 0) throw new InvalidDataException($"optimizer steps = {state.Steps} is negative");
        Copy(state.FirstMoments, _m1, "first");
        Copy(state.SecondMoments, _m2, "second");
        _steps = state.Steps;
    }

    private static void Copy(IReadOnlyList<double[]> from, double[][] to, string which)
    {
        if (from.Count != to.Length) throw new InvalidDataException($"the saved {which} moments have {from.Count} blocks; the optimiser has {to.Length}");
        for (int b = 0; b < to.Length; b++)
        {
            if (from[b].Length != to[b].Length) throw new InvalidDataException($"the saved {which} moments of block {b} have {from[b].Length} values; the optimiser needs {to[b].Length}");
            from[b].CopyTo(to[b], 0);
        }
    }

    /// <summary>One update of every block with its (already clipped) gradient.</summary>
    public void Step(IReadOnlyList<double[]> parameters, IReadOnlyList<double[]> gradients)
    {
        if (parameters.Count != _m1.Length || gradients.Count != _m1.Length)
            throw new ArgumentException($"the optimiser was built for {_m1.Length} blocks");
        _steps++;
        double lr = _s.LearningRate;
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
        double b1 = _s.Beta1, b2 = _s.Beta2, eps = _s.Epsilon;
        double c1 = 1 - Math.Pow(b1, _steps), c2 = 1 - Math.Pow(b2, _steps);
        for (int b = 0; b < parameters.Count; b++)
        {
            var p = parameters[b];
            var g = gradients[b];
            var m = _m1[b];
            var v = _m2[b];
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr * (m[i] / c1) / (Math.Sqrt(v[i] / c2) + eps);
            }
        }
    }
}

/// <summary>The optimiser's state between updates (empty moment arrays for SGD).</summary>
/// <param name="Steps">Updates made so far (Adam's bias correction uses it).</param>
/// <param name="FirstMoments">Adam's first moments, one array per trainable block.</param>
/// <param name="SecondMoments">Adam's second moments, one array per trainable block.</param>
public sealed record OptimizerState(long Steps, IReadOnlyList<double[]> FirstMoments, IReadOnlyList<double[]> SecondMoments);
