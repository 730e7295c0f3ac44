using System.Text.Json;
using System.Text.Json.Serialization;
using ClosedLoop.Reporting;

namespace ClosedLoop.Training;

/// <summary>
/// The JSON form of settings records: the project's conventions of <see cref="JsonFiles"/> (snake_case names, enums
/// as snake_case strings, non-finite numbers as strings) and, on read, unknown members rejected. Used by config files,
/// <c>--set</c> and the <c>settings</c> of manifests.
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
        o.MakeReadOnly();
        return o;
    }
}
