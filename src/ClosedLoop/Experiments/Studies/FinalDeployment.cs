using ClosedLoop.Controllers;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// The deployed behaviour of one network on the run's fixed evaluation set (docs/science/model-and-training.md §6.3): the state loss D_H and
/// the control energy.
/// </summary>
/// <param name="StateLoss">D_H = (1/H) Σ_{t&lt;H} (1/n_ev) Σ_b ‖x_{t,b}‖² over the charged states (docs/science/analysis-maths.md §10).</param>
/// <param name="ControlEnergy">(1/T) Σ_{t&lt;T} (1/n_ev) Σ_b ‖u_{t,b}‖² over the episode length T (docs/science/figures-and-studies.md §8).</param>
/// <param name="Horizon">H.</param>
/// <param name="Steps">T.</param>
public sealed record Deployment(double StateLoss, double ControlEnergy, int Horizon, int Steps);

/// <summary>
/// Deploys the final checkpoint of a run (or any parameters, or a reduced rank-1 model) in closed loop on the run's
/// evaluation set with the experiment's conventions, to a chosen horizon.
/// </summary>
public static class FinalDeployment
{
    /// <summary>
    /// The last recorded checkpoint of <paramref name="run"/>: the snapshot of the last metrics row when written (so D_T
    /// equals the row's <c>test_loss</c>), otherwise the final weights.
    /// </summary>
    public static NetworkParameters FinalParameters(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int last = run.Epochs - 1;
        return run.HasSnapshot(last) ? run.Parameters(last) : run.Parameters();
    }

    /// <summary>The final checkpoint of <paramref name="run"/> deployed to horizon <paramref name="horizon"/>.</summary>
    public static Deployment Of(RunRecord run, int horizon) => Of(run.Settings, FinalParameters(run), horizon);

    /// <summary>Network <paramref name="p"/> deployed with the conventions and evaluation set of <paramref name="s"/>.</summary>
    public static Deployment Of(RunSettings s, NetworkParameters p, int horizon) => Simulate(s, p, horizon).Deployment;

    /// <summary>The evaluation set's initial states of <paramref name="s"/>, sample-major (n_ev × k).</summary>
    public static double[] InitialStates(RunSettings s, NetworkParameters p) => Simulate(s, p, 1).InitialStates;

    /// <summary>
    /// The reduced rank-1 model P_eff of <paramref name="o"/> (docs/science/analysis-maths.md §3.3) deployed from the double-integrator
    /// initial states <paramref name="initialStates"/> (sample-major pairs, κ = 0, zero first control): the same
    /// quantities as the full model on the same set (the reduction is exact for g = 0).
    /// </summary>
    public static Deployment OfReduced(OrderParameters o, IReadOnlyList<double> initialStates, int horizon, int steps)
    {
        ArgumentNullException.ThrowIfNull(initialStates);
        if (initialStates.Count == 0 || initialStates.Count % 2 != 0)
            throw new ArgumentException($"initialStates has {initialStates.Count} values: it must hold (position, velocity) pairs", nameof(initialStates));
        CheckHorizon(horizon, steps);
        var model = new RankOneModel(o);
        int n = initialStates.Count / 2, len = Math.Max(horizon, steps);
        double state = 0, energy = 0;
        for (int b = 0; b < n; b++)
        {
            var tr = model.Rollout([initialStates[2 * b], initialStates[2 * b + 1]], len);
            for (int t = 0; t < horizon; t++) state += tr.Position(t) * tr.Position(t) + tr.Velocity(t) * tr.Velocity(t);
            for (int t = 0; t < steps; t++) energy += tr.Control(t) * tr.Control(t);
        }
        return new Deployment(state / (n * (double)horizon), energy / (n * (double)steps), horizon, steps);
    }

    private static (Deployment Deployment, double[] InitialStates) Simulate(RunSettings s, NetworkParameters p, int horizon)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(p);
        int steps = s.Episode.Steps;
        CheckHorizon(horizon, steps);
        var eval = new EvaluationRollout(s with { Evaluation = s.Evaluation with { Horizons = [horizon] } });
        eval.Ensure(0, p);
        var cost = eval.PerStepCost;
        double state = 0;
        for (int t = 0; t < horizon; t++) state += cost[t];
        int n = s.Evaluation.Count, k = eval.Plant.StateSize;
        var controls = eval.Controls;
        double energy = 0;
        int perStep = controls.Length / eval.Steps;
        for (int i = 0; i < steps * perStep; i++) energy += controls[i] * controls[i];
        return (new Deployment(state / horizon, energy / (n * (double)steps), horizon, steps), eval.States[..(n * k)].ToArray());
    }

    private static void CheckHorizon(int horizon, int steps)
    {
        if (horizon < 1) throw new ArgumentException($"horizon = {horizon} is not allowed: it must be >= 1", nameof(horizon));
        if (steps < 1) throw new ArgumentException($"steps = {steps} is not allowed: it must be >= 1", nameof(steps));
    }
}
