using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>Whether the plant's clamp is applied during a rollout.</summary>
internal enum ClampUse
{
    /// <summary>Apply the plant's clamp (if it has one).</summary>
    Apply,
    /// <summary>Simulate without the clamp (basis rollouts; validity is checked on the reconstructed batch).</summary>
    Ignore,
}

/// <summary>
/// Owner of the closed-loop time loop (docs/science/model-and-training.md §4): at step t the controller reads o_t = C x_t (+ noise, + reference
/// channels), acts (unless FirstControl = Zero at t = 0) and the plant steps
/// <c>x_{t+1} = clamp(A x_t + f_B B u_t + w_t)</c>. Records everything the backward pass needs.
/// </summary>
internal sealed class ClosedLoopRollout
{
    private readonly LinearPlant _plant;
    private readonly NetworkPass _net;
    private readonly int _k, _c, _nu, _nin, _maxT;
    private readonly double[] _a, _bEff, _cObs;
    private readonly double[] _x, _mask, _gx, _gxNew, _gPre, _gIn, _noiseW, _noiseO;
    private int _s, _steps;
    private bool _clampActive;

    public ClosedLoopRollout(LinearPlant plant, NetworkSettings net, int maxSamples, int maxSteps)
    {
        _plant = plant;
        _k = plant.StateSize;
        _c = plant.ObservationSize;
        _nu = plant.ControlSize;
        _nin = net.Inputs;
        if (net.Outputs != _nu) throw new ArgumentException($"network.outputs = {net.Outputs} but the plant takes {_nu} controls");
        if (_nin < _c) throw new ArgumentException($"network.inputs = {_nin} but the plant observes {_c} components");
        _maxT = maxSteps;
        _net = new NetworkPass(net, maxSamples, maxSteps);
        _a = plant.A.Data;
        _bEff = plant.EffectiveB.Data;
        _cObs = plant.C.Data;
        _x = new double[(maxSteps + 1) * maxSamples * _k];
        _mask = new double[(maxSteps + 1) * maxSamples * _k];
        _gx = new double[maxSamples * _k];
        _gxNew = new double[maxSamples * _k];
        _gPre = new double[maxSamples * _k];
        _gIn = new double[maxSamples * _nin];
        _noiseW = new double[maxSamples * _k];
        _noiseO = new double[maxSamples * _c];
    }

    public NetworkPass Network => _net;

    /// <summary>When set, every noise value a noisy plant draws is also written here (<c>train --record-draws</c>).</summary>
    public NoiseTape? Tape { get; set; }
    public int Samples => _s;
    public int Steps => _steps;
    public int StateSize => _k;

    /// <summary>Plant state x_t (S×k), t = 0..T.</summary>
    public ReadOnlySpan<double> State(int t) => _x.AsSpan(t * _s * _k, _s * _k);

    /// <summary>All states x_0..x_T, shape (T+1, S, k).</summary>
    public ReadOnlySpan<double> States => _x.AsSpan(0, (_steps + 1) * _s * _k);

    /// <summary>Control u_t (S×n_u).</summary>
    public ReadOnlySpan<double> Control(int t) => _net.Output(t);

    /// <summary>Runs the episode forward. <paramref name="noise"/> is used only by noisy plants.</summary>
    public void Forward(NetworkParameters p, SampleSet set, int steps, FirstControl first, ClampUse clamp, RandomStream? noise)
    {
        if (steps > _maxT) throw new ArgumentException($"{steps} steps exceed the workspace ({_maxT})");
        int s = _s = set.Samples, k = _k;
        _steps = steps;
        _net.Begin(p, s);
        set.InitialStates.AsSpan(0, s * k).CopyTo(_x);
        double? bound = clamp == ClampUse.Apply ? _plant.ClampBound : null;
        _clampActive = bound is not null;
        double sw = _plant.ProcessNoiseStd * Math.Sqrt(_plant.Dt), so = _plant.ObservationNoiseStd;
        if ((sw > 0 || so > 0) && noise is null) throw new ArgumentException("a noisy plant needs a noise stream");
        var tape = sw > 0 || so > 0 ? Tape : null;
        if (tape is not null) Array.Clear(tape.Observation);
        for (int t = 0; t < steps; t++)
        {
            var xt = _x.AsSpan(t * s * k, s * k);
            bool act = !(t == 0 && first == FirstControl.Zero);
            if (act) FillInput(t, xt, set, so, noise);
            _net.Forward(t, act);
            var xNext = _x.AsSpan((t + 1) * s * k, s * k);
            Gemm.ABt(xt, _a, xNext, s, k, k, accumulate: false);
            Gemm.ABt(_net.Output(t), _bEff, xNext, s, _nu, k, accumulate: true);
            if (sw > 0)
            {
                var w = _noiseW.AsSpan(0, s * k);
                noise!.FillNormal(w, 0, sw);
                for (int i = 0; i < w.Length; i++) xNext[i] += w[i];
                if (tape is not null) w.CopyTo(tape.Process.AsSpan(t * s * k, s * k));
            }
            if (bound is { } bd) ClampInPlace(xNext, _mask.AsSpan((t + 1) * s * k, s * k), bd);
        }
    }

    /// <summary>
    /// Simulates the draw on its superposition basis when <paramref name="linear"/> (and the basis is smaller than the
    /// batch), checking afterwards that the clamp would not have acted; otherwise, or when it would have, simulates
    /// every trajectory of the batch. Returns the simulated set and the path taken.
    /// </summary>
    public (SampleSet Set, SimulationPath Path) ForwardBatchOrBasis(NetworkParameters p, BatchDraw draw, SampleSets sets, bool linear,
        int steps, FirstControl first, RandomStream? noise, Span<double> scratch)
    {
        if (linear)
        {
            var basis = sets.Basis(draw);
            if (basis.Samples < draw.Batch)
            {
                Forward(p, basis, steps, first, ClampUse.Ignore, null);
                if (_plant.ClampBound is not { } bound || Superposition.RespectsClamp(States, basis, steps, _k, bound, scratch))
                    return (basis, SimulationPath.Basis);
                var fallback = sets.Direct(draw);
                Forward(p, fallback, steps, first, ClampUse.Apply, noise);
                return (fallback, SimulationPath.BatchAfterClamp);
            }
        }
        var direct = sets.Direct(draw);
        Forward(p, direct, steps, first, ClampUse.Apply, noise);
        return (direct, SimulationPath.Batch);
    }

    private void FillInput(int t, ReadOnlySpan<double> xt, SampleSet set, double obsNoise, RandomStream? noise)
    {
        int s = _s, c = _c, nin = _nin;
        var o = _net.Input(t);
        var obs = _noiseO.AsSpan(0, s * c);
        Gemm.ABt(xt, _cObs, obs, s, _k, c, accumulate: false);
        if (obsNoise > 0)
        {
            var taped = Tape is { } tape ? tape.Observation.AsSpan(t * s * c, s * c) : default;
            for (int i = 0; i < obs.Length; i++)
            {
                double n = noise!.Normal(0, obsNoise);
                obs[i] += n;
                if (!taped.IsEmpty) taped[i] = n;
            }
        }
        int exo = nin - c;
        for (int b = 0; b < s; b++)
        {
            obs.Slice(b * c, c).CopyTo(o.Slice(b * nin, c));
            if (exo > 0)
            {
                if (set.Reference is null) throw new InvalidOperationException($"the network has {exo} exogenous inputs but no reference is given");
                set.Reference.AsSpan((t * s + b) * exo, exo).CopyTo(o.Slice(b * nin + c, exo));
            }
        }
    }

    private static void ClampInPlace(Span<double> x, Span<double> mask, double bound)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (v > bound) { x[i] = bound; mask[i] = 0; }
            else if (v < -bound) { x[i] = -bound; mask[i] = 0; }
            else mask[i] = 1; // inside [−bound, bound], bounds included: derivative 1
        }
    }

    /// <summary>
    /// Backward sweep given dL/dx_t for t = 0..T (shape (T+1, S, k)) and dL/du_t (shape (T, S, n_u));
    /// writes the gradients of the trainable blocks into <paramref name="grad"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<double> dLdX, ReadOnlySpan<double> dLdU, NetworkParameters grad)
    {
        int s = _s, k = _k, nu = _nu, steps = _steps;
        var gx = _gx.AsSpan(0, s * k);
        dLdX.Slice(steps * s * k, s * k).CopyTo(gx);
        _net.BeginBackward();
        var gIn = _gIn.AsSpan(0, s * _nin);
        for (int t = steps - 1; t >= 0; t--)
        {
            var gPre = _gPre.AsSpan(0, s * k);
            gx.CopyTo(gPre);
            if (_clampActive)
            {
                var m = _mask.AsSpan((t + 1) * s * k, s * k);
                for (int i = 0; i < gPre.Length; i++) gPre[i] *= m[i];
            }
            var gu = _net.OutputGradient(t);
            dLdU.Slice(t * s * nu, s * nu).CopyTo(gu);
            Gemm.AB(gPre, _bEff, gu, s, k, nu, accumulate: true);
            var gxNew = _gxNew.AsSpan(0, s * k);
            dLdX.Slice(t * s * k, s * k).CopyTo(gxNew);
            Gemm.AB(gPre, _a, gxNew, s, k, k, accumulate: true);
            _net.Backward(t, gIn);
            AddObservationGradient(gIn, gxNew);
            gxNew.CopyTo(gx);
        }
        _net.WeightGradients(grad, steps);
    }

    private void AddObservationGradient(ReadOnlySpan<double> gIn, Span<double> gx)
    {
        int s = _s, c = _c, nin = _nin, k = _k;
        for (int b = 0; b < s; b++)
            Gemm.AB(gIn.Slice(b * nin, c), _cObs, gx.Slice(b * k, k), 1, c, k, accumulate: true);
    }
}
