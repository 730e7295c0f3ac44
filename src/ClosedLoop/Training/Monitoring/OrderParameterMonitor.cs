using ClosedLoop.Controllers;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>
/// Order parameters of a rank-1 network (docs/science/analysis-maths.md §3.2, plain dot products): <c>sigma_zm</c>, <c>sigma_zu</c>,
/// <c>sigma_vm</c>, <c>sigma_vu</c>, <c>sigma_prod</c> = π = σ_vm σ_zu, and the Stage-2 perturbative
/// <c>lambda3_pert</c> and <c>lambda1_sq_pert</c> (docs/science/analysis-maths.md §5.1–5.2).
/// </summary>
public sealed class OrderParameterMonitor : ICheckpointMonitor
{
    private static readonly MetricColumn[] Cols =
    [
        new("sigma_zm"), new("sigma_zu"), new("sigma_vm"), new("sigma_vu"), new("sigma_prod"),
        new("lambda3_pert"), new("lambda1_sq_pert"),
    ];

    public IReadOnlyList<MetricColumn> Columns => Cols;

    /// <summary>True for networks whose order parameters are defined (rank 1, one input, one output).</summary>
    public static bool Applies(NetworkSettings net) =>
        net.Recurrence == Recurrence.LowRank && net.Rank == 1 && net.Inputs == 1 && net.Outputs == 1;

    public bool IsDue(int epoch, int epochs) => true;

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        var o = OrderParameters.Of(p);
        values[0] = o.SigmaZm;
        values[1] = o.SigmaZu;
        values[2] = o.SigmaVm;
        values[3] = o.SigmaVu;
        values[4] = o.Pi;
        values[5] = StageTwo.Lambda3Perturbative(o);
        values[6] = StageTwo.Lambda1SquaredPerturbative(o);
    }
}
