using System.Numerics;
using System.Runtime.InteropServices;
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
/// Owner of the closed-loop time loop (docs/science/model-and-training.md §4): at step t the controller reads
/// o_t = g(x_t) (+ observation noise ε_t, + reference channels), acts (unless FirstControl = Zero at t = 0) and the
/// plant steps <c>x_{t+1} = f_t(x_t, u_t, w_t)</c> — for a linear plant <c>clamp(A x_t + f_B B u_t + w_t)</c>. The
/// noise is drawn here, from the run's noise stream, in float64 (rounded to T where it enters the step), and handed to
/// the plant. Records everything the backward pass needs. Element type T: double, or float in single precision.
/// </summary>
internal sealed class ClosedLoopRollout<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPlant _plant, _unclamped;
    private readonly IPlantDynamics<T> _clampedSteps, _unclampedSteps;
    private readonly INetworkPass<T> _net;
    private readonly int _k, _c, _nu, _nin, _maxT;
    private readonly T[] _x, _mask, _gx, _gxNew, _gPre, _gIn, _gObs, _obs, _noiseW;
    private readonly double[] _drawn;
    private IPlant _active;
    private IPlantDynamics<T> _dynamics;
    private int _s, _steps;

    public ClosedLoopRollout(IPlant plant, NetworkSettings net, int maxSamples, int maxSteps)
    {
        _plant = plant;
        _unclamped = plant is LinearPlant { ClampBound: not null } lp ? lp with { ClampBound = null } : plant;
        _active = plant;
        _clampedSteps = _dynamics = plant.Dynamics<T>();
        _unclampedSteps = ReferenceEquals(_unclamped, plant) ? _clampedSteps : _unclamped.Dynamics<T>();
        _k = plant.StateSize;
        _c = plant.ObservationSize;
        _nu = plant.ControlSize;
        _nin = net.Inputs;
        if (net.Outputs != _nu) throw new ArgumentException($"network.outputs = {net.Outputs} but the plant takes {_nu} controls");
        if (_nin < _c) throw new ArgumentException($"network.inputs = {_nin} but the plant observes {_c} components");
        _maxT = maxSteps;
        _net = NetworkPasses.Create<T>(net, maxSamples, maxSteps);
        _x = new T[(maxSteps + 1) * maxSamples * _k];
        _mask = new T[(maxSteps + 1) * maxSamples * _k];
        _gx = new T[maxSamples * _k];
        _gxNew = new T[maxSamples * _k];
        _gPre = new T[maxSamples * _k];
        _gIn = new T[maxSamples * _nin];
        _gObs = new T[maxSamples * _c];
        _obs = new T[maxSamples * _c];
        _noiseW = new T[maxSamples * _k];
        _drawn = typeof(T) == typeof(double) ? [] : new double[maxSamples * _k];
    }

    public INetworkPass<T> Network => _net;

    /// <summary>When set, every noise value a noisy plant draws is also written here (<c>train --record-draws</c>).</summary>
    public NoiseTape? Tape { get; set; }
    public int Samples => _s;
    public int Steps => _steps;
    public int StateSize => _k;

    /// <summary>Plant state x_t (S×k), t = 0..T.</summary>
    public ReadOnlySpan<T> State(int t) => _x.AsSpan(t * _s * _k, _s * _k);

    /// <summary>All states x_0..x_T, shape (T+1, S, k).</summary>
    public ReadOnlySpan<T> States => _x.AsSpan(0, (_steps + 1) * _s * _k);

    /// <summary>Control u_t (S×n_u).</summary>
    public ReadOnlySpan<T> Control(int t) => _net.Output(t);

    /// <summary>Runs the episode forward. <paramref name="noise"/> is used only by noisy plants.</summary>
    public void Forward(NetworkWeights<T> p, SampleSet<T> set, int steps, FirstControl first, ClampUse clamp, RandomStream? noise)
    {
        if (steps > _maxT) throw new ArgumentException($"{steps} steps exceed the workspace ({_maxT})");
        int s = _s = set.Samples, k = _k;
        _steps = steps;
        _active = clamp == ClampUse.Apply ? _plant : _unclamped;
        _dynamics = clamp == ClampUse.Apply ? _clampedSteps : _unclampedSteps;
        double sw = _active.ProcessNoiseStd * Math.Sqrt(_active.Dt);
        if (_active.IsNoisy && noise is null) throw new ArgumentException("a noisy plant needs a noise stream");
        var tape = _active.IsNoisy ? Tape : null;
        if (tape is not null) Array.Clear(tape.Observation);
        _net.Begin(p, s);
        set.InitialStates.AsSpan(0, s * k).CopyTo(_x);
        for (int t = 0; t < steps; t++)
        {
            var xt = _x.AsSpan(t * s * k, s * k);
            bool act = !(t == 0 && first == FirstControl.Zero);
            if (act) FillInput(t, xt, set, noise, tape);
            _net.Forward(t, act);
            var w = sw > 0 ? _noiseW.AsSpan(0, s * k) : default;
            if (sw > 0)
            {
                var drawn = typeof(T) == typeof(double) ? MemoryMarshal.Cast<T, double>(w) : _drawn.AsSpan(0, s * k);
                noise!.FillNormal(drawn, 0, sw);
                if (tape is not null) drawn.CopyTo(tape.Process.AsSpan(t * s * k, s * k));
                if (typeof(T) != typeof(double)) Elements.Round<T>(drawn, w);
            }
            _dynamics.Step(t, xt, _net.Output(t), w, _x.AsSpan((t + 1) * s * k, s * k), _mask.AsSpan((t + 1) * s * k, s * k), s);
        }
    }

    /// <summary>
    /// Simulates the draw on its superposition basis when <paramref name="linear"/> (and the basis is smaller than the
    /// batch), checking afterwards that the clamp would not have acted; otherwise, or when it would have, simulates
    /// every trajectory of the batch. Returns the simulated set and the path taken.
    /// </summary>
    public (SampleSet<T> Set, SimulationPath Path) ForwardBatchOrBasis(NetworkWeights<T> p, BatchDraw draw, SampleSets<T> sets, bool linear,
        int steps, FirstControl first, RandomStream? noise, Span<T> scratch)
    {
        if (linear)
        {
            var basis = sets.Basis(draw);
            if (basis.Samples < draw.Batch)
            {
                Forward(p, basis, steps, first, ClampUse.Ignore, null);
                if (((LinearPlant)_plant).ClampBound is not { } bound || Superposition.RespectsClamp(States, basis, steps, _k, bound, scratch))
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

    private void FillInput(int t, ReadOnlySpan<T> xt, SampleSet<T> set, RandomStream? noise, NoiseTape? tape)
    {
        int s = _s, c = _c, nin = _nin;
        var o = _net.Input(t);
        var obs = _obs.AsSpan(0, s * c);
        _dynamics.Observe(xt, obs, s);
        if (_active.ObservationNoiseStd is > 0 and var so)
        {
            var taped = tape is not null ? tape.Observation.AsSpan(t * s * c, s * c) : default;
            for (int i = 0; i < obs.Length; i++)
            {
                double n = noise!.Normal(0, so);
                obs[i] += T.CreateTruncating(n);
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

    /// <summary>
    /// Backward sweep given dL/dx_t for t = 0..T (shape (T+1, S, k)) and dL/du_t (shape (T, S, n_u));
    /// writes the gradients of the trainable blocks into <paramref name="grad"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<T> dLdX, ReadOnlySpan<T> dLdU, NetworkWeights<T> grad)
    {
        int s = _s, k = _k, nu = _nu, steps = _steps;
        var gx = _gx.AsSpan(0, s * k);
        dLdX.Slice(steps * s * k, s * k).CopyTo(gx);
        _net.BeginBackward();
        var gIn = _gIn.AsSpan(0, s * _nin);
        for (int t = steps - 1; t >= 0; t--)
        {
            var xt = _x.AsSpan(t * s * k, s * k);
            var gu = _net.OutputGradient(t);
            dLdU.Slice(t * s * nu, s * nu).CopyTo(gu);
            var gxNew = _gxNew.AsSpan(0, s * k);
            dLdX.Slice(t * s * k, s * k).CopyTo(gxNew);
            _dynamics.StepAdjoint(t, xt, _mask.AsSpan((t + 1) * s * k, s * k), gx, gxNew, gu, s, _gPre);
            _net.Backward(t, gIn);
            _dynamics.ObserveAdjoint(xt, ObservationPart(gIn), gxNew, s);
            gxNew.CopyTo(gx);
        }
        _net.WeightGradients(grad, steps);
    }

    /// <summary>dL/dy_t (S×c): the observation columns of dL/do_t (the exogenous channels carry no gradient back).</summary>
    private ReadOnlySpan<T> ObservationPart(ReadOnlySpan<T> gIn)
    {
        int s = _s, c = _c, nin = _nin;
        if (nin == c) return gIn[..(s * c)];
        var gObs = _gObs.AsSpan(0, s * c);
        for (int b = 0; b < s; b++) gIn.Slice(b * nin, c).CopyTo(gObs.Slice(b * c, c));
        return gObs;
    }
}
