using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Tests.Support;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class ClosedLoopProblemTests
{
    public static IEnumerable<object[]> Combinations()
    {
        foreach (var act in Enum.GetValues<Activation>())
            foreach (var rec in Enum.GetValues<Recurrence>())
                foreach (var train in new[] { TrainSet.All, TrainSet.Subset })
                    foreach (var task in new[] { TaskKind.Regulation, TaskKind.Tracking })
                        yield return [act, rec, train, task];
    }

    public enum TrainSet { All, Subset }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Gradient_matches_central_differences(Activation act, Recurrence rec, TrainSet train, TaskKind task)
    {
        var setup = Problems.Build(act, rec, train == TrainSet.All, task, seed: 3);
        var p = setup.Parameters;
        var grad = new NetworkParameters(p.Settings);
        setup.Problem.Run(p, setup.Draw, grad, setup.Noise());
        double worst = FiniteDifference.WorstRelativeError(p, grad, q => setup.Problem.Run(q, setup.Draw, null, setup.Noise()).Loss.Total);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
    }

    [Theory]
    [InlineData(FirstControl.Zero, LossTiming.AfterStep)]
    [InlineData(FirstControl.ActFromStart, LossTiming.BeforeStep)]
    public void Gradient_is_exact_for_every_timing_and_with_leak_noise_target_and_clamp(FirstControl first, LossTiming timing)
    {
        var setup = Problems.Build(Activation.Tanh, Recurrence.LowRank, true, TaskKind.Regulation, seed: 5,
            first: first, timing: timing, gamma: 0.4, noisy: true, target: [0.3, -0.2], clamp: 1.5);
        var p = setup.Parameters;
        var grad = new NetworkParameters(p.Settings);
        setup.Problem.Run(p, setup.Draw, grad, setup.Noise());
        double worst = FiniteDifference.WorstRelativeError(p, grad, q => setup.Problem.Run(q, setup.Draw, null, setup.Noise()).Loss.Total);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
    }

    [Theory]
    [InlineData(Recurrence.Dense)]
    [InlineData(Recurrence.LowRank)]
    public void Tracking_gradient_is_exact_on_the_superposition_basis_with_a_leak(Recurrence rec)
    {
        // the published tracking network: linear, gamma = dt/tau = 0.1, clamp at 10 (inactive here); a batch of 12 > 8
        // basis trajectories, so the Gram-weighted basis is what is differentiated; every weight block trains
        var setup = Problems.Build(Activation.Linear, rec, false, TaskKind.Tracking, seed: 6, gamma: 0.1, clamp: 10.0, batch: 12,
            trainable: Problems.WeightBlocks(rec));
        var (path, worst) = GradientError(setup);
        Assert.Equal(SimulationPath.Basis, path);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
    }

    [Theory]
    [InlineData(Activation.Linear, Recurrence.Dense, SimulationPath.BatchAfterClamp)]
    [InlineData(Activation.Linear, Recurrence.LowRank, SimulationPath.BatchAfterClamp)]
    [InlineData(Activation.Tanh, Recurrence.Dense, SimulationPath.Batch)]
    public void Tracking_gradient_is_exact_with_a_leak_and_the_clamp_active(Activation act, Recurrence rec, SimulationPath expected)
    {
        const double bound = 0.004;
        var setup = Problems.Build(act, rec, false, TaskKind.Tracking, seed: 6, gamma: 0.1, clamp: bound, batch: 12,
            trainable: Problems.WeightBlocks(rec));
        var (path, worst) = GradientError(setup);
        Assert.Equal(expected, path);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
        setup.Problem.Run(setup.Parameters, setup.Draw, null, null);
        var states = setup.Problem.Rollout.States.ToArray();
        int clipped = states.Count(x => Math.Abs(x) == bound), free = states.Count(x => Math.Abs(x) < bound && x != 0);
        Assert.True(clipped > 20 && free > 20, $"{clipped} clipped and {free} free state components: the clamp must act on some, not all");
    }

    /// <summary>The path the episode takes and the worst relative error of its gradient against central differences.</summary>
    private static (SimulationPath Path, double Worst) GradientError(Problems.Setup setup)
    {
        var p = setup.Parameters;
        var grad = new NetworkParameters(p.Settings);
        var path = setup.Problem.Run(p, setup.Draw, grad, setup.Noise()).Path;
        double worst = FiniteDifference.WorstRelativeError(p, grad, q => setup.Problem.Run(q, setup.Draw, null, setup.Noise()).Loss.Total);
        return (path, worst);
    }

    [Theory]
    [InlineData(TaskKind.Regulation)]
    [InlineData(TaskKind.Tracking)]
    public void Superposition_basis_gives_the_batch_loss_and_gradient(TaskKind task)
    {
        var basis = Problems.Build(Activation.Linear, Recurrence.Dense, false, task, seed: 9, batch: 40);
        var batch = Problems.Build(Activation.Linear, Recurrence.Dense, false, task, seed: 9, batch: 40, superposition: SuperpositionUse.Off);
        var g1 = new NetworkParameters(basis.Parameters.Settings);
        var g2 = new NetworkParameters(basis.Parameters.Settings);
        var o1 = basis.Problem.Run(basis.Parameters, basis.Draw, g1, null);
        var o2 = batch.Problem.Run(batch.Parameters, batch.Draw, g2, null);
        Assert.Equal(SimulationPath.Basis, o1.Path);
        Assert.Equal(SimulationPath.Batch, o2.Path);
        Assert.Equal(o2.Loss.Total, o1.Loss.Total, 1e-10 * Math.Abs(o2.Loss.Total));
        foreach (var (a, b) in g1.Blocks().Zip(g2.Blocks()))
            for (int i = 0; i < a.Values.Length; i++)
                Assert.True(Math.Abs(a.Values[i] - b.Values[i]) <= 1e-9 * (1 + Math.Abs(b.Values[i])), $"{a.Name}[{i}]: {a.Values[i]} vs {b.Values[i]}");
    }

    [Fact]
    public void Basis_falls_back_to_the_batch_when_the_clamp_acts()
    {
        var setup = Problems.Build(Activation.Linear, Recurrence.Dense, false, TaskKind.Regulation, seed: 2, batch: 30, clamp: 0.5);
        var outcome = setup.Problem.Run(setup.Parameters, setup.Draw, null, null);
        Assert.Equal(SimulationPath.BatchAfterClamp, outcome.Path);
        var reference = Problems.Build(Activation.Linear, Recurrence.Dense, false, TaskKind.Regulation, seed: 2, batch: 30, clamp: 0.5, superposition: SuperpositionUse.Off);
        Assert.Equal(reference.Problem.Run(reference.Parameters, reference.Draw, null, null).Loss.Total, outcome.Loss.Total);
    }
}
