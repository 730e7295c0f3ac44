using ClosedLoop.Numerics;

namespace ClosedLoop.Controllers;

/// <summary>One named block of parameters (a view on the array it names).</summary>
public readonly record struct ParameterBlock(ParameterBlocks Id, string Name, double[] Values, int Rows, int Cols);

/// <summary>
/// The weights of a leaky recurrent network in the published row form (batch-major products
/// <c>h W_hh</c>): W_ih (n_in×N), W_hh (N×N), U and V (N×R), W_ho (N×n_u), b_h (N), b_o (n_u).
/// The column form of the theory is M = W_ihᵀ, W = W_hhᵀ (= U Vᵀ + bulk for low-rank), Z = W_hoᵀ.
/// For the GRU (<see cref="Cell.Gru"/>) the gate blocks sit side by side in PyTorch's order (r, q = PyTorch's z, n):
/// W_ih is n_in×3N, W_hh is N×3N, <see cref="HiddenBias"/> holds the input-side biases b_i (3N) and
/// <see cref="RecurrentBias"/> the recurrent-side biases b_h (3N); there is no U, V.
/// </summary>
/// <remarks>
/// For low-rank networks the row-form recurrent matrix is <c>W_hh + V Uᵀ</c>: <see cref="Recurrent"/> holds the dense
/// part (the fixed bulk g·W_randᵀ unless it is trainable) and U, V the factors; the paper's rank-1 model has a zero
/// dense part.
/// </remarks>
public sealed class NetworkParameters
{
    public NetworkSettings Settings { get; }
    public double[] Input { get; }
    public double[] Recurrent { get; }
    public double[] U { get; }
    public double[] V { get; }
    public double[] Readout { get; }
    public double[] HiddenBias { get; }
    public double[] OutputBias { get; }
    /// <summary>The GRU's recurrent-side gate biases b_h (3N); empty for the leaky RNN.</summary>
    public double[] RecurrentBias { get; }

    public NetworkParameters(NetworkSettings settings)
    {
        Settings = settings;
        int n = settings.Hidden, r = settings.Recurrence == Recurrence.LowRank ? settings.Rank : 0, g = settings.Gates;
        Input = new double[settings.Inputs * g * n];
        Recurrent = new double[n * g * n];
        U = new double[n * r];
        V = new double[n * r];
        Readout = new double[n * settings.Outputs];
        HiddenBias = new double[g * n];
        OutputBias = new double[settings.Outputs];
        RecurrentBias = new double[settings.Cell == Cell.Gru ? g * n : 0];
    }

    public int N => Settings.Hidden;
    public int Rank => U.Length / Math.Max(1, N);
    public bool IsLowRank => Settings.Recurrence == Recurrence.LowRank;
    public bool IsGru => Settings.Cell == Cell.Gru;

    /// <summary>All blocks in a fixed order (the order of the optimiser state and of the gradient norm).</summary>
    public IEnumerable<ParameterBlock> Blocks()
    {
        int n = N, r = Rank, g = Settings.Gates;
        yield return new(ParameterBlocks.InputWeights, "input_weights", Input, Settings.Inputs, g * n);
        yield return new(ParameterBlocks.RecurrentWeights, IsLowRank ? "recurrent_bulk" : "recurrent_weights", Recurrent, n, g * n);
        if (IsLowRank)
        {
            yield return new(ParameterBlocks.LowRankU, "u", U, n, r);
            yield return new(ParameterBlocks.LowRankV, "v", V, n, r);
        }
        yield return new(ParameterBlocks.ReadoutWeights, "readout_weights", Readout, n, Settings.Outputs);
        yield return new(ParameterBlocks.HiddenBias, IsGru ? "input_bias" : "hidden_bias", HiddenBias, 1, g * n);
        yield return new(ParameterBlocks.OutputBias, "output_bias", OutputBias, 1, Settings.Outputs);
        if (IsGru) yield return new(ParameterBlocks.RecurrentBias, "recurrent_bias", RecurrentBias, 1, g * n);
    }

    /// <summary>The blocks that train under <see cref="NetworkSettings.Trainable"/>.</summary>
    public IEnumerable<ParameterBlock> TrainableBlocks() => Blocks().Where(b => (Settings.Trainable & b.Id) != 0 && b.Values.Length > 0);

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
    public void CopyTo(NetworkParameters other)
    {
        using var dst = other.Blocks().GetEnumerator();
        foreach (var b in Blocks())
        {
            dst.MoveNext();
            if (dst.Current.Values.Length != b.Values.Length) throw new ArgumentException($"parameter block {b.Name} has {b.Values.Length} values, the target {dst.Current.Values.Length}");
            Array.Copy(b.Values, dst.Current.Values, b.Values.Length);
        }
    }

    /// <summary>True when every value of every block is finite.</summary>
    public bool AllFinite() => Blocks().All(b => Array.TrueForAll(b.Values, double.IsFinite));

    /// <summary>True when the dense recurrent part is identically zero and frozen (it can then be skipped).</summary>
    public bool DenseRecurrentIsFrozenZero() =>
        (Settings.Trainable & ParameterBlocks.RecurrentWeights) == 0 && Array.TrueForAll(Recurrent, x => x == 0);

    /// <summary>True when every bias is zero and frozen (the network is then linear, not affine, if φ is linear).</summary>
    public bool BiasesAreFrozenZero() =>
        (Settings.Trainable & (ParameterBlocks.HiddenBias | ParameterBlocks.OutputBias | ParameterBlocks.RecurrentBias)) == 0
        && Array.TrueForAll(HiddenBias, x => x == 0) && Array.TrueForAll(OutputBias, x => x == 0) && Array.TrueForAll(RecurrentBias, x => x == 0);

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
