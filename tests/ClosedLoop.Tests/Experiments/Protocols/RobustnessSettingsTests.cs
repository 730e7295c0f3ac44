using System.Text.Json;
using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class RobustnessSettingsTests
{
    // docs/science/figures-and-studies.md §12.3: each setting changes one factor of the §12.1 baseline (Adam: optimiser kind with its lr).
    public static TheoryData<string, string[]> Changes => new()
    {
        { "original", [] },
        { "lr_low", ["optimizer.learning_rate=0.003"] },
        { "lr_high", ["optimizer.learning_rate=0.03"] },
        { "init_weak", ["network.recurrent_scale=0.03"] },
        { "init_strong", ["network.recurrent_scale=0.3"] },
        { "feedback_low", ["plant.feedback_factor=0.5"] },
        { "feedback_high", ["plant.feedback_factor=1.5"] },
        { "episode_short", ["episode.steps=25"] },
        { "episode_long", ["episode.steps=100"] },
        { "obs_noise", ["plant.observation_noise=0.05"] },
        { "adam", ["optimizer.kind=adam", "optimizer.learning_rate=0.001"] },
        { "high_control_penalty", ["objective.beta=0.05"] },
        { "no_clip", ["optimizer.clip_norm="] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_setting_changes_exactly_its_factor(string name, string[] expected)
    {
        var baseline = Leaves(ProtocolBaseline.Closed(ExperimentSize.Quick, 0, 400, SpectrumKinds.Joint));
        var changed = Leaves(ProtocolBaseline.Closed(ExperimentSize.Quick, 0, 400, SpectrumKinds.Joint, RobustnessSettings.Get(name).Apply));
        // A null or omitted value reads as "".
        var diff = baseline.Keys.Union(changed.Keys)
            .Where(k => baseline.GetValueOrDefault(k, "") != changed.GetValueOrDefault(k, ""))
            .Select(k => $"{k}={changed.GetValueOrDefault(k, "")}").OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), diff);
    }

    [Fact]
    public void The_grid_has_the_13_settings_of_the_spec_in_order()
    {
        Assert.Equal(Changes.Select(row => (string)row[0]), RobustnessSettings.All.Select(s => s.Name));
        Assert.Throws<ArgumentException>(() => RobustnessSettings.Get("lr_medium"));
    }

    [Fact]
    public void Every_setting_evaluates_D_over_the_baseline_50_steps()
    {
        using var tmp = new TempDirectory();
        var ctx = new ExperimentContext(tmp.Path, "robustness", ExperimentSize.Quick, null, new RunCache(tmp.Path, 1));
        foreach (var g in RobustnessSettings.All)
        {
            var s = RobustnessGrid.Closed(ctx, g, 0).Validated();
            Assert.Equal([RobustnessGrid.EvaluationSteps], s.Evaluation.Horizons);
        }
    }

    private static Dictionary<string, string> Leaves(RunSettings s)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}");
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var x in e.EnumerateArray()) Walk(x, $"{path}[{i++}]");
                    break;
                case JsonValueKind.Null:
                    map[path] = "";
                    break;
                default:
                    map[path] = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
                    break;
            }
        }
        Walk(JsonSerializer.SerializeToElement(s, SettingsJson.Options), "");
        return map;
    }
}
