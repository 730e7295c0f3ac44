using System.Globalization;
using System.Text.Json;

namespace ClosedLoop.Sweeps;

/// <summary>
/// The scalar fields of a run's <c>summary.json</c> as named cells, whatever fields it has: nested objects become
/// dotted names (<c>stages.stage1_end_epoch</c>), lists of scalars one cell per element (<c>stages.acquisition_epochs.0</c>),
/// lists of objects (eigenvalues) are left out. Numbers stay exact (integers as <see cref="long"/>, others as
/// <see cref="double"/>; the strings "NaN", "Infinity", "-Infinity" as non-finite doubles); null stays null (an empty
/// cell); booleans and strings as they are.
/// </summary>
public static class SummaryFields
{
    /// <summary>The fields of the JSON object in <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<(string Name, object? Value)> Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return Of(doc.RootElement);
    }

    /// <summary>The fields of <paramref name="root"/>, in document order.</summary>
    public static IReadOnlyList<(string Name, object? Value)> Of(JsonElement root)
    {
        var fields = new List<(string, object?)>();
        Add(fields, "", root);
        return fields;
    }

    private static void Add(List<(string, object?)> fields, string prefix, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Add(fields, prefix + p.Name + ".", p.Value);
                break;
            case JsonValueKind.Array:
                if (e.EnumerateArray().All(IsScalar))
                {
                    int i = 0;
                    foreach (var item in e.EnumerateArray()) fields.Add((prefix + (i++).ToString(CultureInfo.InvariantCulture), Scalar(item)));
                }
                break;
            default:
                fields.Add((prefix.TrimEnd('.'), Scalar(e)));
                break;
        }
    }

    private static bool IsScalar(JsonElement e) => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    /// <summary>The cell value of a scalar JSON element.</summary>
    public static object? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => s,
        },
        _ => e.GetRawText(),
    };

    /// <summary>The number in a cell (long or double), or null for anything else.</summary>
    public static double? Number(object? cell) => cell switch
    {
        long l => l,
        int i => i,
        double d => d,
        _ => null,
    };
}
