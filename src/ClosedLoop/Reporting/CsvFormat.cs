using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClosedLoop.Reporting;

/// <summary>
/// The project's CSV cell conventions (RFC 4180 quoting, invariant culture, <c>\n</c> line ends, UTF-8 without BOM):
/// <list type="bullet">
/// <item>finite doubles in shortest round-trip form (<c>"R"</c>), e.g. <c>0.1</c>, <c>1E-05</c>, <c>-0</c>;</item>
/// <item>non-finite doubles as <c>nan</c>, <c>inf</c>, <c>-inf</c>;</item>
/// <item><c>null</c> ("not defined", e.g. a spectral radius where no P exists) as an empty cell, so missing and NaN
/// stay distinguishable;</item>
/// <item>integers in invariant form; booleans as <c>true</c>/<c>false</c>; enum values in snake_case
/// (<c>UnstableOsc</c> → <c>unstable_osc</c>); strings quoted only when they contain a comma, quote or line break.</item>
/// </list>
/// </summary>
public static class CsvFormat
{
    /// <summary>Formats one double: shortest round-trip text, or <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats one cell value (quoted when needed) by the rules of this class.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => Double(d),
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : Double(f),
        bool b => b ? "true" : "false",
        string s => Quote(s),
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>Parses a cell written by <see cref="Double"/>: empty → null; <c>nan</c>/<c>inf</c>/<c>-inf</c> → non-finite.</summary>
    public static double? ParseDouble(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        switch (cell.Trim().ToLowerInvariant())
        {
            case "": return null;
            case "nan": return double.NaN;
            case "inf" or "+inf" or "infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new FormatException($"CSV cell '{cell}' is not a number, nan, inf, -inf or empty");
    }

    /// <summary>Quotes <paramref name="text"/> if it contains a comma, double quote, CR or LF (quotes doubled).</summary>
    public static string Quote(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0) return text;
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>Joins formatted cells into one line without the line end.</summary>
    internal static string Line(IReadOnlyList<object?> cells)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Cell(cells[i]));
        }
        return sb.ToString();
    }
}
