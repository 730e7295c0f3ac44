using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClosedLoop.Reporting;

/// <summary>
/// The project's JSON conventions (manifest.json, summary.json, claims.json) and atomic read/write helpers.
/// <list type="bullet">
/// <item>property names in snake_case (<c>FinalSpectralRadius</c> → <c>final_spectral_radius</c>); dictionary keys
/// are written as given (file paths, seed names);</item>
/// <item>enum values as snake_case strings (<c>UnstableOsc</c> → <c>"unstable_osc"</c>);</item>
/// <item>a double that is not a finite number (NaN, ±∞) as <c>null</c>, like a number that is not defined: JSON has
/// no literal for them, and <c>null</c> loads as <c>None</c> in Python and as NaN in pandas. Read back, <c>null</c>
/// gives NaN for a <c>double</c> and null for a <c>double?</c>; the strings <c>"NaN"</c>, <c>"Infinity"</c>,
/// <c>"-Infinity"</c> of older files are still read. Where the distinction matters the file says it otherwise
/// (summary.json: <c>diverged</c>, <c>first_non_finite_epoch</c>; metrics.csv keeps <c>nan</c>/<c>inf</c>);</item>
/// <item><see cref="Complex"/> as <c>{"re": x, "im": y}</c>;</item>
/// <item>indented with two spaces, <c>\n</c> line ends, a final newline, UTF-8 without BOM, non-ASCII kept
/// readable.</item>
/// </list>
/// </summary>
public static class JsonFiles
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises <paramref name="value"/> with <see cref="Options"/> (no final newline).</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises <paramref name="json"/> with <see cref="Options"/>.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"JSON text is null; expected a {typeof(T).Name}");

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="path"/> atomically, with a final newline.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value) + "\n");

    /// <summary>Reads the JSON file at <paramref name="path"/> as a <typeparamref name="T"/>; a corrupt file gives a
    /// <see cref="JsonException"/> whose message names the file and the line.</summary>
    public static T Read<T>(string path)
    {
        try
        {
            return Deserialize<T>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new JsonException($"'{path}' is not a valid {typeof(T).Name} file{where}: {Reason(e)}", path, e.LineNumber, e.BytePositionInLine, e);
        }
        catch (InvalidDataException e)
        {
            throw new JsonException($"'{path}' is not a valid {typeof(T).Name} file: {e.Message}", path, null, null, e);
        }
    }

    /// <summary>What a <see cref="JsonException"/> says is wrong, on one line, without its internal path and position
    /// suffix ("… LineNumber: 1 | BytePositionInLine: 12."): callers name the file and line themselves.</summary>
    public static string Reason(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string m = e.Message.Split('\n')[0];
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            int i = m.IndexOf(marker, StringComparison.Ordinal);
            if (i >= 0) m = m[..i];
        }
        return m.TrimEnd();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // the generated serialisers first (the native build needs them), reflection for any other type
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(JsonMetadata.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new FiniteOrNullConverter());
        options.Converters.Add(new ComplexJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Writes a double that is not finite as <c>null</c>; reads <c>null</c> (and the legacy strings) back as non-finite.</summary>
public sealed class FiniteOrNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadNumber(ref reader);

    /// <summary>A number, or null and the legacy strings as non-finite values.</summary>
    internal static double ReadNumber(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => double.NaN,
        JsonTokenType.String => reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new JsonException($"'{s}' is not a number (allowed: a number or null)"),
        },
        _ => throw new JsonException($"expected a number or null, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}

/// <summary>Writes a <see cref="Complex"/> as <c>{"re": x, "im": y}</c> and reads it back.</summary>
public sealed class ComplexJsonConverter : JsonConverter<Complex>
{
    public override Complex Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a complex number must be an object {\"re\": x, \"im\": y}");
        double re = 0, im = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? "";
            reader.Read();
            double value = FiniteOrNullConverter.ReadNumber(ref reader);
            if (name == "re") re = value;
            else if (name == "im") im = value;
            else throw new JsonException($"unexpected property '{name}' in a complex number (allowed: re, im)");
        }
        return new Complex(re, im);
    }

    public override void Write(Utf8JsonWriter writer, Complex value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("re");
        JsonSerializer.Serialize(writer, value.Real, options);
        writer.WritePropertyName("im");
        JsonSerializer.Serialize(writer, value.Imaginary, options);
        writer.WriteEndObject();
    }
}
