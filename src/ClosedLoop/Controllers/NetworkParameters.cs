using ClosedLoop.Numerics;

namespace ClosedLoop.Controllers;

/// <summary>
/// The weights of a leaky recurrent network in the published row form (batch-major products
/// <c>h W_hh</c>): W_ih (n_in×N), W_hh (N×N), U and V (N×R), W_ho (N×n_u), b_h (N), b_o (n_u).
/// The column form of the theory is M = W_ihᵀ, W = W_hhᵀ (= U Vᵀ + bulk for low-rank), Z = W_hoᵀ.
/// For the GRU (<see cref="Cell.Gru"/>) the gate blocks sit side by side in PyTorch's order (r, q = PyTorch's z, n):
/// W_ih is n_in×3N, W_hh is N×3N, <see cref="NetworkWeights{T}.HiddenBias"/> holds the input-side biases b_i (3N) and
/// <see cref="NetworkWeights{T}.RecurrentBias"/> the recurrent-side biases b_h (3N); there is no U, V.
/// </summary>
/// <remarks>
/// For low-rank networks the row-form recurrent matrix is <c>W_hh + V Uᵀ</c>: <see cref="NetworkWeights{T}.Recurrent"/> holds the dense
/// part (the fixed bulk g·W_randᵀ unless it is trainable) and U, V the factors; the paper's rank-1 model has a zero
/// dense part.
/// </remarks>
public sealed class NetworkParameters(NetworkSettings settings) : NetworkWeights<double>(settings)
{
    /// <summary>A deep copy (same settings).</summary>
    public NetworkParameters Clone() => CloneWith(Settings);

    /// <summary>A deep copy of the values under other settings of the same shape (e.g. other trainable blocks).</summary>
    public NetworkParameters CloneWith(NetworkSettings settings)
    {
        var c = new NetworkParameters(settings);
        CopyTo(c);
        return c;
    }

    /// <summary>Copies every value into <paramref name="other"/>, which must have the same shapes.</summary>
    public void CopyTo(NetworkParameters other) => other.CopyFrom(this);

    /// <summary>True when every value of every block is finite.</summary>
    public bool AllFinite() => Blocks().All(b => Array.TrueForAll(b.Values, double.IsFinite));

    /// <summary>Column-form recurrent matrix W = W_hhᵀ (N×N), including the low-rank part U Vᵀ (leaky RNN only).</summary>
    public Mat RecurrentColumnForm()
    {
        RequireRnn(nameof(RecurrentColumnForm));
        int n = N, r = Rank;
        var w = new Mat(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = Recurrent[j * n + i];
                for (int q = 0; q < r; q++) s += U[i * r + q] * V[j * r + q];
                w[i, j] = s;
            }
        return w;
    }

    /// <summary>Column-form input matrix M = W_ihᵀ (N×n_in) (leaky RNN only).</summary>
    public Mat InputColumnForm()
    {
        RequireRnn(nameof(InputColumnForm));
        return new Mat(Settings.Inputs, N, (double[])Input.Clone()).Transpose();
    }

    /// <summary>
    /// Column form of gate block <paramref name="gate"/> (0 = r, 1 = q, 2 = n) of the GRU: the N×N recurrent matrix
    /// W_h• (<paramref name="recurrent"/>) or the N×n_in input matrix W_i•.
    /// </summary>
    public Mat GateColumnForm(int gate, bool recurrent)
    {
        if (!IsGru) throw new InvalidOperationException("GateColumnForm is defined for the GRU only");
        int n = N, rows = recurrent ? n : Settings.Inputs, width = 3 * n;
        var src = recurrent ? Recurrent : Input;
        var m = new Mat(n, rows);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < rows; j++) m[i, j] = src[j * width + gate * n + i];
        return m;
    }

    private void RequireRnn(string what)
    {
        if (IsGru) throw new InvalidOperationException($"{what} is defined for the leaky RNN; use GateColumnForm for the GRU");
    }

    /// <summary>Column-form readout matrix Z = W_hoᵀ (n_u×N).</summary>
    public Mat ReadoutColumnForm() => new Mat(N, Settings.Outputs, (double[])Readout.Clone()).Transpose();
}
