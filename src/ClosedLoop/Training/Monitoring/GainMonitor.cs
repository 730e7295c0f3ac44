using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>
/// Effective feedback gains of a checkpoint (docs/science/analysis-maths.md §8.1): least-squares <c>k1</c>, <c>k2</c> of u ≈ k1·x + k2·v over
/// the evaluation rollout (first T steps), and the class of the gain system P_red(k) (<c>p_red_class</c>: stable,
/// unstable_osc, unstable_real; docs/science/analysis-maths.md §8.2). Defined for two-state, one-control plants.
/// </summary>
public sealed class GainMonitor : ICheckpointMonitor
{
    private static readonly MetricColumn[] Cols =
    [
        new("k1"), new("k2"), new("p_red_class", ["unstable_real", "unstable_osc", "stable"]),
    ];

    private readonly EvaluationRollout _eval;
    private readonly RunSettings _s;

    public GainMonitor(RunSettings s, EvaluationRollout eval)
    {
        _s = s;
        _eval = eval;
    }

    /// <summary>True for two-state, one-control plants (the double integrator family).</summary>
    public static bool Applies(LinearPlant plant) => plant.StateSize == 2 && plant.ControlSize == 1;

    public IReadOnlyList<MetricColumn> Columns => Cols;

    public bool IsDue(int epoch, int epochs) => epoch % _s.Evaluation.Every == 0 || epoch == epochs - 1;

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        _eval.Ensure(epoch, p);
        int steps = _s.Episode.Steps, n = _s.Evaluation.Count;
        var gains = EffectiveGains.Fit(_eval.States[..((steps + 1) * n * 2)], _eval.Controls[..(steps * n)], steps, n, _s.Evaluation.GainFit);
        if (!gains.IsValid) return;
        values[0] = gains.K1;
        values[1] = gains.K2;
        values[2] = (int)StabilityMap.Classify(gains);
    }
}
