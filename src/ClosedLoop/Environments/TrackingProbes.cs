using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>
/// The single-frequency probes of the tracking analysis (docs/science/model-and-training.md §1.4): one reference per component of the task, in
/// increasing frequency order, each a single ramped cosine on its axis with a zero reference on the other axis.
/// Probes on the same axis share one phase (as in the published analysis), drawn once per analysis.
/// </summary>
public sealed record TrackingProbes(TrackingReference Task, double PhaseX, double PhaseY)
{
    /// <summary>Probes of <paramref name="task"/> with phases drawn from <paramref name="probe"/>: first x, then y.</summary>
    public static TrackingProbes Draw(TrackingReference task, RandomStream probe)
    {
        double px = probe.Uniform(-Math.PI, Math.PI);
        double py = probe.Uniform(-Math.PI, Math.PI);
        return new TrackingProbes(task, px, py);
    }

    /// <summary>The task's components in increasing frequency (ω₁ &lt; ω₂ &lt; …).</summary>
    public IReadOnlyList<SinusoidComponent> Components => [.. Task.Components.OrderBy(c => c.FrequencyHz)];

    /// <summary>Number of probes.</summary>
    public int Count => Task.Components.Count;

    /// <summary>The probe references, shape (T, Count, 2) flattened, time-major (the layout a rollout reads).</summary>
    public double[] Values()
    {
        var comps = Components;
        int steps = Task.Steps, n = comps.Count;
        var r = new double[steps * n * 2];
        for (int i = 0; i < n; i++)
        {
            var single = Task with { Components = [comps[i]] };
            var v = single.Values([comps[i].Axis == Axis.X ? PhaseX : PhaseY], 1);
            for (int t = 0; t < steps; t++)
                for (int a = 0; a < 2; a++) r[(t * n + i) * 2 + a] = v[t * 2 + a];
        }
        return r;
    }
}
