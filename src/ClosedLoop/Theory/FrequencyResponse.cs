using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Theory;

/// <summary>
/// The closed-loop frequency response of a linear network tracking a reference (docs/science/analysis-maths.md §1.3,
/// §9): the transfer matrix H(z) from the reference channels r_t to the position the loss charges against r_t,
/// <code>
/// H(z) = z Q (zI − P)⁻¹ G,   G = (0; γ M_ref),   Q = C [A  B_eff Z] (AfterStep)  or  Q = [C  0] (BeforeStep),
/// </code>
/// evaluated on the unit circle at z = e^{iω dt}. H(e^{iω dt}) = I is perfect steady-state tracking at ω.
/// </summary>
/// <remarks>
/// <para>Derivation with the engine's timing (docs/science/model-and-training.md §4, FirstControl = ActFromStart):
/// at step t the network reads o_t = (C x_t, r_t), h_t = (1−γ)h_{t−1} + γ(W h_{t−1} + M_pos C x_t + M_ref r_t),
/// u_t = Z h_t, x_{t+1} = A x_t + B_eff u_t. With s_t = (x_t; h_t) this is s_t = P s_{t−1} + G r_t from
/// s_{−1} = 0 (x_0 = 0, h_{−1} = 0), P the joint matrix of <see cref="JointMatrix"/>, so s_t = Σ_j P^{t−j} G r_j.
/// The AfterStep loss charges C x_{t+1} = C[A  B_eff Z] s_t against r_t, BeforeStep charges C x_t = [C 0] s_t:
/// y_t = Q s_t, whose z-transform is Y(z) = z Q (zI − P)⁻¹ G R(z). (With FirstControl = Zero the controller skips
/// r_0, which changes the transient only.)</para>
/// <para>When ρ(P) &lt; 1, the response to r_t = Re(c e^{iω dt t}) converges to Re(H(e^{iω dt}) c e^{iω dt t}) at the
/// rate ρ(P)^t; when ρ(P) ≥ 1 there is no steady state and H describes nothing the loop does. The only nonlinearity
/// of the tracking loop is the plant's clamp: the clamped loop follows the linear one exactly as long as no state
/// component leaves the box, which is the case for a stable loop with |H| near 1 and the task's amplitudes.
/// Biases shift the response by a constant and do not enter H. Linear networks only: for tanh, H at the origin
/// would be a small-signal response, while the reference amplitude (2.31) is not small.</para>
/// </remarks>
public sealed class FrequencyResponse
{
    private readonly Mat _p, _q, _g;

    private FrequencyResponse(Mat p, Mat q, Mat g, double dt)
    {
        _p = p;
        _q = q;
        _g = g;
        Dt = dt;
    }

    /// <summary>The joint matrix P ((k+N)×(k+N)).</summary>
    public Mat Joint => _p;

    /// <summary>Sampling interval dt of the loop (the plant's), so that z = e^{iω dt}.</summary>
    public double Dt { get; }

    /// <summary>Number of charged position components (rows of H).</summary>
    public int Outputs => _q.Rows;

    /// <summary>Number of reference channels (columns of H).</summary>
    public int References => _g.Cols;

    /// <summary>
    /// The response of <paramref name="parameters"/> driving <paramref name="plant"/>, whose inputs beyond the
    /// plant's observed components are the reference channels (there must be as many as observed components).
    /// </summary>
    /// <exception cref="ArgumentException">The network is not linear, or the inputs do not split into observations and references.</exception>
    public static FrequencyResponse Of(LinearPlant plant, NetworkParameters parameters, LossTiming timing = LossTiming.AfterStep)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(parameters);
        var net = parameters.Settings;
        if (net.Activation != Activation.Linear)
            throw new ArgumentException($"network.activation = {net.Activation} is not allowed for the frequency response: it is defined for linear networks (allowed: Linear)");
        int c = plant.ObservationSize, refs = net.Inputs - c;
        if (refs != c)
            throw new ArgumentException($"network.inputs = {net.Inputs} is not allowed for the frequency response: it needs {c} observed positions and {c} reference channels ({2 * c} inputs)");
        var p = JointMatrix.Build(plant, parameters);
        int k = plant.StateSize, dim = p.Rows;
        var m = parameters.InputColumnForm();
        var g = new Mat(dim, refs);
        for (int i = 0; i < parameters.N; i++)
            for (int j = 0; j < refs; j++) g[k + i, j] = net.Gamma * m[i, c + j];
        var q = new Mat(c, dim);
        for (int a = 0; a < c; a++)
            for (int j = 0; j < dim; j++)
            {
                double v = 0;
                if (timing == LossTiming.AfterStep)
                    for (int l = 0; l < k; l++) v += plant.C[a, l] * p[l, j];
                else if (j < k) v = plant.C[a, j];
                q[a, j] = v;
            }
        return new FrequencyResponse(p, q, g, plant.Dt);
    }

    /// <summary>H(e^{iω dt}) at angular frequency <paramref name="omega"/> (rad per unit time).</summary>
    public ResponseMatrix At(double omega)
    {
        if (!double.IsFinite(omega)) throw new ArgumentException($"response.omega = {omega} is not allowed: it must be finite");
        return AtZ(Complex.FromPolarCoordinates(1, omega * Dt));
    }

    /// <summary>H(z) at any complex z that is not an eigenvalue of P.</summary>
    /// <exception cref="ArithmeticException">zI − P is singular (z is an eigenvalue of P).</exception>
    public ResponseMatrix AtZ(Complex z)
    {
        int dim = _p.Rows;
        var a = new Complex[dim * dim];
        for (int i = 0; i < dim; i++)
            for (int j = 0; j < dim; j++) a[i * dim + j] = (i == j ? z : Complex.Zero) - _p[i, j];
        var lu = ComplexLu.InPlace(a, dim);
        var h = new Complex[Outputs * References];
        var rhs = new Complex[dim];
        for (int j = 0; j < References; j++)
        {
            for (int i = 0; i < dim; i++) rhs[i] = _g[i, j];
            var x = lu.Solve(rhs);
            for (int r = 0; r < Outputs; r++)
            {
                Complex s = Complex.Zero;
                for (int l = 0; l < dim; l++) s += _q[r, l] * x[l];
                h[r * References + j] = z * s;
            }
        }
        return new ResponseMatrix(Outputs, References, h);
    }
}

/// <summary>A transfer matrix H (rows: charged positions, columns: reference channels) at one frequency.</summary>
public sealed record ResponseMatrix(int Rows, int Cols, IReadOnlyList<Complex> Entries)
{
    /// <summary>H[row, col]: the response of position <paramref name="row"/> to reference channel <paramref name="col"/>.</summary>
    public Complex this[int row, int col] => Entries[row * Cols + col];

    /// <summary>
    /// The steady-state tracking error of a unit sinusoid on reference channel <paramref name="col"/>:
    /// ‖(H − I) e_col‖ = (|H[col,col] − 1|² + Σ_{row ≠ col} |H[row,col]|²)^{1/2}. A probe of amplitude a then has
    /// the steady-state mean-square error (a²/2)·error².
    /// </summary>
    public double ColumnError(int col)
    {
        double s = 0;
        for (int r = 0; r < Rows; r++)
        {
            var d = this[r, col] - (r == col ? Complex.One : Complex.Zero);
            s += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return Math.Sqrt(s);
    }
}
