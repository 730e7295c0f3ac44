using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>Which spectra a run records at its spectral checkpoints.</summary>
[Flags]
public enum SpectrumKinds
{
    None = 0,
    /// <summary>The joint Jacobian J (the joint matrix P at the origin; see <see cref="EvaluationSettings.Jacobian"/>).</summary>
    Joint = 1,
    /// <summary>The column-form recurrent matrix W alone.</summary>
    Network = 2,
}

/// <summary>
/// Spectral metrics of a checkpoint (docs/science/analysis-maths.md §2): <c>spectral_radius</c> ρ(J) of the joint Jacobian J, the dominant
/// eigenvalue (<c>dom_re</c>, <c>dom_im</c>, <c>dom_abs</c>; largest modulus, Im ≥ 0), <c>has_unstable_complex</c>,
/// <c>lambda3</c> (largest real eigenvalue) and <c>rho_w</c> = ρ(W) (leaky RNN only); the sorted spectra go to the
/// arrays <c>eig_p</c> and <c>eig_w</c>. At the origin J is the paper's joint matrix P: for a linear or tanh RNN on a
/// linear plant P is built in closed form (<see cref="JointMatrix"/>), and for the paper's rank-1 model its three
/// non-zero eigenvalues are the roots of the cubic of docs/science/analysis-maths.md §3.4 (no (k+N)-dimensional eigen-solve). Any other
/// agent, plant or operating point goes through <see cref="JointJacobian"/> (docs/generalisation.md); along a
/// trajectory the column <c>jacobian_step</c> names the step whose Jacobian is reported.
/// </summary>
public sealed class SpectralMonitor : ICheckpointMonitor
{
    private static readonly MetricColumn[] Cols =
    [
        new("spectral_radius"), new("dom_re"), new("dom_im"), new("dom_abs"),
        new("has_unstable_complex"), new("lambda3"), new("rho_w"),
    ];

    private readonly LinearPlant? _plant;
    private readonly int _every;
    private readonly SpectrumKinds _kinds;
    private readonly bool _rankOne, _closedForm;
    private readonly JacobianSpectra _jacobian;
    private readonly MetricColumn[] _columns;

    public SpectralMonitor(RunSettings s, EvaluationRollout eval)
    {
        _plant = eval.Plant as LinearPlant;
        _every = s.Evaluation.SpectrumEvery;
        _kinds = s.Evaluation.Spectra;
        var net = s.LearnerNetwork;
        _rankOne = _plant is not null && IsPaperRankOne(net, _plant);
        _closedForm = _plant is not null && net.Cell == Cell.Rnn && net.Activation != Activation.Relu && s.Evaluation.Jacobian.At == JacobianPoint.Origin;
        _jacobian = new JacobianSpectra(s, eval);
        _columns = s.Evaluation.Jacobian.At == JacobianPoint.Trajectory ? [.. Cols, new MetricColumn("jacobian_step")] : Cols;
    }

    public IReadOnlyList<MetricColumn> Columns => _columns;

    public bool IsDue(int epoch, int epochs) => _every > 0 && (epoch % _every == 0 || epoch == epochs - 1);

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        if ((_kinds & SpectrumKinds.Joint) != 0 && JointSpectrum(epoch, p) is { } found)
        {
            var sp = found.Spectrum;
            values[0] = sp.Radius;
            values[1] = sp.Dominant.Real;
            values[2] = sp.Dominant.Imaginary;
            values[3] = sp.Dominant.Magnitude;
            values[4] = sp.HasUnstableComplex ? 1 : 0;
            values[5] = sp.Lambda3;
            if (values.Length > 7) values[7] = found.Step;
            arrays.Add("eig_p", [.. sp.Eigenvalues]);
        }
        if ((_kinds & SpectrumKinds.Network) != 0 && !p.IsGru)
        {
            var w = Spectrum.Of(p.RecurrentColumnForm());
            values[6] = w.Radius;
            arrays.Add("eig_w", [.. w.Eigenvalues]);
        }
    }

    private (Spectrum Spectrum, int? Step)? JointSpectrum(int epoch, NetworkParameters p)
    {
        if (!_closedForm) return _jacobian.Of(epoch, p);
        if (!p.AllFinite()) return null;
        if (_rankOne && p.DenseRecurrentIsFrozenZero())
            return (Spectrum.FromEigenvalues(new RankOneModel(OrderParameters.Of(p)).CubicRoots()), null);
        return JointMatrix.TryBuild(_plant!, p, out var m) ? (Spectrum.Of(m), null) : null;
    }

    /// <summary>
    /// True for the paper's rank-1 theory model: linear, rank 1, one input and output, γ = 1, the double integrator
    /// (dt = 1, position observed, f_B = 1), no biases.
    /// </summary>
    internal static bool IsPaperRankOne(NetworkSettings net, LinearPlant plant) =>
        net.Activation == Activation.Linear && net.Recurrence == Recurrence.LowRank && net.Rank == 1
        && net.Inputs == 1 && net.Outputs == 1 && net.Gamma == 1.0
        && (net.Trainable & (ParameterBlocks.HiddenBias | ParameterBlocks.OutputBias)) == 0
        && plant.Name == "double_integrator" && plant.FeedbackFactor == 1.0;
}
