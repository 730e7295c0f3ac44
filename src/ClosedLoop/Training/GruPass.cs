using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// Forward and backward steps of the GRU (docs/science/model-and-training.md §2.6; docs/generalisation.md) on a batch of S trajectories
/// (<see cref="INetworkPass{T}"/>), with every buffer allocated once for the largest batch and step count.
/// </summary>
/// <remarks>
/// Row form, batch-major, gate blocks side by side (r, q, n): for acting step t,
/// <c>gi = o_t W_ih + b_i</c>, <c>gh = h_{t−1} W_hh + b_h</c> (S×3N each), <c>r = σ(gi_r + gh_r)</c>,
/// <c>q = σ(gi_q + gh_q)</c>, <c>n = tanh(gi_n + r ⊙ gh_n)</c>, <c>h_t = (1 − q) ⊙ n + q ⊙ h_{t−1}</c>,
/// <c>u_t = h_t W_ho + b_o</c>. Hidden slot 0 holds h_{−1} = 0 and slot t+1 holds h_t. The backward pass keeps
/// dL/dgi and dL/dgh of every step so that each weight gradient is one stacked product over all steps.
/// </remarks>
internal sealed class GruPass<T> : RecurrentPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _g;
    private readonly T[] _gates, _ghn, _dgi, _dgh, _gi, _ghAll, _grad, _gradPrev, _recurrentT;

    public GruPass(NetworkSettings settings, int maxSamples, int maxSteps) : base(settings, maxSamples, maxSteps)
    {
        _g = 3 * _n;
        _gates = new T[maxSteps * maxSamples * _g];
        _ghn = new T[maxSteps * maxSamples * _n];
        _dgi = new T[maxSteps * maxSamples * _g];
        _dgh = new T[maxSteps * maxSamples * _g];
        _gi = new T[maxSamples * _g];
        _ghAll = new T[maxSamples * _g];
        _grad = new T[maxSamples * _n];
        _gradPrev = new T[maxSamples * _n];
        _recurrentT = new T[_g * _n];
    }

    public override void Begin(NetworkWeights<T> p, int samples)
    {
        if (!p.IsGru) throw new ArgumentException("GruPass needs GRU parameters (network.cell = gru)");
        base.Begin(p, samples);
        // W_hhᵀ (3N×N): the backward product dgh·W_hhᵀ then runs on the AB kernel.
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _g; j++) _recurrentT[j * _n + i] = p.Recurrent[i * _g + j];
    }

    public override void Forward(int t, bool act)
    {
        if (!RecordStep(t, act)) return;
        int s = _s, n = _n, g = _g;
        var hPrev = _h.AsSpan(t * s * n, s * n);
        var hNew = _h.AsSpan((t + 1) * s * n, s * n);
        var u = Output(t);
        var gi = _gi.AsSpan(0, s * g);
        var gh = _ghAll.AsSpan(0, s * g);
        Gemm.AB(Input(t), _p.Input, gi, s, _nin, g, accumulate: false);
        AddRowVector(gi, _p.HiddenBias, s, g);
        if (IsFirstAct(t)) gh.Clear(); // h_{t−1} = 0: the recurrent product vanishes
        else Gemm.AB(hPrev, _p.Recurrent, gh, s, n, g, accumulate: false);
        AddRowVector(gh, _p.RecurrentBias, s, g);
        var gates = _gates.AsSpan(t * s * g, s * g);
        var ghn = _ghn.AsSpan(t * s * n, s * n);
        for (int b = 0; b < s; b++)
            GruKernels.Forward(gi.Slice(b * g, g), gh.Slice(b * g, g), hPrev.Slice(b * n, n), gates.Slice(b * g, g), ghn.Slice(b * n, n), hNew.Slice(b * n, n), n);
        Gemm.AB(hNew, _p.Readout, u, s, n, _nout, accumulate: false);
        AddRowVector(u, _p.OutputBias, s, _nout);
    }

    public override void BeginBackward() => _grad.AsSpan(0, _s * _n).Clear();

    public override void Backward(int t, Span<T> inputGradient)
    {
        if (PassesThrough(t, inputGradient)) return;
        int s = _s, n = _n, g = _g;
        var gh = _grad.AsSpan(0, s * n);
        Gemm.ABt(OutputGradient(t), _p.Readout, gh, s, _nout, n, accumulate: true);
        var hPrev = _h.AsSpan(t * s * n, s * n);
        var gates = _gates.AsSpan(t * s * g, s * g);
        var ghn = _ghn.AsSpan(t * s * n, s * n);
        var dgi = _dgi.AsSpan(t * s * g, s * g);
        var dgh = _dgh.AsSpan(t * s * g, s * g);
        var ghPrev = _gradPrev.AsSpan(0, s * n);
        for (int b = 0; b < s; b++)
            GruKernels.Backward(gh.Slice(b * n, n), gates.Slice(b * g, g), ghn.Slice(b * n, n), hPrev.Slice(b * n, n),
                dgi.Slice(b * g, g), dgh.Slice(b * g, g), ghPrev.Slice(b * n, n), n);
        if (!inputGradient.IsEmpty) Gemm.ABt(dgi, _p.Input, inputGradient, s, g, _nin, accumulate: false);
        if (IsFirstAct(t))
        {
            gh.Clear(); // h_{t−1} is the constant zero initial state: no gradient flows further back
            return;
        }
        Gemm.AB(dgh, _recurrentT, ghPrev, s, g, n, accumulate: true);
        ghPrev.CopyTo(gh);
    }

    public override void WeightGradients(NetworkWeights<T> grad, int steps)
    {
        int t0 = FirstActingStep(steps);
        int rows = (steps - t0) * _s, n = _n, g = _g;
        var train = _p.Settings.Trainable;
        var dgi = _dgi.AsSpan(t0 * _s * g, rows * g);
        var dgh = _dgh.AsSpan(t0 * _s * g, rows * g);
        var gu = _gu.AsSpan(t0 * _s * _nout, rows * _nout);
        if (Has(train, ParameterBlocks.InputWeights)) Gemm.AtB(_o.AsSpan(t0 * _s * _nin, rows * _nin), dgi, grad.Input, _nin, rows, g, accumulate: false);
        if (Has(train, ParameterBlocks.RecurrentWeights)) Gemm.AtB(_h.AsSpan(t0 * _s * n, rows * n), dgh, grad.Recurrent, n, rows, g, accumulate: false);
        if (Has(train, ParameterBlocks.ReadoutWeights)) Gemm.AtB(_h.AsSpan((t0 + 1) * _s * n, rows * n), gu, grad.Readout, n, rows, _nout, accumulate: false);
        if (Has(train, ParameterBlocks.HiddenBias)) ColumnSums(dgi, rows, g, grad.HiddenBias);
        if (Has(train, ParameterBlocks.RecurrentBias)) ColumnSums(dgh, rows, g, grad.RecurrentBias);
        if (Has(train, ParameterBlocks.OutputBias)) ColumnSums(gu, rows, _nout, grad.OutputBias);
    }
}
