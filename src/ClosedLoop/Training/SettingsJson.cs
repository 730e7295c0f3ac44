using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClosedLoop.Reporting;

namespace ClosedLoop.Training;

/// <summary>
/// The JSON form of settings records: the project's conventions of <see cref="JsonFiles"/> (snake_case names, enums
/// as snake_case strings, non-finite numbers as strings) and, on read, strictness: unknown members are errors, enums
/// are names only (never numbers), and a nullable number also accepts <c>"none"</c> for null (as <c>closedloop list</c>
/// prints <c>clip=none</c>). Used by config files, <c>--set</c> and the <c>settings</c> of manifests.
/// </summary>
public static class SettingsJson
{
    /// <summary>Options for settings: strict on read (unknown members are errors).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonFiles.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = false,
        };
        for (int i = o.Converters.Count - 1; i >= 0; i--)
            if (o.Converters[i] is JsonStringEnumConverter) o.Converters.RemoveAt(i);
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.Converters.Add(new NoneAsNull<double>());
        o.Converters.Add(new NoneAsNull<int>());
        o.MakeReadOnly();
        return o;
    }

    /// <summary>
    /// Reads <paramref name="node"/> as a <typeparamref name="T"/>; a value of the wrong type becomes an
    /// <see cref="ArgumentException"/> that names the key as the user types it (<paramref name="prefix"/> + the JSON
    /// path), the value and what is allowed — never a .NET type name or a line number of the internal JSON text.
    /// </summary>
    public static T Read<T>(JsonObject node, string prefix = "") where T : class
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            return node.Deserialize<T>(Options) ?? throw new ArgumentException("settings are empty");
        }
        catch (JsonException e)
        {
            string path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            string key = prefix + path;
            var type = SettingsKeys.TypeAt(typeof(T), path);
            string value = ValueText(SettingsKeys.NodeAt(node, path));
            throw new ArgumentException($"{(key.Length == 0 ? "settings" : key)} = {value} is not allowed: it must be {SettingsKeys.Describe(type)}");
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new ArgumentException($"settings are not valid: {e.Message.Split('\n')[0]}");
        }
    }

    private static string ValueText(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => $"'{s}'",
        _ => n.ToJsonString(),
    };

    /// <summary>A nullable number read from a number, null, or the word <c>"none"</c> (null).</summary>
    private sealed class NoneAsNull<T> : JsonConverter<T?> where T : struct
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), "none", StringComparison.OrdinalIgnoreCase)) return null;
            if (typeof(T) == typeof(double) && reader.TokenType == JsonTokenType.String)
            {
                double? named = reader.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => null,
                };
                if (named is { } d) return (T)(object)d;
            }
            if (reader.TokenType != JsonTokenType.Number) throw new JsonException("not a number");
            if (typeof(T) == typeof(double)) return (T)(object)reader.GetDouble();
            if (reader.TryGetInt32(out int i)) return (T)(object)i;
            throw new JsonException("not a whole number");
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is not { } v) writer.WriteNullValue();
            else if (v is double d && !double.IsFinite(d)) writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
            else if (v is double x) writer.WriteNumberValue(x);
            else writer.WriteNumberValue((int)(object)v);
        }
    }
}
