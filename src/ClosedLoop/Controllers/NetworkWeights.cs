using System.Numerics;
using System.Numerics.Tensors;

namespace ClosedLoop.Controllers;

/// <summary>One named block of parameters (a view on the array it names).</summary>
public readonly record struct ParameterBlock<T>(ParameterBlocks Id, string Name, T[] Values, int Rows, int Cols);

/// <summary>
/// The weight blocks of a network in element type T — double, or float for the engine's single precision
/// (docs/engine.md "Precision"). <see cref="NetworkParameters"/> is the double form every other part of the
/// project uses; the training engine works on <c>NetworkWeights&lt;T&gt;</c> and a double run hands it the
/// <see cref="NetworkParameters"/> themselves. Layouts and block order: see <see cref="NetworkParameters"/>.
/// </summary>
public class NetworkWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public NetworkSettings Settings { get; }
    public T[] Input { get; }
    public T[] Recurrent { get; }
    public T[] U { get; }
    public T[] V { get; }
    public T[] Readout { get; }
    public T[] HiddenBias { get; }
    public T[] OutputBias { get; }
    /// <summary>The GRU's recurrent-side gate biases b_h (3N); empty for the leaky RNN.</summary>
    public T[] RecurrentBias { get; }

    public NetworkWeights(NetworkSettings settings)
    {
        Settings = settings;
        int n = settings.Hidden, r = settings.Recurrence == Recurrence.LowRank ? settings.Rank : 0, g = settings.Gates;
        Input = new T[settings.Inputs * g * n];
        Recurrent = new T[n * g * n];
        U = new T[n * r];
        V = new T[n * r];
        Readout = new T[n * settings.Outputs];
        HiddenBias = new T[g * n];
        OutputBias = new T[settings.Outputs];
        RecurrentBias = new T[settings.Cell == Cell.Gru ? g * n : 0];
    }

    public int N => Settings.Hidden;
    public int Rank => U.Length / Math.Max(1, N);
    public bool IsLowRank => Settings.Recurrence == Recurrence.LowRank;
    public bool IsGru => Settings.Cell == Cell.Gru;

    /// <summary>All blocks in a fixed order (the order of the optimiser state and of the gradient norm).</summary>
    public IEnumerable<ParameterBlock<T>> Blocks()
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
    public IEnumerable<ParameterBlock<T>> TrainableBlocks() => Blocks().Where(b => (Settings.Trainable & b.Id) != 0 && b.Values.Length > 0);

    /// <summary>
    /// Copies every value of <paramref name="source"/> (same shapes, element type double or float) into these weights,
    /// rounded to T: exact from float to double and from a double that holds a float value back to float.
    /// </summary>
    public void CopyFrom<TSource>(NetworkWeights<TSource> source) where TSource : unmanaged, IFloatingPointIeee754<TSource>
    {
        using var src = source.Blocks().GetEnumerator();
        foreach (var b in Blocks())
        {
            src.MoveNext();
            Convert(src.Current.Values, b.Values, b.Name);
        }
    }

    /// <summary>to[i] = from[i] rounded to T (exact from float to double); the arrays must have the same length.</summary>
    public static void Convert<TSource>(TSource[] from, T[] to, string name) where TSource : unmanaged, IFloatingPointIeee754<TSource>
    {
        if (from.Length != to.Length) throw new ArgumentException($"parameter block {name} has {to.Length} values, the source {from.Length}");
        TensorPrimitives.ConvertTruncating<TSource, T>(from, to);
    }

    /// <summary>True when the dense recurrent part is identically zero and frozen (it can then be skipped).</summary>
    public bool DenseRecurrentIsFrozenZero() =>
        (Settings.Trainable & ParameterBlocks.RecurrentWeights) == 0 && AllZero(Recurrent);

    /// <summary>True when every bias is zero and frozen (the network is then linear, not affine, if φ is linear).</summary>
    public bool BiasesAreFrozenZero() =>
        (Settings.Trainable & (ParameterBlocks.HiddenBias | ParameterBlocks.OutputBias | ParameterBlocks.RecurrentBias)) == 0
        && AllZero(HiddenBias) && AllZero(OutputBias) && AllZero(RecurrentBias);

    /// <summary>True when every value equals zero (±0; vectorised: the dense part is scanned at every episode).</summary>
    private static bool AllZero(T[] values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (int w = Vector<T>.Count; i <= values.Length - w; i += w)
                if (!Vector.EqualsAll(new Vector<T>(values, i), Vector<T>.Zero)) return false;
        for (; i < values.Length; i++)
            if (values[i] != T.Zero) return false;
        return true;
    }
}
