using ClosedLoop.Controllers;
using ClosedLoop.Reporting;

namespace ClosedLoop.Runs;

/// <summary>
/// Parameter snapshots as <c>.npz</c> files with one array per named block (<c>input_weights</c> n_in×N,
/// <c>recurrent_weights</c> or <c>recurrent_bulk</c> N×N, <c>u</c>, <c>v</c> N×R, <c>readout_weights</c> N×n_u,
/// <c>hidden_bias</c>, <c>output_bias</c>), all in the published row form. A GRU's gate blocks sit side by side in the
/// order r, q, n: <c>input_weights</c> n_in×3N, <c>recurrent_weights</c> N×3N, <c>input_bias</c> and
/// <c>recurrent_bias</c> 3N (docs/generalisation.md).
/// </summary>
public static class ParameterFile
{
    /// <summary>File name of the snapshot of checkpoint <paramref name="epoch"/>.</summary>
    public static string NameOf(int epoch) => $"params_{epoch:D5}.npz";

    /// <summary>File name of the final weights (after the last update).</summary>
    public const string FinalName = "params_final.npz";

    /// <summary>
    /// Writes the blocks of <paramref name="p"/> atomically. Blocks that are frozen and identically zero (the dense
    /// part of the paper's rank-1 model, absent biases) are left out; <see cref="Read"/> restores them as zeros.
    /// </summary>
    public static void Write(string path, NetworkParameters p) =>
        Npz.Write(path, p.Blocks().Where(b => b.Values.Length > 0 && !IsFrozenZero(p, b))
            .Select(b => KeyValuePair.Create(b.Name, NpyArray.Float64((double[])b.Values.Clone(), b.Rows, b.Cols))));

    private static bool IsFrozenZero(NetworkParameters p, ParameterBlock<double> b) =>
        (p.Settings.Trainable & b.Id) == 0 && Array.TrueForAll(b.Values, v => v == 0);

    /// <summary>Reads a snapshot into parameters of <paramref name="settings"/>; every block must have the right shape.</summary>
    public static NetworkParameters Read(string path, NetworkSettings settings)
    {
        if (!File.Exists(path)) throw new ArgumentException($"parameter file '{path}' does not exist");
        var arrays = Npz.Read(path);
        var p = new NetworkParameters(settings);
        foreach (var b in p.Blocks().Where(b => b.Values.Length > 0))
        {
            if (!arrays.TryGetValue(b.Name, out var a))
            {
                if ((settings.Trainable & b.Id) != 0)
                    throw new ArgumentException($"parameter file '{path}' has no block '{b.Name}', which the network trains (it holds {string.Join(", ", arrays.Keys)})");
                continue; // a frozen block left out because it was zero
            }
            var data = a.AsFloat64();
            if (data.Length != b.Values.Length)
                throw new ArgumentException($"parameter file '{path}': block '{b.Name}' has {data.Length} values, the network needs {b.Rows}x{b.Cols}");
            Array.Copy(data, b.Values, data.Length);
        }
        return p;
    }
}
