using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClosedLoop.Training;

/// <summary>
/// Resolves the settings of a run from a preset, a JSON config file and <c>--set key=value</c> overrides. A config
/// file is a JSON object holding <c>preset</c> (the base, default "tanh"), optionally <c>mode</c>, and any subset of
/// the settings fields as nested objects (the same shape as the manifest's <c>settings</c>). Every error names the
/// field, the value and what is allowed.
/// </summary>
public static class RunConfig
{
    /// <summary>Settings of preset <paramref name="preset"/> with dotted-key overrides applied, validated.</summary>
    public static RunSettings FromPreset(string preset, IEnumerable<string> overrides)
    {
        var node = ToNode(Presets.Get(preset));
        foreach (var o in overrides) ApplyOverride(node, o);
        return FromNode(node);
    }

    /// <summary>Settings from a config file, then overrides; validated.</summary>
    public static RunSettings FromFile(string path, IEnumerable<string> overrides)
    {
        if (!File.Exists(path)) throw new ArgumentException($"config file '{path}' does not exist");
        JsonNode? file;
        try
        {
            file = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"config file '{path}' is not valid JSON ({Where(e)}): {FirstLine(e.Message)}");
        }
        if (file is not JsonObject obj) throw new ArgumentException($"config file '{path}' must hold a JSON object, e.g. {{\"preset\": \"tanh\", \"epochs\": 200}}");
        return FromConfig(obj, overrides);
    }

    /// <summary>Settings from a config object (the content of a config file, e.g. a sweep's <c>config</c>), then overrides; validated.</summary>
    public static RunSettings FromConfig(JsonObject config, IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        string preset = config["preset"] is JsonValue pv && pv.TryGetValue<string>(out var p) ? p : "tanh";
        var node = ToNode(Presets.Get(preset));
        Merge(node, config, "");
        foreach (var o in overrides) ApplyOverride(node, o);
        return FromNode(node);
    }

    /// <summary>The settings as a JSON object in <see cref="SettingsJson"/> form.</summary>
    public static JsonObject ToNode(RunSettings s) => (JsonObject)JsonSerializer.SerializeToNode(s, SettingsJson.Options)!;

    /// <summary>Applies one <c>key=value</c> override (dotted key, JSON or bare-word value).</summary>
    public static void ApplyOverride(JsonObject root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set '{assignment}' is not allowed: write key=value, e.g. --set optimizer.learning_rate=0.02");
        string key = assignment[..eq].Trim(), text = assignment[(eq + 1)..].Trim();
        var parts = key.Split('.');
        JsonObject current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string name = parts[i], path = string.Join('.', parts[..(i + 1)]);
            if (!current.ContainsKey(name))
                throw new ArgumentException($"setting '{path}' is not known: allowed keys here are {string.Join(", ", current.Select(kv => kv.Key))}");
            if (i == parts.Length - 1) current[name] = ParseValue(text);
            else if (current[name] is JsonObject child) current = child;
            else if (current[name] is null) current = (JsonObject)(current[name] = new JsonObject());
            else throw new ArgumentException($"setting '{path}' is a value, not a group: '{key}' cannot be set");
        }
    }

    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text); // a bare word: an enum name or a string
        }
    }

    private static void Merge(JsonObject target, JsonObject source, string prefix)
    {
        foreach (var (name, value) in source.ToList())
        {
            if (name == "preset" && prefix == "") continue;
            string path = prefix + name;
            if (!target.ContainsKey(name))
                throw new ArgumentException($"setting '{path}' is not known: allowed keys here are {string.Join(", ", target.Select(kv => kv.Key))}");
            if (value is JsonObject src && target[name] is JsonObject dst) Merge(dst, src, path + ".");
            else target[name] = value?.DeepClone();
        }
    }

    private static RunSettings FromNode(JsonObject node)
    {
        RunSettings? s;
        try
        {
            s = node.Deserialize<RunSettings>(SettingsJson.Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"setting '{(e.Path ?? "?").TrimStart('$', '.')}' has a value that is not allowed: {FirstLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new ArgumentException($"settings are not valid: {FirstLine(e.Message)}");
        }
        return (s ?? throw new ArgumentException("settings are empty")).Validated();
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $"line {l + 1}, byte {e.BytePositionInLine + 1}") : "unknown position";

    private static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }
}
