using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClosedLoop.Training;

/// <summary>
/// The dotted keys of settings records as users type them (<c>optimizer.clip_norm</c>, <c>evaluation.horizons[0]</c>,
/// the snake_case JSON names printed by <c>closedloop list NAME</c>): the .NET type behind a key and what a value of
/// that type looks like in words, for error messages.
/// </summary>
public static class SettingsKeys
{
    /// <summary>The type of the member at <paramref name="path"/> (dotted, with <c>[i]</c> for list items) below
    /// <paramref name="root"/>, or null when the path leaves the known members.</summary>
    public static Type? TypeAt(Type root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        Type? t = root;
        foreach (var segment in Segments(path))
        {
            if (t is null) return null;
            t = segment == "[]" ? ElementType(t) : Property(t, segment)?.PropertyType;
        }
        return t;
    }

    /// <summary>The node at <paramref name="path"/> inside <paramref name="root"/>, or null.</summary>
    public static JsonNode? NodeAt(JsonNode root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? n = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            int bracket = part.IndexOf('[');
            string name = bracket < 0 ? part : part[..bracket];
            n = n is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            if (bracket < 0) continue;
            foreach (var index in part[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
                n = n is JsonArray a && int.TryParse(index, out int i) && i >= 0 && i < a.Count ? a[i] : null;
        }
        return n;
    }

    /// <summary>What a value of <paramref name="type"/> looks like, e.g. "one of sgd, adam" or "a number, or none".</summary>
    public static string Describe(Type? type)
    {
        if (type is null) return "a value of the right type (closedloop list NAME shows every key with its value)";
        if (Nullable.GetUnderlyingType(type) is { } inner) return Describe(inner) + ", or none";
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);
            return type.IsDefined(typeof(FlagsAttribute))
                ? $"one or more of {string.Join(", ", names)} (separated by commas)"
                : $"one of {string.Join(", ", names)}";
        }
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a text";
        if (ElementType(type) is { } e) return $"a list [...] whose items are {Describe(e)}";
        var keys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
        return $"an object {{...}} with keys {string.Join(", ", keys)}";
    }

    private static IEnumerable<string> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            int bracket = part.IndexOf('[');
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket >= 0)
                for (int i = 0; i < part[bracket..].Count(c => c == '['); i++) yield return "[]";
        }
    }

    private static PropertyInfo? Property(Type t, string jsonName) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == jsonName);

    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t)) return null;
        var list = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t
            : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return list?.GetGenericArguments()[0];
    }
}
