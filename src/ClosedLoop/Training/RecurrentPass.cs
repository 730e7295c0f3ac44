using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// What the passes of every cell share (<see cref="INetworkPass{T}"/>): the buffers of inputs o_t, hidden states h_t,
/// outputs u_t and their gradients, the record of which steps acted, and the small row helpers. Buffers are allocated
/// once for the largest batch and step count. Hidden slot 0 holds h_{−1} = 0 and slot t+1 holds h_t.
/// </summary>
internal abstract class RecurrentPass<T> : INetworkPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected readonly int _n, _nin, _nout, _maxS, _maxT;
    protected readonly T[] _h, _o, _u, _gu;
    protected readonly bool[] _acted;
    protected NetworkWeights<T> _p = null!;
    protected int _s;

    protected RecurrentPass(NetworkSettings settings, int maxSamples, int maxSteps)
    {
        _n = settings.Hidden;
        _nin = settings.Inputs;
        _nout = settings.Outputs;
        _maxS = maxSamples;
        _maxT = maxSteps;
        _h = new T[(maxSteps + 1) * maxSamples * _n];
        _o = new T[maxSteps * maxSamples * _nin];
        _u = new T[maxSteps * maxSamples * _nout];
        _gu = new T[maxSteps * maxSamples * _nout];
        _acted = new bool[maxSteps];
    }

    public int Samples => _s;

    /// <summary>Starts an episode of <paramref name="samples"/> trajectories with the given weights; h_{−1} = 0.</summary>
    public virtual void Begin(NetworkWeights<T> p, int samples)
    {
        if (samples > _maxS) throw new ArgumentException($"{samples} samples exceed the workspace ({_maxS})");
        _p = p;
        _s = samples;
        _h.AsSpan(0, samples * _n).Clear();
        Array.Clear(_acted);
    }

    public Span<T> Input(int t) => _o.AsSpan(t * _s * _nin, _s * _nin);

    public Span<T> Output(int t) => _u.AsSpan(t * _s * _nout, _s * _nout);

    public ReadOnlySpan<T> Outputs(int steps) => _u.AsSpan(0, steps * _s * _nout);

    public ReadOnlySpan<T> Inputs(int steps) => _o.AsSpan(0, steps * _s * _nin);

    public ReadOnlySpan<T> Hidden(int t) => _h.AsSpan((t + 1) * _s * _n, _s * _n);

    public Span<T> OutputGradient(int t) => _gu.AsSpan(t * _s * _nout, _s * _nout);

    public abstract void Forward(int t, bool act);

    public abstract void BeginBackward();

    public abstract void Backward(int t, Span<T> inputGradient);

    public abstract void WeightGradients(NetworkWeights<T> grad, int steps);

    /// <summary>
    /// Records whether step t acts; when it does not (FirstControl = Zero at t = 0), h_t = h_{t−1} and u_t = 0 are
    /// written here. Returns <paramref name="act"/>.
    /// </summary>
    protected bool RecordStep(int t, bool act)
    {
        if (t >= _maxT) throw new ArgumentException($"step {t} exceeds the workspace ({_maxT} steps)");
        _acted[t] = act;
        if (!act)
        {
            _h.AsSpan(t * _s * _n, _s * _n).CopyTo(_h.AsSpan((t + 1) * _s * _n, _s * _n));
            Output(t).Clear();
        }
        return act;
    }

    /// <summary>
    /// True when step t did not act (h_t = h_{t−1}): the running gradient then passes through unchanged and dL/do_t = 0
    /// is written to <paramref name="inputGradient"/> (when not empty).
    /// </summary>
    protected bool PassesThrough(int t, Span<T> inputGradient)
    {
        if (_acted[t]) return false;
        if (!inputGradient.IsEmpty) inputGradient.Clear();
        return true;
    }

    /// <summary>True when step t is the first step the controller acts (its h_{t−1} is the zero initial state).</summary>
    protected bool IsFirstAct(int t) => _acted[t] && (t == 0 || !_acted[t - 1]);

    /// <summary>The first acting step of an episode of <paramref name="steps"/> steps; only a leading run may skip.</summary>
    protected int FirstActingStep(int steps)
    {
        int t0 = 0;
        while (t0 < steps && !_acted[t0]) t0++;
        for (int t = t0; t < steps; t++)
            if (!_acted[t]) throw new InvalidOperationException("only a leading run of steps may skip the controller");
        return t0;
    }

    protected static bool Has(ParameterBlocks set, ParameterBlocks b) => (set & b) != 0;

    /// <summary>Adds the row vector <paramref name="v"/> to every row of <paramref name="m"/> (nothing to do for a zero vector).</summary>
    protected static void AddRowVector(Span<T> m, ReadOnlySpan<T> v, int rows, int cols)
    {
        bool any = false;
        foreach (var x in v[..cols]) if (x != T.Zero) { any = true; break; }
        if (!any) return;
        for (int i = 0; i < rows; i++)
        {
            var row = m.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++) row[j] += v[j];
        }
    }

    /// <summary>dest = the column sums of the (rows × cols) block <paramref name="m"/>.</summary>
    protected static void ColumnSums(ReadOnlySpan<T> m, int rows, int cols, Span<T> dest)
    {
        dest.Clear();
        for (int i = 0; i < rows; i++) Gemm.Axpy(T.One, m.Slice(i * cols, cols), dest);
    }
}
