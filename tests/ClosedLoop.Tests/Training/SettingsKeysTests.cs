using System.Text.Json.Nodes;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

/// <summary>
/// Every key that <c>closedloop list NAME</c> prints, set to hostile values through <c>--set</c>: a refusal must name
/// the key exactly as typed, and every whole-number key must have an upper bound (or be one whose huge values mean
/// "never", listed here with the reason). A new setting joins these checks by itself.
/// </summary>
public class SettingsKeysTests
{
    /// <summary>Keys whose huge values are meaningful, and why.</summary>
    private static readonly Dictionary<string, string> HugeIsMeaningful = new()
    {
        ["seed"] = "any seed is a seed",
        ["eval_seed"] = "any seed is a seed",
        ["evaluation.every"] = "huge = evaluate at the first and last epochs only",
        ["evaluation.spectrum_every"] = "huge = spectra at the first epoch only",
        ["evaluation.probe_every"] = "huge = probes at the first and last epochs only",
    };

    /// <summary>Refusals that rightly name another key, because the value is fine alone but conflicts with it.</summary>
    private static readonly Dictionary<string, string> NamesAnotherKey = new()
    {
        ["network.inputs"] = "must equal the plant's observations (named in the message)",
        ["network.outputs"] = "must equal the plant's controls",
        ["plant.order"] = "a different plant order changes the observation count the network reads",
        ["plant.controls"] = "more controls than network.outputs",
        ["plant.observed"] = "more observations than network.inputs",
        ["reference.steps"] = "must cover episode.steps",
    };

    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        foreach (var preset in new[] { "lowrank", "tanh", "tracking" })
            foreach (var key in Leaves(RunConfig.ToNode(Presets.Get(preset)), ""))
                data.Add(preset, key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_refused_value_names_the_key_as_typed(string preset, string key)
    {
        var type = SettingsKeys.TypeAt(typeof(RunSettings), key);
        Assert.NotNull(type);
        var t = Nullable.GetUnderlyingType(type!) ?? type!;
        string[] hostile = t == typeof(int) || t == typeof(long) ? ["-1", "2147483647", "1.5", "abc"]
            : t == typeof(double) ? ["NaN", "-Infinity", "1e308", "abc"]
            : t.IsEnum ? ["bogus", "7"]
            : ["{\"bogus\": 1}", "12"];
        foreach (var value in hostile)
        {
            try
            {
                RunConfig.FromPreset(preset, [$"{key}={value}"]);
            }
            catch (ArgumentException e)
            {
                if (!NamesAnotherKey.ContainsKey(key) || e.Message.Contains(key + " ="))
                    Assert.True(e.Message.StartsWith(key, StringComparison.Ordinal) || e.Message.Contains($" {key} ") || e.Message.Contains($"'{key}'")
                        || e.Message.Contains($"{key}."), $"--set {key}={value} ({preset}): '{e.Message}' does not name {key}");
                Assert.DoesNotContain("System.", e.Message);
                Assert.DoesNotContain("LineNumber", e.Message);
                continue;
            }
            if (value == "2147483647")
                Assert.True(HugeIsMeaningful.ContainsKey(key), $"--set {key}={value} ({preset}) is accepted: give {key} an upper bound (SizeLimits) or list why huge values are meaningful");
        }
    }

    public static TheoryData<string> AnalysisKeys()
    {
        var node = (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(new ClosedLoop.Analysis.AnalysisSettings(), SettingsJson.Options)!;
        return [.. Leaves(node, "")];
    }

    [Theory]
    [MemberData(nameof(AnalysisKeys))]
    public void A_refused_analysis_value_names_the_key_as_typed(string key)
    {
        var type = SettingsKeys.TypeAt(typeof(ClosedLoop.Analysis.AnalysisSettings), key);
        Assert.NotNull(type);
        var t = Nullable.GetUnderlyingType(type!) ?? type!;
        string[] hostile = t == typeof(int) ? ["-1", "1.5", "abc"] : t == typeof(double) ? ["NaN", "abc"] : t.IsEnum ? ["bogus"] : ["12"];
        string typed = "analysis." + key;
        foreach (var value in hostile)
        {
            try
            {
                ClosedLoop.Analysis.AnalysisSettings.FromAssignments([$"{typed}={value}"]);
            }
            catch (ArgumentException e)
            {
                Assert.True(e.Message.StartsWith(typed, StringComparison.Ordinal), $"--set {typed}={value}: '{e.Message}' does not name {typed}");
                Assert.DoesNotContain("System.", e.Message);
            }
        }
    }

    [Fact]
    public void Nullable_numbers_accept_none()
    {
        var s = RunConfig.FromPreset("lowrank", ["optimizer.clip_norm=none", "network.overlap_target=none", "plant.clamp=none"]);
        Assert.Null(s.Optimizer.ClipNorm);
        Assert.Null(s.Network.OverlapTarget);
        Assert.Null(s.Plant.Clamp);
        Assert.Equal(1.5, RunConfig.FromPreset("lowrank", ["optimizer.clip_norm=1.5"]).Optimizer.ClipNorm);
    }

    [Fact]
    public void Describe_speaks_as_users_type()
    {
        Assert.Equal("one of sgd, adam", SettingsKeys.Describe(typeof(ClosedLoop.Training.Optimizers.OptimizerKind)));
        Assert.Equal("a number, or none", SettingsKeys.Describe(typeof(double?)));
        Assert.Equal("a list [...] whose items are a whole number", SettingsKeys.Describe(typeof(IReadOnlyList<int>)));
        Assert.Equal(typeof(double), SettingsKeys.TypeAt(typeof(RunSettings), "optimizer.learning_rate"));
        Assert.Equal(typeof(int), SettingsKeys.TypeAt(typeof(RunSettings), "evaluation.horizons[3]"));
        Assert.Null(SettingsKeys.TypeAt(typeof(RunSettings), "optimizer.lr"));
    }

    private static IEnumerable<string> Leaves(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            string key = prefix + name;
            if (value is JsonObject child && child.Count > 0 && key is not "reference") foreach (var k in Leaves(child, key + ".")) yield return k;
            else yield return key;
        }
    }
}
