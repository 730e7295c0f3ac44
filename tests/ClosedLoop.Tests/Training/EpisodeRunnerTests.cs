using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class EpisodeRunnerTests
{
    [Theory]
    [InlineData("tanh", LoopMode.Closed)]
    [InlineData("tanh", LoopMode.Open)]
    [InlineData("tracking", LoopMode.Open)]
    [InlineData("gru", LoopMode.Closed)]
    [InlineData("gru", LoopMode.Open)]
    [InlineData("ring-hard", LoopMode.Closed)]
    [InlineData("ring-hard", LoopMode.Open)]
    public void Parts_add_up_to_the_whole_batch(string preset, LoopMode mode)
    {
        var s = Presets.Get(preset) with
        {
            Mode = mode,
            Network = Presets.Get(preset).Network with { Hidden = 7 },
            Episode = Presets.Get(preset).Episode with { Batch = 11, Steps = 9 },
            Reference = Presets.Get(preset).Reference is { } r ? r with { Steps = 9 } : null,
            Superposition = SuperpositionUse.Off,
        };
        Assert.Equal(EpisodeRunner.BatchParts, EpisodeRunner.PartsOf(s));
        var streams = new RandomStreams(4, 12345);
        var p = Initializer.Create(s.LearnerNetwork, streams.Init());
        var teacher = Initializer.Create(s.LearnerNetwork, new RandomStream(9));
        var parted = new NetworkParameters(s.LearnerNetwork);
        using var runner = new EpisodeRunner<double>(s, streams, threads: 2);
        var outcome = runner.Run(p, teacher, parted);

        // The whole batch in one problem, drawn from fresh streams of the same seed.
        var fresh = new RandomStreams(4, 12345);
        var plant = s.Plant.Build();
        var whole = new NetworkParameters(s.LearnerNetwork);
        EpisodeOutcome reference;
        if (mode == LoopMode.Closed)
        {
            var draw = BatchSampler.Draw(s.Episode.InitialStates, 11, plant.StateSize, s.Reference, fresh.TrainInitialConditions(), fresh.Reference());
            reference = new ClosedLoopProblem<double>(plant, s.LearnerNetwork, s.Episode, s.Objective, s.Reference, s.Superposition, 11).Run(p, draw, whole, null);
        }
        else
        {
            var problem = new OpenLoopProblem<double>(plant, s.LearnerNetwork, s.Episode, s.Objective, s.Reference, s.OpenLoop.Variant, s.Superposition, 11);
            reference = s.OpenLoop.Variant == OpenLoopVariant.WhiteNoise
                ? problem.Run(p, teacher, null, problem.DrawNoiseInputs(fresh.OpenLoop(), 11), whole, null)
                : problem.Run(p, teacher, BatchSampler.Draw(s.Episode.InitialStates, 11, plant.StateSize, s.Reference, fresh.TrainInitialConditions(), fresh.OpenLoop()), null, whole, null);
        }
        Assert.Equal(reference.Loss.Total, outcome.Loss.Total, 1e-12 * Math.Abs(reference.Loss.Total));
        foreach (var (a, b) in parted.TrainableBlocks().Zip(whole.TrainableBlocks()))
            for (int i = 0; i < a.Values.Length; i++)
                Assert.True(Math.Abs(a.Values[i] - b.Values[i]) <= 1e-11 * (1 + Math.Abs(b.Values[i])), $"{a.Name}[{i}]");
    }
}
