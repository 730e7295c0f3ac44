using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClosedLoop.Training;

/// <summary>
/// The JSON form of settings records: snake_case names, enums as snake_case strings, numbers that may be
/// written as "NaN"/"Infinity" strings, unknown members rejected. Used by config files, <c>--set</c> and manifests.
/// </summary>
public static class SettingsJson
{
    /// <summary>Options for settings: strict on read (unknown members are errors), indented on write.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
