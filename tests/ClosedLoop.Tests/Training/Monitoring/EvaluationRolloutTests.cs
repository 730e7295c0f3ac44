using ClosedLoop.Controllers;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training.Monitoring;

public class EvaluationRolloutTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Tracking_references_are_exposed_and_a_zero_output_network_pays_their_energy()
    {
        var s = Presets.Get("tracking");
        var eval = new EvaluationRollout(s);
        var zero = new NetworkParameters(s.Network);
        eval.Ensure(0, zero);
        int n = s.Evaluation.Count, steps = s.Episode.Steps;
        var r = eval.References;
        Assert.Equal(s.Reference!.Steps * n * 2, r.Length);
        foreach (var x in eval.States) Assert.Equal(0.0, x);
        // Loss timing AfterStep: x_{t+1} (= 0) is compared with r[t]; training formula (0.1/T) Σ_t mean_b Σ_axes.
        double energy = 0;
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < n; b++)
                for (int a = 0; a < 2; a++) energy += r[(t * n + b) * 2 + a] * r[(t * n + b) * 2 + a];
        double expected = s.Objective.StepWeight * energy / (steps * n);
        Assert.Equal(expected, eval.TrainingStateCost(), Tolerance * expected);
        for (int b = 0; b < n; b++) Assert.Equal(0.0, r[b * 2]); // ramp(0) = 0
        Assert.Contains(r.ToArray(), v => Math.Abs(v) > 1.0);
    }

    [Fact]
    public void Regulation_runs_have_no_references()
    {
        var eval = new EvaluationRollout(Presets.Get("tanh"));
        Assert.Equal(0, eval.References.Length);
    }
}
