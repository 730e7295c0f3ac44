using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

/// <summary>
/// The training loop in float (single precision) against the same loop in double, on the same parameters (float values,
/// held exactly in double) and the same float64 draws: losses, gradients and rollouts agree to float rounding. The
/// float64 engine itself is checked against finite differences elsewhere; this shows the float twin computes the same
/// function and the same exact gradient.
/// </summary>
public class SinglePrecisionTests
{
    /// <summary>Relative error a float computation of these small episodes stays under (ε_float ≈ 6e-8; measured 1e-8 to 3e-7).</summary>
    private const double FloatLevel = 5e-6;

    public static TheoryData<string, LoopMode, bool> Presets => new()
    {
        { "tanh", LoopMode.Closed, false },
        { "tanh", LoopMode.Open, false },
        { "lowrank", LoopMode.Closed, true },     // the superposition basis
        { "tracking", LoopMode.Closed, true },
        { "tracking", LoopMode.Open, true },
        { "gru", LoopMode.Closed, false },
        { "gru", LoopMode.Open, false },
        { "ring-hard", LoopMode.Closed, false },  // the ring plant's step, wrap and trigonometric observation
        { "ring-simple", LoopMode.Open, false },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Loss_and_gradient_in_single_match_double_to_float_rounding(string preset, LoopMode mode, bool basis)
    {
        var s = Small(preset, mode);
        var (loss64, grad64) = Epoch<double>(s);
        var (loss32, grad32) = Epoch<float>(s);
        Assert.Equal(loss64.Path, loss32.Path);
        Assert.Equal(basis, loss64.Path == SimulationPath.Basis);
        Assert.True(Math.Abs(loss32.Loss.Total - loss64.Loss.Total) <= FloatLevel * Math.Abs(loss64.Loss.Total), $"loss {loss32.Loss.Total} vs {loss64.Loss.Total}");
        double norm = Math.Sqrt(grad64.Sum(g => g * g)), diff = Math.Sqrt(grad64.Zip(grad32, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(norm > 0, "the gradient vanished: the test would prove nothing");
        Assert.True(diff <= FloatLevel * norm, $"gradient relative error {diff / norm:E2}");
        Assert.NotEqual(grad64, grad32); // it really ran in float
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("ring-hard")]
    [InlineData("gru")]
    public void Rollouts_in_single_track_double(string preset)
    {
        var s = Small(preset, LoopMode.Closed);
        var x64 = States<double>(s);
        var x32 = States<float>(s);
        double scale = x64.Max(Math.Abs);
        for (int i = 0; i < x64.Length; i++)
            Assert.True(Math.Abs(x32[i] - x64[i]) <= FloatLevel * scale, $"state {i}: {x32[i]} vs {x64[i]}");
    }

    /// <summary>A small version of a preset (N = 8, batch 10, 12 or 20 steps) whose closed/open runs take milliseconds.</summary>
    private static RunSettings Small(string preset, LoopMode mode)
    {
        var p = ClosedLoop.Training.Presets.Get(preset);
        int steps = p.Reference is null ? 12 : 20;
        return p with
        {
            Mode = mode,
            Network = p.Network with { Hidden = 8 },
            Episode = p.Episode with { Batch = 10, Steps = steps },
            Reference = p.Reference is { } r ? r with { Steps = steps } : null,
        };
    }

    /// <summary>Weights every precision holds exactly: the double initial weights rounded to float.</summary>
    private static NetworkWeights<T> Weights<T>(NetworkSettings net, long seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rounded = new NetworkWeights<float>(net);
        rounded.CopyFrom(Initializer.Create(net, new RandomStream((ulong)seed)));
        var w = new NetworkWeights<T>(net);
        w.CopyFrom(rounded);
        return w;
    }

    /// <summary>One epoch's loss and the gradient of every trainable value (as double) in element type T.</summary>
    private static (EpisodeOutcome Outcome, double[] Gradient) Epoch<T>(RunSettings s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = s.LearnerNetwork;
        var grad = new NetworkWeights<T>(net);
        using var runner = new EpisodeRunner<T>(s, new RandomStreams(5, 12345), threads: 1);
        var outcome = runner.Run(Weights<T>(net, 1), Weights<T>(net, 2), grad);
        return (outcome, grad.TrainableBlocks().SelectMany(b => b.Values).Select(double.CreateTruncating).ToArray());
    }

    /// <summary>The closed-loop states x_0..x_T of one batch in element type T.</summary>
    private static double[] States<T>(RunSettings s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plant = s.Plant.Build();
        var problem = new ClosedLoopProblem<T>(plant, s.Network, s.Episode, s.Objective, s.Reference, SuperpositionUse.Off, s.Episode.Batch);
        var streams = new RandomStreams(5, 12345);
        var draw = BatchSampler.Draw(s.Episode.InitialStates, s.Episode.Batch, plant.StateSize, s.Reference, streams.TrainInitialConditions(), streams.Reference());
        problem.Simulate(Weights<T>(s.Network, 1), draw, null);
        return problem.Rollout.States.ToArray().Select(double.CreateTruncating).ToArray();
    }
}
