using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// The local linearisation of a controller's cell h' = cell(h, o) at one point, in column form: ∂h'/∂h (N×N) and
/// ∂h'/∂o (N×n_in). The readout u = Z h + b_o has the constant Jacobian Z. Built once per set of weights (the column
/// forms are precomputed), then evaluated at many points.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Leaky RNN (docs/science/model-and-training.md §2.1): a = W h + M o + b_h, ∂h'/∂h = (1−γ) I + γ D W, ∂h'/∂o = γ D M with D = diag(φ'(a)).
/// relu is not differentiable where a pre-activation is exactly 0 (docs/science/model-and-training.md §2.2 takes φ'(0) = 0 in training; decision 19 of
/// docs/science/decisions.md): the Jacobian is then reported as undefined (<see cref="TryAt"/> returns false). At the origin with zero
/// biases every unit sits on that kink, which is why relu has no P without another operating point.</item>
/// <item>GRU (docs/science/model-and-training.md §2.6): with r, q, n and gh_n = W_hn h + b_hn at the point,
/// ∂h'/∂h = diag(q) + diag((h − n) ⊙ q(1−q)) W_hq + diag((1−q)(1−n²)) [diag(r) W_hn + diag(gh_n ⊙ r(1−r)) W_hr] and
/// ∂h'/∂o = diag((h − n) ⊙ q(1−q)) W_iq + diag((1−q)(1−n²)) [W_in + diag(gh_n ⊙ r(1−r)) W_ir].</item>
/// </list>
/// </remarks>
public sealed class CellJacobian
{
    private readonly NetworkParameters _p;
    private readonly Mat[] _rec, _inp; // leaky RNN: one block (W, M); GRU: three (r, q, n)

    public CellJacobian(NetworkParameters parameters)
    {
        _p = parameters ?? throw new ArgumentNullException(nameof(parameters));
        if (parameters.IsGru)
        {
            _rec = [.. Enumerable.Range(0, 3).Select(g => parameters.GateColumnForm(g, recurrent: true))];
            _inp = [.. Enumerable.Range(0, 3).Select(g => parameters.GateColumnForm(g, recurrent: false))];
        }
        else
        {
            _rec = [parameters.RecurrentColumnForm()];
            _inp = [parameters.InputColumnForm()];
        }
    }

    /// <summary>Column-form readout Z (n_u×N).</summary>
    public Mat Readout => _p.ReadoutColumnForm();

    /// <summary>u = Z h + b_o at <paramref name="h"/>.</summary>
    public double[] Output(ReadOnlySpan<double> h)
    {
        int n = _p.N, nu = _p.Settings.Outputs;
        var u = (double[])_p.OutputBias.Clone();
        for (int j = 0; j < nu; j++)
            for (int i = 0; i < n; i++) u[j] += _p.Readout[i * nu + j] * h[i];
        return u;
    }

    /// <summary>∂h'/∂h and ∂h'/∂o at (h, o); false (and nulls) where the cell is not differentiable (a relu kink).</summary>
    public bool TryAt(ReadOnlySpan<double> h, ReadOnlySpan<double> o, out Mat hidden, out Mat input) =>
        _p.IsGru ? GruAt(h, o, out hidden, out input) : RnnAt(h, o, out hidden, out input);

    private bool RnnAt(ReadOnlySpan<double> h, ReadOnlySpan<double> o, out Mat hidden, out Mat input)
    {
        int n = _p.N;
        double gamma = _p.Settings.Gamma;
        var a = Affine(_rec[0], _inp[0], h, o, _p.HiddenBias, 0);
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            double? slope = Slope(_p.Settings.Activation, a[i]);
            if (slope is null)
            {
                hidden = input = null!;
                return false;
            }
            d[i] = gamma * slope.Value;
        }
        hidden = RowScaled(_rec[0], d);
        for (int i = 0; i < n; i++) hidden[i, i] += 1 - gamma;
        input = RowScaled(_inp[0], d);
        return true;
    }

    private bool GruAt(ReadOnlySpan<double> h, ReadOnlySpan<double> o, out Mat hidden, out Mat input)
    {
        int n = _p.N;
        var bi = _p.HiddenBias;
        var bh = _p.RecurrentBias;
        var r = Sigmoid(Sum(Affine(_rec[0], null, h, default, bh, 0), Affine(_inp[0], null, o, default, bi, 0)));
        var q = Sigmoid(Sum(Affine(_rec[1], null, h, default, bh, n), Affine(_inp[1], null, o, default, bi, n)));
        var ghn = Affine(_rec[2], null, h, default, bh, 2 * n);
        var gin = Affine(_inp[2], null, o, default, bi, 2 * n);
        var cand = new double[n];
        double[] dq = new double[n], dn = new double[n], dnr = new double[n];
        for (int i = 0; i < n; i++)
        {
            cand[i] = Math.Tanh(gin[i] + r[i] * ghn[i]);
            dq[i] = (h[i] - cand[i]) * q[i] * (1 - q[i]);       // ∂h'/∂a_q
            dn[i] = (1 - q[i]) * (1 - cand[i] * cand[i]);        // ∂h'/∂a_n
            dnr[i] = dn[i] * ghn[i] * r[i] * (1 - r[i]);        // ∂h'/∂a_r
        }
        hidden = RowScaled(_rec[1], dq) + RowScaled(_rec[2], Product(dn, r)) + RowScaled(_rec[0], dnr);
        for (int i = 0; i < n; i++) hidden[i, i] += q[i];
        input = RowScaled(_inp[1], dq) + RowScaled(_inp[2], dn) + RowScaled(_inp[0], dnr);
        return true;
    }

    /// <summary>φ'(a); null at a relu kink (a = 0).</summary>
    private static double? Slope(Activation kind, double a) => kind switch
    {
        Activation.Linear => 1.0,
        Activation.Tanh => 1 - Math.Tanh(a) * Math.Tanh(a),
        _ => a > 0 ? 1.0 : a < 0 ? 0.0 : null,
    };

    /// <summary>W h (+ M o) + bias[offset..offset+N].</summary>
    private static double[] Affine(Mat w, Mat? m, ReadOnlySpan<double> h, ReadOnlySpan<double> o, double[] bias, int offset)
    {
        int n = w.Rows;
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = bias[offset + i];
            for (int j = 0; j < w.Cols; j++) s += w[i, j] * h[j];
            if (m is not null)
                for (int j = 0; j < m.Cols; j++) s += m[i, j] * o[j];
            a[i] = s;
        }
        return a;
    }

    private static Mat RowScaled(Mat m, double[] d)
    {
        var c = m.Clone();
        for (int i = 0; i < c.Rows; i++)
            for (int j = 0; j < c.Cols; j++) c[i, j] *= d[i];
        return c;
    }

    private static double[] Sum(double[] a, double[] b) => [.. a.Select((v, i) => v + b[i])];

    private static double[] Product(double[] a, double[] b) => [.. a.Select((v, i) => v * b[i])];

    private static double[] Sigmoid(double[] a) => [.. a.Select(v => 1 / (1 + Math.Exp(-v)))];
}
