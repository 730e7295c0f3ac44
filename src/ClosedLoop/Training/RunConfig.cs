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
        var node = EditableNode(Presets.Get(preset));
        ApplyOverrides(node, overrides);
        return FromNode(node);
    }

    /// <summary>Settings from a config file, then overrides; validated.</summary>
    public static RunSettings FromFile(string path, IEnumerable<string> overrides)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--config is empty: give the path of a JSON config file");
        if (Directory.Exists(path)) throw new ArgumentException($"--config = '{path}' is a directory: give the path of a JSON config file");
        if (!File.Exists(path)) throw new ArgumentException($"--config = '{path}' does not exist");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--config = '{path}' cannot be read: {e.Message}");
        }
        JsonNode? file;
        try
        {
            file = JsonNode.Parse(text, documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"config file '{path}' is not valid JSON ({Where(e)}): {Reporting.JsonFiles.Reason(e)}");
        }
        if (file is not JsonObject obj) throw new ArgumentException($"config file '{path}' must hold a JSON object, e.g. {{\"preset\": \"tanh\", \"epochs\": 200}}");
        if (FirstDuplicate(text) is { } dup) throw new ArgumentException($"config file '{path}' gives the key '{dup.Key}' twice (line {dup.Line}): keep one");
        return FromConfig(obj, overrides);
    }

    /// <summary>Settings from a config object (the content of a config file, e.g. a sweep's <c>config</c>), then overrides; validated.</summary>
    public static RunSettings FromConfig(JsonObject config, IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        string preset = config["preset"] is JsonValue pv && pv.TryGetValue<string>(out var p) ? p : "tanh";
        var node = EditableNode(Presets.Get(preset));
        Merge(node, config, "");
        ApplyOverrides(node, overrides);
        return FromNode(node);
    }

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Applies every override in order: a key set twice on the command line takes its last value (as later
    /// options override earlier ones), unlike a key written twice in one config file, which is an error.</summary>
    private static void ApplyOverrides(JsonObject node, IEnumerable<string> overrides)
    {
        foreach (var o in overrides) ApplyOverride(node, o);
    }

    /// <summary>The settings as a JSON object in <see cref="SettingsJson"/> form.</summary>
    public static JsonObject ToNode(RunSettings s) => (JsonObject)JsonSerializer.SerializeToNode(s, SettingsJson.Options)!;

    /// <summary>
    /// Every key a user may set (<c>--set</c>, config files, <c>closedloop list NAME</c>): <see cref="ToNode"/> plus the
    /// settings its JSON leaves out at their default value (<see cref="RunSettings.Precision"/> = double).
    /// </summary>
    public static JsonObject EditableNode(RunSettings s)
    {
        var node = ToNode(s);
        if (!node.ContainsKey("precision")) node["precision"] = JsonValue.Create("double");
        return node;
    }

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

    private static RunSettings FromNode(JsonObject node) => SettingsJson.Read<RunSettings>(node).Validated();

    /// <summary>The first key that appears twice in one object of <paramref name="json"/> (dotted path and line), or null.</summary>
    private static (string Key, int Line)? FirstDuplicate(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var scopes = new Stack<(HashSet<string>? Keys, string Path)>();
        string pending = "";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push((new HashSet<string>(StringComparer.Ordinal), pending));
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push((null, pending));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var (keys, path) = scopes.Peek();
                    string name = reader.GetString()!;
                    pending = path.Length == 0 ? name : $"{path}.{name}";
                    if (!keys!.Add(name))
                        return (pending, 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
                    continue;
            }
            if (reader.TokenType is not JsonTokenType.PropertyName && scopes.Count > 0 && scopes.Peek().Keys is null) pending = scopes.Peek().Path;
        }
        return null;
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $"line {l + 1}, byte {e.BytePositionInLine + 1}") : "unknown position";
}
