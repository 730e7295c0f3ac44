using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>A varied key and its values, in the order written.</summary>
/// <param name="Key">The dotted settings key, as in <c>--set</c>.</param>
/// <param name="Values">Its values (JSON, as written).</param>
public sealed record SweepAxis(string Key, IReadOnlyList<JsonNode?> Values);

/// <summary>
/// A sweep as its author wrote it (docs/sweeps.md): the base settings (<c>preset</c> or <c>config</c>, <c>epochs</c>,
/// <c>set</c>), the varied keys (<c>grid</c>: full product; <c>zip</c>: varied together), the <c>seeds</c>, the
/// <c>modes</c>, whether to <c>analyze</c>, and the <c>metric</c> of the summary figures. Parsing checks the shape;
/// <see cref="SweepPlanner"/> checks every key and value against the run settings. Every error names the key as written.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>The top-level keys a spec may have.</summary>
    public static readonly IReadOnlyList<string> Keys = ["preset", "config", "epochs", "set", "grid", "zip", "seeds", "modes", "analyze", "metric"];

    /// <summary>The spec as read (kept in sweep.json).</summary>
    public required JsonObject Source { get; init; }
    /// <summary>Base preset (null when <see cref="Config"/> is given; both null: tanh).</summary>
    public string? Preset { get; init; }
    /// <summary>Base config object, the same keys as <c>train --config</c>.</summary>
    public JsonObject? Config { get; init; }
    /// <summary>Number of epochs, or null for the base's.</summary>
    public int? Epochs { get; init; }
    /// <summary>Fixed changes (dotted key → value).</summary>
    public IReadOnlyList<(string Key, JsonNode? Value)> Set { get; init; } = [];
    /// <summary>Keys whose values form a full product.</summary>
    public IReadOnlyList<SweepAxis> Grid { get; init; } = [];
    /// <summary>Keys varied together (equally many values each).</summary>
    public IReadOnlyList<SweepAxis> Zip { get; init; } = [];
    /// <summary>Root seeds of every point.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [0];
    /// <summary>Loop modes, or null for the base's mode.</summary>
    public IReadOnlyList<LoopMode>? Modes { get; init; }
    /// <summary>Whether every run is analysed.</summary>
    public bool Analyze { get; init; }
    /// <summary>The result plotted against each varied key.</summary>
    public string Metric { get; init; } = "final_loss";

    /// <summary>The varied keys: grid keys, then zip keys.</summary>
    public IReadOnlyList<SweepAxis> Varied => [.. Grid, .. Zip];

    /// <summary>Reads and checks the spec file at <paramref name="path"/>.</summary>
    public static SweepSpec Read(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"spec file '{path}' does not exist");
        return Parse(File.ReadAllText(path), $"spec file '{path}'");
    }

    /// <summary>Parses and checks a spec; <paramref name="origin"/> names it in errors.</summary>
    public static SweepSpec Parse(string text, string origin = "spec")
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $"line {l + 1}, byte {e.BytePositionInLine + 1}") : "unknown position";
            throw new ArgumentException($"{origin} is not valid JSON ({where}): {e.Message.Split('\n')[0]}");
        }
        if (node is not JsonObject o) throw new ArgumentException($"{origin} must hold a JSON object, e.g. {{\"preset\": \"tanh\", \"grid\": {{\"objective.beta\": [0, 0.1]}}}}");
        foreach (var (key, _) in o)
            if (!Keys.Contains(key)) throw new ArgumentException($"spec key '{key}' is not known: allowed keys are {string.Join(", ", Keys)}");
        if (o.ContainsKey("preset") && o.ContainsKey("config"))
            throw new ArgumentException("spec keys 'preset' and 'config' cannot be combined: put \"preset\" inside config");
        var spec = new SweepSpec
        {
            Source = (JsonObject)o.DeepClone(),
            Preset = o.ContainsKey("preset") ? Text(o["preset"], "preset") : null,
            Config = o.ContainsKey("config") ? o["config"] as JsonObject ?? throw Wrong("config", o["config"], "a JSON object with the keys of train --config") : null,
            Epochs = o.ContainsKey("epochs") ? Integer(o["epochs"], "epochs") : null,
            Set = o.ContainsKey("set") ? Assignments(o["set"]) : [],
            Grid = o.ContainsKey("grid") ? Axes(o["grid"], "grid") : [],
            Zip = o.ContainsKey("zip") ? Axes(o["zip"], "zip") : [],
            Seeds = o.ContainsKey("seeds") ? SeedList(o["seeds"]) : [0],
            Modes = o.ContainsKey("modes") ? ModeList(o["modes"]) : null,
            Analyze = o.ContainsKey("analyze") && (o["analyze"] is JsonValue a && a.TryGetValue<bool>(out bool b) ? b : throw Wrong("analyze", o["analyze"], "true or false")),
            Metric = o.ContainsKey("metric") ? Text(o["metric"], "metric") : "final_loss",
        };
        return spec.CheckKeys();
    }

    private SweepSpec CheckKeys()
    {
        if (Zip.Count > 0 && Zip.Any(z => z.Values.Count != Zip[0].Values.Count))
            throw new ArgumentException($"zip lists must be equally long: {string.Join(", ", Zip.Select(z => $"'{z.Key}' has {z.Values.Count}"))}");
        for (int i = 0; i < (Zip.Count == 0 ? 0 : Zip[0].Values.Count); i++)
            for (int j = 0; j < i; j++)
                if (Zip.All(z => JsonNode.DeepEquals(z.Values[i], z.Values[j])))
                    throw new ArgumentException($"zip lists the values ({string.Join(", ", Zip.Select(z => Show(z.Values[i])))}) twice: every combination once");
        var owners = new List<(string Key, string Where)>();
        owners.AddRange(Set.Select(s => (s.Key, "set")));
        owners.AddRange(Grid.Select(g => (g.Key, "grid")));
        owners.AddRange(Zip.Select(z => (z.Key, "zip")));
        if (Epochs is not null) owners.Add(("epochs", "epochs"));
        for (int i = 0; i < owners.Count; i++)
        {
            var (key, where) = owners[i];
            if (key is "seed" or "mode")
                throw new ArgumentException($"{where} key '{key}' is not allowed here: give the spec's \"{key}s\" list instead");
            for (int j = 0; j < owners.Count; j++)
            {
                var (other, otherWhere) = owners[j];
                if (i != j && (key == other || key.StartsWith(other + ".", StringComparison.Ordinal)))
                    throw new ArgumentException($"key '{key}' is in both {where} and {otherWhere}{(key == other ? "" : $" (as '{other}')")}: give each setting in one place");
            }
        }
        return this;
    }

    private static IReadOnlyList<(string, JsonNode?)> Assignments(JsonNode? node)
    {
        if (node is not JsonObject o) throw Wrong("set", node, "a JSON object of dotted keys and values, e.g. {\"objective.beta\": 0}");
        return o.Select(kv => (DottedKey(kv.Key, "set"), kv.Value?.DeepClone())).ToList();
    }

    private static IReadOnlyList<SweepAxis> Axes(JsonNode? node, string name)
    {
        if (node is not JsonObject o) throw Wrong(name, node, $"a JSON object of dotted keys and value lists, e.g. {{\"objective.beta\": [0, 0.1]}}");
        if (o.Count == 0) throw new ArgumentException($"{name} is empty: give at least one key with its values, or leave {name} out");
        var axes = new List<SweepAxis>();
        foreach (var (key, value) in o)
        {
            string k = DottedKey(key, name);
            if (value is not JsonArray values) throw Wrong($"{name}.{key}", value, "a list of values, e.g. [0, 0.1]");
            if (values.Count == 0) throw new ArgumentException($"{name}.{key} is empty: give at least one value");
            if (name == "grid")
                for (int i = 0; i < values.Count; i++)
                    for (int j = 0; j < i; j++)
                        if (JsonNode.DeepEquals(values[i], values[j]))
                            throw new ArgumentException($"{name}.{key} lists {Show(values[i])} twice: every value once");
            axes.Add(new SweepAxis(k, values.Select(v => v?.DeepClone()).ToList()));
        }
        return axes;
    }

    private static IReadOnlyList<long> SeedList(JsonNode? node)
    {
        if (node is JsonObject range)
        {
            foreach (var (k, _) in range)
                if (k is not ("from" or "count")) throw new ArgumentException($"seeds key '{k}' is not known: write {{\"from\": 0, \"count\": 20}}");
            long from = range.ContainsKey("from") ? Long(range["from"], "seeds.from") : 0;
            int count = range.ContainsKey("count") ? Integer(range["count"], "seeds.count") : throw new ArgumentException("seeds.count is missing: write {\"from\": 0, \"count\": 20}");
            SizeLimits.Count("seeds.count", count, 1, SizeLimits.MaxSeeds);
            return Enumerable.Range(0, count).Select(i => from + i).ToList();
        }
        if (node is not JsonArray list) throw Wrong("seeds", node, "a list of integers, e.g. [0, 1, 2], or {\"from\": 0, \"count\": 20}");
        if (list.Count == 0) throw new ArgumentException("seeds is empty: give at least one seed");
        var seeds = list.Select((n, i) => Long(n, $"seeds[{i}]")).ToList();
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"seeds lists {seeds.GroupBy(s => s).First(g => g.Count() > 1).Key} twice: every seed once");
        return seeds;
    }

    private static IReadOnlyList<LoopMode> ModeList(JsonNode? node)
    {
        if (node is not JsonArray list || list.Count == 0) throw Wrong("modes", node, "a non-empty list of \"closed\" and \"open\"");
        var modes = list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s switch
        {
            "closed" => LoopMode.Closed,
            "open" => LoopMode.Open,
            _ => throw Wrong("modes", n, "\"closed\" or \"open\""),
        } : throw Wrong("modes", n, "\"closed\" or \"open\"")).ToList();
        if (modes.Distinct().Count() != modes.Count) throw new ArgumentException("modes lists a mode twice: every mode once");
        return modes;
    }

    private static string DottedKey(string key, string where)
    {
        if (key.Length == 0 || key.Split('.').Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
            throw new ArgumentException($"{where} key '{key.ReplaceLineEndings("\\n")}' is not a settings key: write dotted names such as objective.beta (closedloop list NAME shows them)");
        return key;
    }

    private static string Text(JsonNode? node, string key) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw Wrong(key, node, "a non-empty string");

    private static int Integer(JsonNode? node, string key) =>
        node is JsonValue v && v.TryGetValue<int>(out int i) ? i : throw Wrong(key, node, "an integer");

    private static long Long(JsonNode? node, string key) =>
        node is JsonValue v && v.TryGetValue<long>(out long i) ? i : throw Wrong(key, node, "an integer");

    private static ArgumentException Wrong(string key, JsonNode? value, string allowed) =>
        new($"{key} = {Show(value)} is not allowed: it must be {allowed}");

    /// <summary>A value as compact JSON, for messages.</summary>
    internal static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";
}
