using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// The closed-loop deployment of a checkpoint on the run's fixed evaluation set (docs/science/model-and-training.md §6.3): same set for every
/// checkpoint and for both learners of a pair (drawn from the evaluation seed), the experiment's closed-loop timing,
/// no control term, run to the longest requested horizon. Shared by the monitors of one checkpoint: the rollout is
/// simulated once per epoch.
/// </summary>
public sealed class EvaluationRollout
{
    private readonly RunSettings _s;
    private readonly IPlant _plant;
    private readonly ClosedLoopProblem<double> _problem;
    private readonly BatchDraw _draw;
    private readonly int _steps;
    private readonly double[] _perStep, _states, _controls, _references, _hidden;
    private int _epoch = -1;
    private SampleSet<double>? _set;

    public EvaluationRollout(RunSettings s)
    {
        _s = s;
        _plant = s.Plant.Build();
        _steps = Math.Max(s.Episode.Steps, s.Evaluation.Horizons.Count == 0 ? 0 : s.Evaluation.Horizons.Max());
        if (s.Reference is not null && _steps > s.Reference.Steps)
            throw new ArgumentException($"evaluation.horizons reach {_steps} steps but the tracking reference has {s.Reference.Steps}");
        var ep = s.Episode with { Steps = _steps, Batch = s.Evaluation.Count };
        var obj = s.Objective with { Beta = 0 };
        var net = s.Network;
        int n = s.Evaluation.Count, k = _plant.StateSize;
        _problem = new ClosedLoopProblem<double>(_plant, net, ep, obj, s.Reference, s.Superposition, n);
        var streams = new RandomStreams(s.Seed, s.EvalSeed);
        var eval = streams.Eval();
        _draw = BatchSampler.Draw(s.Evaluation.InitialStates, n, k, s.Reference, eval, eval);
        _references = s.Reference is { } task ? task.Values(_draw.Phases, n) : [];
        _perStep = new double[_steps];
        _states = new double[(_steps + 1) * n * k];
        _controls = new double[_steps * n * _plant.ControlSize];
        // Hidden states are kept only for a joint Jacobian away from the origin (SpectralMonitor).
        _hidden = s.Evaluation.Jacobian.At != Theory.JacobianPoint.Origin ? new double[_steps * n * s.Network.Hidden] : [];
    }

    /// <summary>Steps simulated (episode length or longest horizon).</summary>
    public int Steps => _steps;

    /// <summary>The plant.</summary>
    public IPlant Plant => _plant;

    /// <summary>Simulates checkpoint <paramref name="epoch"/> unless it already was.</summary>
    public void Ensure(int epoch, NetworkParameters p)
    {
        if (epoch == _epoch) return;
        var noise = _plant.IsNoisy ? new RandomStreams(_s.Seed, _s.EvalSeed).EvalNoise() : null;
        (_set, _) = _problem.Simulate(p, _draw, noise);
        _problem.Objective.PerStepStateCost(_problem.Rollout, _set, _perStep);
        Reconstruct();
        _epoch = epoch;
    }

    /// <summary>
    /// Per-step state cost (1/n_ev) Σ_b ‖e_{t,b}‖² of the charged states (x_t or x_{t+1} by the loss timing; for
    /// tracking the position error against the reference), for t = 0..Steps−1.
    /// </summary>
    public ReadOnlySpan<double> PerStepCost => _perStep;

    /// <summary>Evaluation-set states, shape (Steps+1, n_ev, k), time-major.</summary>
    public ReadOnlySpan<double> States => _states;

    /// <summary>Evaluation-set controls, shape (Steps, n_ev, n_u), time-major.</summary>
    public ReadOnlySpan<double> Controls => _controls;

    /// <summary>
    /// Evaluation-set hidden states h_t (the state after reading x_t), shape (Steps, n_ev, N), time-major; kept only when
    /// <see cref="EvaluationSettings.Jacobian"/> is not the origin (empty otherwise).
    /// </summary>
    public ReadOnlySpan<double> Hidden => _hidden;

    /// <summary>Evaluation-set tracking references, shape (reference steps, n_ev, 2), time-major; empty for regulation.</summary>
    public ReadOnlySpan<double> References => _references;

    /// <summary>The training objective's state term on this rollout over the episode length (the tracking test loss).</summary>
    public double TrainingStateCost() =>
        _problem.Objective.StateFactor(_s.Episode.Steps, _s.Evaluation.Count) * _s.Evaluation.Count * Sum(_perStep.AsSpan(0, _s.Episode.Steps));

    private static double Sum(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        return s;
    }

    private void Reconstruct()
    {
        var set = _set!;
        var r = _problem.Rollout;
        int n = _s.Evaluation.Count, k = _plant.StateSize, nu = _plant.ControlSize, s = set.Samples;
        for (int t = 0; t <= _steps; t++)
        {
            var dst = _states.AsSpan(t * n * k, n * k);
            if (set.IsBasis) Gemm.AB(set.Coefficients, r.State(t), dst, n, s, k, accumulate: false);
            else r.State(t).CopyTo(dst);
        }
        for (int t = 0; t < _steps; t++)
        {
            var dst = _controls.AsSpan(t * n * nu, n * nu);
            if (set.IsBasis) Gemm.AB(set.Coefficients, r.Control(t), dst, n, s, nu, accumulate: false);
            else r.Control(t).CopyTo(dst);
        }
        int hn = _hidden.Length / Math.Max(1, _steps * n);
        for (int t = 0; t < _steps && hn > 0; t++)
        {
            var dst = _hidden.AsSpan(t * n * hn, n * hn);
            if (set.IsBasis) Gemm.AB(set.Coefficients, r.Network.Hidden(t), dst, n, s, hn, accumulate: false);
            else r.Network.Hidden(t).CopyTo(dst);
        }
    }
}
