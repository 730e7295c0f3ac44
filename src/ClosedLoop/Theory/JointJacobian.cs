using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>Where the joint Jacobian is taken (docs/generalisation.md).</summary>
public enum JacobianPoint
{
    /// <summary>At s = (x, h) = 0 (the paper's P for linear agents; the linearisation at the origin for tanh).</summary>
    Origin,
    /// <summary>At the state averaged over the evaluation rollouts (all samples and steps t = 0..T−1).</summary>
    MeanState,
    /// <summary>At every step t of the evaluation rollouts, averaged over the samples; the least stable step is reported.</summary>
    Trajectory,
}

/// <summary>Where the joint Jacobian of a run is taken (<c>evaluation.jacobian</c> in training, <c>analysis.jacobian</c> in analyze).</summary>
public sealed record JacobianSettings
{
    /// <summary>The operating point (default: the origin, the paper's P).</summary>
    public JacobianPoint At { get; init; } = JacobianPoint.Origin;
}

/// <summary>
/// The Jacobian J of the closed-loop map (x_t, h_t) ↦ (x_{t+1}, h_{t+1}) for any controller (leaky RNN of any
/// activation, GRU) and any plant with Jacobians (<see cref="IPlant.Linearize"/>): the paper's joint matrix P of
/// docs/science/analysis-maths.md §1 generalised (docs/science/analysis-maths.md §1; docs/generalisation.md).
/// </summary>
/// <remarks>
/// With the timing of docs/science/model-and-training.md §4 (h_t is the state after reading x_t, u_t = Z h_t + b_o acts on the plant), the map is
/// <c>x' = f_t(x, u(h))</c>, <c>h' = cell(h, [g(x'), e])</c> with e the exogenous inputs (tracking reference channels,
/// held fixed), so
/// <code>
/// J = [ F_x                 F_u Z                   ]
///     [ C_o G_x' F_x        C_h + C_o G_x' F_u Z    ]      ((k+N)×(k+N))
/// </code>
/// with F_x, F_u the plant's step Jacobians at (x, u), G_x' the observation Jacobian at x', and C_h, C_o the cell's
/// Jacobians at (h, o') (<see cref="CellJacobian"/>; only the observation columns of C_o enter). For a linear agent on a
/// linear plant J = P of <see cref="JointMatrix"/> (to rounding: the products are associated differently).
/// </remarks>
public sealed class JointJacobian
{
    private readonly IPlant _plant;
    private readonly IPlantDynamics<double> _dynamics;
    private readonly CellJacobian _cell;
    private readonly Mat _z;
    private readonly int _k, _n, _nin, _c;

    /// <summary>Prepares the Jacobians of <paramref name="parameters"/> driving <paramref name="plant"/>.</summary>
    public JointJacobian(IPlant plant, NetworkParameters parameters)
    {
        _plant = plant ?? throw new ArgumentNullException(nameof(plant));
        _dynamics = plant.Dynamics<double>();
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Settings.Outputs != plant.ControlSize)
            throw new ArgumentException($"network.outputs = {parameters.Settings.Outputs} is not allowed: the plant '{plant.Name}' takes {plant.ControlSize} controls");
        if (parameters.Settings.Inputs < plant.ObservationSize)
            throw new ArgumentException($"network.inputs = {parameters.Settings.Inputs} is not allowed: the plant '{plant.Name}' observes {plant.ObservationSize} values");
        _cell = new CellJacobian(parameters);
        _z = _cell.Readout;
        _k = plant.StateSize;
        _n = parameters.N;
        _nin = parameters.Settings.Inputs;
        _c = plant.ObservationSize;
    }

    /// <summary>Size k + N of the joint state.</summary>
    public int Size => _k + _n;

    /// <summary>
    /// J at plant state <paramref name="x"/>, hidden state <paramref name="h"/> and step <paramref name="t"/> (the plant
    /// step may depend on it, e.g. the ring's moving target); <paramref name="exogenous"/> holds the n_in − c
    /// exogenous inputs of the next step (empty: zeros). False where the cell is not differentiable (a relu kink).
    /// </summary>
    public bool TryAt(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> h, ReadOnlySpan<double> exogenous, out Mat jacobian)
    {
        var u = _cell.Output(h);
        var step = _plant.Linearize(t, x, u);
        var next = new double[_k];
        _dynamics.Step(t, x, u, default, next, new double[_k], 1);
        var observe = _plant.Linearize(t + 1, next, u).Observation; // G at x'
        var o = new double[_nin];
        _dynamics.Observe(next, o, 1);
        exogenous.CopyTo(o.AsSpan(_c));
        if (!_cell.TryAt(h, o, out var ch, out var co))
        {
            jacobian = null!;
            return false;
        }
        var coObs = co.LeftColumns(_c) * observe;      // N×k: C_o G_x'
        var fuZ = step.Control * _z;                      // k×N: F_u Z
        var lowerLeft = coObs * step.State;
        var lowerRight = ch + coObs * fuZ;
        jacobian = new Mat(_k + _n, _k + _n);
        Place(jacobian, step.State, 0, 0);
        Place(jacobian, fuZ, 0, _k);
        Place(jacobian, lowerLeft, _k, 0);
        Place(jacobian, lowerRight, _k, _k);
        return true;
    }

    /// <summary>J at the origin x = 0, h = 0, zero exogenous inputs, step 0.</summary>
    public bool TryAtOrigin(out Mat jacobian) => TryAt(0, new double[_k], new double[_n], default, out jacobian);

    private static void Place(Mat target, Mat block, int row, int col)
    {
        for (int i = 0; i < block.Rows; i++)
            for (int j = 0; j < block.Cols; j++) target[row + i, col + j] = block[i, j];
    }
}
