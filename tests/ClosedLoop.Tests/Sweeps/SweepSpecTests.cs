using ClosedLoop.Sweeps;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Sweeps;

public class SweepSpecTests
{
    /// <summary>The example of docs/sweeps.md (comments allowed).</summary>
    public const string Example = """
        {
          "preset": "tanh",                       // or "config": {...}
          "epochs": 1001,
          "set": {"objective.beta": 0},
          "grid": {"episode.steps": [25, 50, 100], "network.hidden": [50, 100]},
          "zip": {"optimizer.kind": ["sgd", "adam"], "optimizer.learning_rate": [0.01, 0.001]},
          "seeds": [0, 1, 2, 3, 4],
          "modes": ["closed", "open"],
          "analyze": true
        }
        """;

    [Fact]
    public void The_documented_example_parses_into_its_parts()
    {
        var s = SweepSpec.Parse(Example);
        Assert.Equal("tanh", s.Preset);
        Assert.Equal(1001, s.Epochs);
        Assert.Equal(["objective.beta"], s.Set.Select(x => x.Key));
        Assert.Equal(["episode.steps", "network.hidden", "optimizer.kind", "optimizer.learning_rate"], s.Varied.Select(a => a.Key));
        Assert.Equal([0L, 1, 2, 3, 4], s.Seeds);
        Assert.Equal([LoopMode.Closed, LoopMode.Open], s.Modes!);
        Assert.True(s.Analyze);
        Assert.Equal("final_loss", s.Metric);
        Assert.Equal([3L, 4, 5, 6], SweepSpec.Parse("""{"seeds": {"from": 3, "count": 4}}""").Seeds);
    }

    [Theory]
    [InlineData("""{"gird": {}}""", "spec key 'gird' is not known: allowed keys are preset, config, epochs, set, grid, zip, seeds, modes, analyze, metric")]
    [InlineData("""{"grid": {}}""", "grid is empty")]
    [InlineData("""{"grid": {"objective.beta": []}}""", "grid.objective.beta is empty")]
    [InlineData("""{"grid": {"objective.beta": 0.1}}""", "grid.objective.beta = 0.1 is not allowed: it must be a list of values")]
    [InlineData("""{"set": {"objective.beta": 0}, "grid": {"objective.beta": [0, 0.1]}}""", "key 'objective.beta' is in both set and grid")]
    [InlineData("""{"set": {"objective": {"beta": 0}}, "zip": {"objective.beta": [0, 0.1]}}""", "key 'objective.beta' is in both zip and set (as 'objective')")]
    [InlineData("""{"epochs": 10, "grid": {"epochs": [1, 2]}}""", "key 'epochs' is in both grid and epochs")]
    [InlineData("""{"grid": {"seed": [1, 2]}}""", "grid key 'seed' is not allowed here: give the spec's \"seeds\" list instead")]
    [InlineData("""{"set": {"mode": "open"}}""", "set key 'mode' is not allowed here")]
    [InlineData("""{"grid": {"objective.beta": [0.1, 0.1]}}""", "grid.objective.beta lists 0.1 twice")]
    [InlineData("""{"zip": {"a.b": [1, 2], "c.d": [1]}}""", "zip lists must be equally long: 'a.b' has 2, 'c.d' has 1")]
    [InlineData("""{"preset": "tanh", "config": {}}""", "spec keys 'preset' and 'config' cannot be combined")]
    [InlineData("""{"zip": {"a.b": [1, 1], "c.d": [2, 2]}}""", "zip lists the values (1, 2) twice")]
    [InlineData("""{"seeds": []}""", "seeds is empty")]
    [InlineData("""{"seeds": [1, 1]}""", "seeds lists 1 twice")]
    [InlineData("""{"seeds": {"from": 2}}""", "seeds.count is missing")]
    [InlineData("""{"modes": ["closed", "teacher"]}""", "modes = \"teacher\" is not allowed: it must be \"closed\" or \"open\"")]
    [InlineData("""{"analyze": "yes"}""", "analyze = \"yes\" is not allowed: it must be true or false")]
    [InlineData("""{"grid": {"$(touch x)": [1]}}""", "grid key '$(touch x)' is not a settings key")]
    [InlineData("""{"grid": {"objective.beta": [0, 0.1]""", "spec is not valid JSON")]
    [InlineData("""[1, 2]""", "spec must hold a JSON object")]
    public void A_bad_spec_is_refused_naming_the_key(string json, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpec.Parse(json));
        Assert.Contains(message, e.Message);
    }
}
