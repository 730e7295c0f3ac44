using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>
/// The spectrum of the joint Jacobian of a checkpoint at the run's operating point (<see cref="EvaluationSettings.Jacobian"/>;
/// docs/generalisation.md): at the origin; at the mean evaluation state (x̄, h̄ averaged over the evaluation samples and
/// the steps t = 0..T−1, exogenous inputs averaged likewise, step 0); or along the evaluation rollout, where J_t is the
/// mean over the samples of J(x_{t,b}, h_{t,b}) with the exogenous inputs of step t+1, and the least stable step
/// t* = argmax_t ρ(J_t) is reported (its spectrum, and t* itself).
/// </summary>
internal sealed class JacobianSpectra
{
    private readonly RunSettings _s;
    private readonly IPlant _plant;
    private readonly EvaluationRollout _eval;
    private readonly JacobianPoint _at;

    public JacobianSpectra(RunSettings s, EvaluationRollout eval)
    {
        _s = s;
        _plant = eval.Plant;
        _eval = eval;
        _at = s.Evaluation.Jacobian.At;
    }

    /// <summary>The spectrum and, along a trajectory, the step it was taken at; null where J is not defined or not finite.</summary>
    public (Spectrum Spectrum, int? Step)? Of(int epoch, NetworkParameters p)
    {
        if (!p.AllFinite()) return null;
        var jacobian = new JointJacobian(_plant, p);
        if (_at == JacobianPoint.Origin)
            return jacobian.TryAtOrigin(out var j0) && IsFinite(j0) ? (Spectrum.Of(j0), null) : null;
        _eval.Ensure(epoch, p);
        return _at == JacobianPoint.MeanState ? AtMeanState(jacobian) : AlongTrajectory(jacobian);
    }

    private (Spectrum, int?)? AtMeanState(JointJacobian jacobian)
    {
        int steps = _s.Episode.Steps, n = _s.Evaluation.Count, k = _plant.StateSize, hn = _s.LearnerNetwork.Hidden, exo = Exogenous;
        var x = MeanRows(_eval.States[..(steps * n * k)], k);
        var h = MeanRows(_eval.Hidden[..(steps * n * hn)], hn);
        var e = exo == 0 ? [] : MeanRows(_eval.References[..(steps * n * exo)], exo);
        return jacobian.TryAt(0, x, h, e, out var j) && IsFinite(j) ? (Spectrum.Of(j), null) : null;
    }

    private (Spectrum, int?)? AlongTrajectory(JointJacobian jacobian)
    {
        int steps = _s.Episode.Steps, n = _s.Evaluation.Count, k = _plant.StateSize, hn = _s.LearnerNetwork.Hidden, exo = Exogenous;
        int refSteps = exo == 0 ? 0 : _eval.References.Length / (n * exo);
        (Spectrum Spectrum, int Step)? worst = null;
        for (int t = 0; t < steps; t++)
        {
            Mat? sum = null;
            int used = 0;
            for (int b = 0; b < n; b++)
            {
                var e = exo == 0 || t + 1 >= refSteps ? new double[exo] : _eval.References.Slice(((t + 1) * n + b) * exo, exo);
                if (!jacobian.TryAt(t, _eval.States.Slice((t * n + b) * k, k), _eval.Hidden.Slice((t * n + b) * hn, hn), e, out var j)) continue;
                sum = sum is null ? j : sum + j;
                used++;
            }
            if (sum is null || !IsFinite(sum)) continue;
            var sp = Spectrum.Of((1.0 / used) * sum);
            if (worst is null || sp.Radius > worst.Value.Spectrum.Radius) worst = (sp, t);
        }
        return worst is { } w ? (w.Spectrum, w.Step) : null;
    }

    private int Exogenous => _s.LearnerNetwork.Inputs - _plant.ObservationSize;

    /// <summary>The mean over the rows of a (rows × width) block.</summary>
    private static double[] MeanRows(ReadOnlySpan<double> data, int width)
    {
        var mean = new double[width];
        int rows = data.Length / width;
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < width; i++) mean[i] += data[r * width + i];
        for (int i = 0; i < width; i++) mean[i] /= rows;
        return mean;
    }

    private static bool IsFinite(Mat m) => Array.TrueForAll(m.Data, double.IsFinite);
}
