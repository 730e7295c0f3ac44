using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>Which spectra a run records at its spectral checkpoints.</summary>
[Flags]
public enum SpectrumKinds
{
    None = 0,
    /// <summary>The joint agent–environment matrix P (linearised at the origin for tanh; none for relu).</summary>
    Joint = 1,
    /// <summary>The column-form recurrent matrix W alone.</summary>
    Network = 2,
}

/// <summary>
/// Spectral metrics of a checkpoint (docs/science/analysis-maths.md §2): <c>spectral_radius</c> ρ(P), the dominant eigenvalue
/// (<c>dom_re</c>, <c>dom_im</c>, <c>dom_abs</c>; largest modulus, Im ≥ 0), <c>has_unstable_complex</c>,
/// <c>lambda3</c> (largest real eigenvalue) and <c>rho_w</c> = ρ(W); the sorted spectra go to the arrays
/// <c>eig_p</c> and <c>eig_w</c>. For the paper's rank-1 model P has exactly three non-zero eigenvalues, the roots
/// of the cubic of docs/science/analysis-maths.md §3.4, which are used instead of a (k+N)-dimensional eigen-solve.
/// </summary>
public sealed class SpectralMonitor : ICheckpointMonitor
{
    private static readonly MetricColumn[] Cols =
    [
        new("spectral_radius"), new("dom_re"), new("dom_im"), new("dom_abs"),
        new("has_unstable_complex"), new("lambda3"), new("rho_w"),
    ];

    private readonly LinearPlant _plant;
    private readonly int _every;
    private readonly SpectrumKinds _kinds;
    private readonly bool _rankOne;

    public SpectralMonitor(RunSettings s)
    {
        _plant = s.Plant.Build();
        _every = s.Evaluation.SpectrumEvery;
        _kinds = s.Evaluation.Spectra;
        _rankOne = IsPaperRankOne(s.LearnerNetwork, _plant);
    }

    public IReadOnlyList<MetricColumn> Columns => Cols;

    public bool IsDue(int epoch, int epochs) => _every > 0 && (epoch % _every == 0 || epoch == epochs - 1);

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        if ((_kinds & SpectrumKinds.Joint) != 0 && JointSpectrum(p) is { } sp)
        {
            values[0] = sp.Radius;
            values[1] = sp.Dominant.Real;
            values[2] = sp.Dominant.Imaginary;
            values[3] = sp.Dominant.Magnitude;
            values[4] = sp.HasUnstableComplex ? 1 : 0;
            values[5] = sp.Lambda3;
            arrays.Add("eig_p", [.. sp.Eigenvalues]);
        }
        if ((_kinds & SpectrumKinds.Network) != 0)
        {
            var w = Spectrum.Of(p.RecurrentColumnForm());
            values[6] = w.Radius;
            arrays.Add("eig_w", [.. w.Eigenvalues]);
        }
    }

    private Spectrum? JointSpectrum(NetworkParameters p)
    {
        if (!p.AllFinite()) return null;
        if (_rankOne && p.DenseRecurrentIsFrozenZero())
            return Spectrum.FromEigenvalues(new RankOneModel(OrderParameters.Of(p)).CubicRoots());
        return JointMatrix.TryBuild(_plant, p, out var m) ? Spectrum.Of(m) : null;
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
