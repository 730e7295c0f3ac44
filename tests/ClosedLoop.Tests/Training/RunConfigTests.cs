using System.Text.Json;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class RunConfigTests
{
    public static IEnumerable<object[]> PresetNames() => Presets.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Every_preset_round_trips_through_json_and_validates(string name)
    {
        var s = Presets.Get(name).Validated();
        var json = JsonSerializer.Serialize(s, SettingsJson.Options);
        var back = RunConfig.FromPreset(name, []);
        Assert.Equal(json, JsonSerializer.Serialize(back, SettingsJson.Options));
    }

    [Fact]
    public void Overrides_change_nested_fields()
    {
        var s = RunConfig.FromPreset("tanh", ["optimizer.learning_rate=0.02", "episode.steps=25", "optimizer.kind=adam", "optimizer.clip_norm=null", "epochs=7"]);
        Assert.Equal(0.02, s.Optimizer.LearningRate);
        Assert.Equal(25, s.Episode.Steps);
        Assert.Equal(ClosedLoop.Training.Optimizers.OptimizerKind.Adam, s.Optimizer.Kind);
        Assert.Null(s.Optimizer.ClipNorm);
        Assert.Equal(7, s.Epochs);
    }

    [Theory]
    [InlineData("epochs=0", "epochs = 0")]
    [InlineData("optimizer.learning_rate=0", "optimizer.learning_rate = 0")]
    [InlineData("optimizer.learning_rate=-1", "optimizer.learning_rate = -1")]
    [InlineData("network.hidden=0", "network.hidden = 0")]
    [InlineData("network.trainable=low_rank_u", "network.trainable")]
    [InlineData("plant.dt=-1", "plant.dt = -1")]
    [InlineData("network.tau=0", "network.tau = 0")]
    [InlineData("episode.batch=0", "episode.batch = 0")]
    [InlineData("optimizer.kind=rmsprop", "optimizer.kind")]
    [InlineData("optimizer.learnng_rate=1", "optimizer.learnng_rate' is not known")]
    [InlineData("nonsense=1", "'nonsense' is not known")]
    [InlineData("episode", "key=value")]
    public void Bad_overrides_name_the_field(string assignment, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => RunConfig.FromPreset("tanh", [assignment]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Rank_above_hidden_size_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RunConfig.FromPreset("lowrank", ["network.rank=101"]));
        Assert.Contains("network.rank = 101", e.Message);
    }

    [Fact]
    public void Unknown_preset_lists_the_allowed_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => RunConfig.FromPreset("tanhh", []));
        Assert.Contains("preset = 'tanhh'", e.Message);
        Assert.Contains("lowrank", e.Message);
    }

    [Theory]
    [InlineData("{\"preset\": \"lowrank\", \"epochs\": 12, \"optimizer\": {\"learning_rate\": 0.5}}", null)]
    [InlineData("{\"preset\": \"lowrank\", \"epochs\": 12", "not valid JSON")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    [InlineData("{\"preset\": \"lowrank\", \"optimiser\": {}}", "'optimiser' is not known")]
    [InlineData("{\"preset\": \"tanh\", \"plant\": {\"kind\": \"custom\", \"a\": [[1, 1]], \"b\": [[0], [1]], \"c\": [[1, 0]]}}", "plant.a must be square")]
    [InlineData("{\"preset\": \"tanh\", \"plant\": {\"kind\": \"custom\", \"a\": [[1, 1], [0]], \"b\": [[0], [1]], \"c\": [[1, 0]]}}", "plant.a row 1")]
    [InlineData("{\"preset\": \"tanh\", \"epochs\": \"many\"}", "epochs")]
    public void Config_files_are_read_strictly(string text, string? expectedError)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);
            if (expectedError is null)
            {
                var s = RunConfig.FromFile(path, []);
                Assert.Equal(12, s.Epochs);
                Assert.Equal(0.5, s.Optimizer.LearningRate);
                Assert.Equal(ClosedLoop.Controllers.Recurrence.LowRank, s.Network.Recurrence);
            }
            else
            {
                var e = Assert.Throws<ArgumentException>(() => RunConfig.FromFile(path, []));
                Assert.Contains(expectedError, e.Message);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
