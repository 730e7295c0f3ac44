using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// Forward and backward steps of the leaky recurrent network on a batch of S trajectories (<see cref="INetworkPass{T}"/>),
/// with the buffers the backward pass needs (allocated once for the largest batch and step count, reused every epoch).
/// </summary>
/// <remarks>
/// Row form, batch-major: for acting step t,
/// <c>a_t = h_{t−1} W_hh + (h_{t−1} V) Uᵀ + o_t W_ih + b_h</c>, <c>h_t = (1−γ) h_{t−1} + γ φ(a_t)</c>,
/// <c>u_t = h_t W_ho + b_o</c>. Hidden slot 0 holds h_{−1} = 0 and slot t+1 holds h_t.
/// </remarks>
internal sealed class NetworkPass<T> : RecurrentPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _r;
    private readonly T[] _phi, _ga, _hv, _gau, _pre, _gh, _ghPrev, _tmpR;
    private readonly T[] _recurrentT;
    private bool _skipDense;

    public NetworkPass(NetworkSettings settings, int maxSamples, int maxSteps) : base(settings, maxSamples, maxSteps)
    {
        _r = settings.Recurrence == Recurrence.LowRank ? settings.Rank : 0;
        // φ(a_t) is kept for the backward pass of a nonlinear network; with γ = 1 it is h_t itself, so no copy is kept.
        _phi = settings.Activation == Activation.Linear || settings.Gamma == 1.0 ? [] : new T[maxSteps * maxSamples * _n];
        _ga = new T[maxSteps * maxSamples * _n];
        _hv = new T[maxSteps * maxSamples * _r];
        _gau = new T[maxSteps * maxSamples * _r];
        _pre = new T[maxSamples * _n];
        _gh = new T[maxSamples * _n];
        _ghPrev = new T[maxSamples * _n];
        _tmpR = new T[maxSamples * Math.Max(1, _r)];
        _recurrentT = settings.Recurrence == Recurrence.Dense || settings.BulkGain != 0 || (settings.Trainable & ParameterBlocks.RecurrentWeights) != 0
            ? new T[_n * _n] : [];
    }

    /// <summary>Starts an episode of <paramref name="samples"/> trajectories with the given weights; h_{−1} = 0.</summary>
    public override void Begin(NetworkWeights<T> p, int samples)
    {
        base.Begin(p, samples);
        _skipDense = p.DenseRecurrentIsFrozenZero();
        if (!_skipDense) Transpose(p.Recurrent, _recurrentT, _n);
    }

    /// <summary>
    /// Step t. When <paramref name="act"/> is false the controller is not called: h_t = h_{t−1} and u_t = 0
    /// (FirstControl = Zero at t = 0).
    /// </summary>
    public override void Forward(int t, bool act)
    {
        if (!RecordStep(t, act)) return;
        int s = _s, n = _n;
        var hPrev = _h.AsSpan(t * s * n, s * n);
        var hNew = _h.AsSpan((t + 1) * s * n, s * n);
        var u = Output(t);
        var pre = _pre.AsSpan(0, s * n);
        Gemm.AB(Input(t), _p.Input, pre, s, _nin, n, accumulate: false);
        bool fromZero = IsFirstAct(t); // h_{t−1} is the zero initial state: the recurrent products vanish
        if (!_skipDense && !fromZero) Gemm.AB(hPrev, _p.Recurrent, pre, s, n, n, accumulate: true);
        if (_r > 0 && fromZero) _hv.AsSpan(t * s * _r, s * _r).Clear();
        else if (_r > 0)
        {
            var hv = _hv.AsSpan(t * s * _r, s * _r);
            Gemm.AB(hPrev, _p.V, hv, s, n, _r, accumulate: false);
            Gemm.ABt(hv, _p.U, pre, s, _r, n, accumulate: true);
        }
        AddRowVector(pre, _p.HiddenBias, s, n);
        double gamma = _p.Settings.Gamma;
        if (gamma == 1.0) Activations.Apply<T>(_p.Settings.Activation, pre, hNew);
        else
        {
            var phi = _phi.Length == 0 ? pre : _phi.AsSpan(t * s * n, s * n);
            Activations.Apply<T>(_p.Settings.Activation, pre, phi);
            T g = T.CreateTruncating(gamma), keep = T.CreateTruncating(1 - gamma);
            for (int i = 0; i < hNew.Length; i++) hNew[i] = keep * hPrev[i] + g * phi[i];
        }
        Gemm.AB(hNew, _p.Readout, u, s, n, _nout, accumulate: false);
        AddRowVector(u, _p.OutputBias, s, _nout);
    }

    /// <summary>Clears the running gradient dL/dh before a backward sweep.</summary>
    public override void BeginBackward() => _gh.AsSpan(0, _s * _n).Clear();

    /// <summary>
    /// Backward through step t: adds the readout path of dL/du_t to dL/dh_t, stores dL/da_t and moves the running
    /// gradient to h_{t−1}. When <paramref name="inputGradient"/> is not empty it receives dL/do_t (S×n_in).
    /// </summary>
    public override void Backward(int t, Span<T> inputGradient)
    {
        if (PassesThrough(t, inputGradient)) return;
        int s = _s, n = _n;
        var gh = _gh.AsSpan(0, s * n);
        Gemm.ABt(OutputGradient(t), _p.Readout, gh, s, _nout, n, accumulate: true);
        var ga = _ga.AsSpan(t * s * n, s * n);
        double gamma = _p.Settings.Gamma;
        ReadOnlySpan<T> phi = _phi.Length > 0 ? _phi.AsSpan(t * s * n, s * n) : gamma == 1.0 ? Hidden(t) : default;
        Activations.BackwardScaled(_p.Settings.Activation, T.CreateTruncating(gamma), gh, phi, ga);
        var ghPrev = _ghPrev.AsSpan(0, s * n);
        if (IsFirstAct(t))
        {
            // h_{t−1} is the constant zero initial state: no gradient flows further back.
            if (!inputGradient.IsEmpty) Gemm.ABt(ga, _p.Input, inputGradient, s, n, _nin, accumulate: false);
            if (_r > 0) Gemm.AB(ga, _p.U, _gau.AsSpan(t * s * _r, s * _r), s, n, _r, accumulate: false);
            gh.Clear();
            return;
        }
        if (gamma == 1.0) ghPrev.Clear();
        else
        {
            T keep = T.CreateTruncating(1 - gamma);
            for (int i = 0; i < ghPrev.Length; i++) ghPrev[i] = keep * gh[i];
        }
        // ga·W_hhᵀ as a product with the transposed copy: the same multiply–add chain per element as ABt, on the
        // faster AB kernel.
        if (!_skipDense) Gemm.AB(ga, _recurrentT, ghPrev, s, n, n, accumulate: true);
        if (_r > 0)
        {
            var gau = _gau.AsSpan(t * s * _r, s * _r);
            Gemm.AB(ga, _p.U, gau, s, n, _r, accumulate: false);
            Gemm.ABt(gau, _p.V, ghPrev, s, _r, n, accumulate: true);
        }
        if (!inputGradient.IsEmpty) Gemm.ABt(ga, _p.Input, inputGradient, s, n, _nin, accumulate: false);
        ghPrev.CopyTo(gh);
    }

    /// <summary>
    /// Weight gradients of the whole episode, summed over the acting steps with one stacked product per block;
    /// only the trainable blocks of <paramref name="grad"/> are written (the others are left untouched).
    /// </summary>
    public override void WeightGradients(NetworkWeights<T> grad, int steps)
    {
        int t0 = FirstActingStep(steps);
        int rows = (steps - t0) * _s, n = _n;
        var train = _p.Settings.Trainable;
        var hPrevStack = _h.AsSpan(t0 * _s * n, rows * n);
        var hStack = _h.AsSpan((t0 + 1) * _s * n, rows * n);
        var gaStack = _ga.AsSpan(t0 * _s * n, rows * n);
        var guStack = _gu.AsSpan(t0 * _s * _nout, rows * _nout);
        if (Has(train, ParameterBlocks.InputWeights)) Gemm.AtB(_o.AsSpan(t0 * _s * _nin, rows * _nin), gaStack, grad.Input, _nin, rows, n, accumulate: false);
        if (Has(train, ParameterBlocks.RecurrentWeights)) Gemm.AtB(hPrevStack, gaStack, grad.Recurrent, n, rows, n, accumulate: false);
        if (_r > 0 && Has(train, ParameterBlocks.LowRankU)) Gemm.AtB(gaStack, _hv.AsSpan(t0 * _s * _r, rows * _r), grad.U, n, rows, _r, accumulate: false);
        if (_r > 0 && Has(train, ParameterBlocks.LowRankV)) Gemm.AtB(hPrevStack, _gau.AsSpan(t0 * _s * _r, rows * _r), grad.V, n, rows, _r, accumulate: false);
        if (Has(train, ParameterBlocks.ReadoutWeights)) Gemm.AtB(hStack, guStack, grad.Readout, n, rows, _nout, accumulate: false);
        if (Has(train, ParameterBlocks.HiddenBias)) ColumnSums(gaStack, rows, n, grad.HiddenBias);
        if (Has(train, ParameterBlocks.OutputBias)) ColumnSums(guStack, rows, _nout, grad.OutputBias);
    }

    private static void Transpose(ReadOnlySpan<T> a, Span<T> t, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
    }
}
