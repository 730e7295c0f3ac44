using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Closed-loop trajectories of a tracking network: references r[i] (i = 0..T−1) and plant positions, aligned as the
/// loss aligns them (the position charged against r[i] is x_{i+1} for after-step timing, x_i otherwise).
/// Arrays are time-major: <c>Reference[(i·Count + b)·2 + axis]</c>, <c>Position[(i·Count + b)·2 + axis]</c>.
/// </summary>
public sealed record TrackingTrajectories(int Steps, int Count, double Dt, double[] Reference, double[] Position, double MaxAbsState)
{
    /// <summary>Reference of trajectory <paramref name="b"/> on <paramref name="axis"/> at sample <paramref name="i"/>.</summary>
    public double R(int i, int b, Axis axis) => Reference[(i * Count + b) * 2 + (int)axis];

    /// <summary>The position charged against r[i] of trajectory <paramref name="b"/>.</summary>
    public double X(int i, int b, Axis axis) => Position[(i * Count + b) * 2 + (int)axis];

    /// <summary>The probe-loss formula of docs/science/analysis-maths.md §9 for trajectory b: (1/T) Σ_i Σ_axes (x − r)² (no dt factor).</summary>
    public double SquaredError(int b)
    {
        double s = 0;
        for (int i = 0; i < Steps; i++)
            for (int a = 0; a < 2; a++)
            {
                double d = Position[(i * Count + b) * 2 + a] - Reference[(i * Count + b) * 2 + a];
                s += d * d;
            }
        return s / Steps;
    }
}

/// <summary>
/// Rollouts of tracking networks through the engine's evaluation path (<see cref="EvaluationRollout"/>): the run's
/// fixed evaluation references, single-frequency probes (docs/science/model-and-training.md §1.4) and fixed-phase references, and the loss of a
/// zero-output network (docs/science/reference-values.md A8).
/// </summary>
public static class TrackingRollouts
{
    /// <summary>The network <paramref name="p"/> on the run's fixed evaluation references (the test-loss set).</summary>
    public static TrackingTrajectories Evaluation(RunSettings s, NetworkParameters p)
    {
        var eval = new EvaluationRollout(Check(s));
        eval.Ensure(0, p);
        return Read(s, eval);
    }

    /// <summary>
    /// The network on the four single-frequency probes of the analysis (phases from the evaluation seed's probe stream,
    /// shared per axis), in increasing frequency: element i of the result holds probe i+1 as its single trajectory.
    /// </summary>
    public static IReadOnlyList<TrackingTrajectories> Probes(RunSettings s, NetworkParameters p)
    {
        var task = Check(s).Reference!;
        var probes = TrackingProbes.Draw(task, new RandomStreams(s.Seed, s.EvalSeed).Probe());
        return probes.Components.Select(c => Fixed(s with { Reference = task with { Components = [c] } }, p, [c.Axis == Axis.X ? probes.PhaseX : probes.PhaseY])).ToList();
    }

    /// <summary>One trajectory on the run's reference family with every component's phase fixed to <paramref name="phases"/>.</summary>
    public static TrackingTrajectories Fixed(RunSettings s, NetworkParameters p, IReadOnlyList<double> phases)
    {
        var task = Check(s).Reference!;
        if (phases.Count != task.Components.Count)
            throw new ArgumentException($"phases has {phases.Count} values, expected {task.Components.Count} (one per reference component)");
        var fixedSettings = s with
        {
            Reference = task with { Phases = PhaseRule.Fixed, FixedPhases = [.. phases] },
            Evaluation = s.Evaluation with { Count = 1 },
        };
        var eval = new EvaluationRollout(fixedSettings);
        eval.Ensure(0, p);
        return Read(fixedSettings, eval);
    }

    /// <summary>The run's initial network (init stream of its seed) with zero readout weights z: its output is zero.</summary>
    public static NetworkParameters ZeroOutput(RunSettings s)
    {
        var p = Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init());
        Array.Clear(p.Readout);
        Array.Clear(p.OutputBias);
        return p;
    }

    /// <summary>The training loss (state term, β = 0) of <paramref name="p"/> on one reference with fixed phases.</summary>
    public static double FixedPhaseLoss(RunSettings s, NetworkParameters p, IReadOnlyList<double> phases, out double maxAbsState)
    {
        var t = Fixed(s, p, phases);
        maxAbsState = t.MaxAbsState;
        return s.Objective.StepWeight * t.SquaredError(0);
    }

    /// <summary>
    /// The expectation of the training loss over i.i.d. uniform phases, computed exactly for a network whose output does
    /// not depend on the reference (e.g. zero output): the loss is then a trigonometric polynomial of degree 2 in the
    /// phases, whose mean is reproduced exactly by the lattice φ_j = 2π k g_j / M, k = 0..M−1, with g_j = 2^j and
    /// M = 2^C + 1 (no ±g_j ± g_l vanishes mod M). C = number of components (M = 17 for the paper's task).
    /// </summary>
    public static double PhaseAveragedLoss(RunSettings s, NetworkParameters p, out double maxAbsState)
    {
        int c = Check(s).Reference!.Components.Count;
        if (c > 20) throw new ArgumentException($"reference.components = {c} is not allowed here: at most 20");
        int m = (1 << c) + 1;
        double sum = 0;
        maxAbsState = 0;
        for (int k = 0; k < m; k++)
        {
            var phases = Enumerable.Range(0, c).Select(j => 2 * Math.PI * ((k * (long)(1 << j)) % m) / m).ToArray();
            sum += FixedPhaseLoss(s, p, phases, out double mx);
            maxAbsState = Math.Max(maxAbsState, mx);
        }
        return sum / m;
    }

    private static RunSettings Check(RunSettings s) =>
        s.Reference is null || s.Objective.Task != TaskKind.Tracking
            ? throw new ArgumentException($"preset = '{s.Preset}' is not a tracking run: tracking rollouts need a reference")
            : s;

    private static TrackingTrajectories Read(RunSettings s, EvaluationRollout eval)
    {
        int n = s.Evaluation.Count, steps = s.Episode.Steps, k = eval.Plant.StateSize;
        int shift = s.Episode.LossTiming == LossTiming.AfterStep ? 1 : 0;
        var states = eval.States;
        var c = eval.Plant.C;
        var reference = eval.References[..(steps * n * 2)].ToArray();
        var position = new double[steps * n * 2];
        for (int i = 0; i < steps; i++)
            for (int b = 0; b < n; b++)
                for (int a = 0; a < 2; a++)
                {
                    double pos = 0;
                    for (int j = 0; j < k; j++) pos += c[a, j] * states[((i + shift) * n + b) * k + j];
                    position[(i * n + b) * 2 + a] = pos;
                }
        double max = 0;
        foreach (var x in states) max = Math.Max(max, Math.Abs(x));
        return new TrackingTrajectories(steps, n, s.Reference!.Dt, reference, position, max);
    }
}
