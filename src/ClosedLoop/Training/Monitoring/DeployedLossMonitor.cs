using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>
/// Deployed ("test") losses of a checkpoint on the fixed evaluation set (docs/science/model-and-training.md §6.3, docs/science/analysis-maths.md §10). Regulation:
/// <c>test_loss</c> = D = (1/T) Σ_t (1/n_ev) Σ_b ‖x_{t,b}‖² (the states charged by the experiment's timing), with
/// <c>test_loss_sum</c> = T·D (the published tanh-figure scale), <c>test_loss_per_component</c> = D/k (the tanh
/// notebook's formula, D/2 for the double integrator), <c>test_peak_step</c> = max_t of the per-step cost and
/// <c>test_loss_h{H}</c> = D_H. Tracking: <c>test_loss</c> is the training formula's state term on the evaluation
/// references.
/// </summary>
public sealed class DeployedLossMonitor : ICheckpointMonitor
{
    private readonly EvaluationRollout _eval;
    private readonly RunSettings _s;
    private readonly MetricColumn[] _columns;

    public DeployedLossMonitor(RunSettings settings, EvaluationRollout eval)
    {
        _s = settings;
        _eval = eval;
        var cols = new List<string> { "test_loss", "test_loss_sum", "test_loss_per_component", "test_peak_step" };
        cols.AddRange(settings.Evaluation.Horizons.Select(h => $"test_loss_h{h}"));
        _columns = cols.Select(c => new MetricColumn(c)).ToArray();
    }

    public IReadOnlyList<MetricColumn> Columns => _columns;

    public bool IsDue(int epoch, int epochs) => epoch % _s.Evaluation.Every == 0 || epoch == epochs - 1;

    public void Evaluate(int epoch, NetworkParameters parameters, Span<double?> values, CheckpointArrays arrays)
    {
        _eval.Ensure(epoch, parameters);
        var per = _eval.PerStepCost;
        int steps = _s.Episode.Steps;
        double d = Mean(per[..steps]);
        bool tracking = _s.Objective.Task == TaskKind.Tracking;
        values[0] = tracking ? _eval.TrainingStateCost() : d;
        values[1] = tracking ? null : steps * d;
        values[2] = tracking ? null : d / _eval.Plant.StateSize;
        double peak = double.NegativeInfinity;
        foreach (var v in per[..steps]) peak = double.IsNaN(v) ? double.NaN : Math.Max(peak, v);
        values[3] = peak;
        for (int i = 0; i < _s.Evaluation.Horizons.Count; i++)
            values[4 + i] = Mean(per[.._s.Evaluation.Horizons[i]]);
    }

    private static double Mean(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        return s / v.Length;
    }
}
