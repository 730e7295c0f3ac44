using System.Globalization;
using ClosedLoop.Numerics;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// Matrices written on the command line: rows separated by ';', entries by ',' (<c>"1,1;0,1"</c>, a column
/// <c>"0;1"</c>). Every error names the option and the shape problem.
/// </summary>
internal static class MatrixText
{
    /// <summary>Parses <paramref name="text"/> given to option <paramref name="option"/> into a dense matrix.</summary>
    public static Mat Parse(string option, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"{option} is empty: write rows separated by ';' and entries by ',', e.g. \"1,1;0,1\"");
        var rows = text.Split(';');
        var values = new double[rows.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Split(',');
            values[i] = new double[cells.Length];
            for (int j = 0; j < cells.Length; j++)
            {
                string cell = cells[j].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i][j]) || !double.IsFinite(values[i][j]))
                    throw new ArgumentException($"{option} = \"{text}\": entry '{cell}' in row {i + 1} is not a finite number");
            }
            if (values[i].Length != values[0].Length)
                throw new ArgumentException($"{option} = \"{text}\": row {i + 1} has {values[i].Length} entries but row 1 has {values[0].Length}; every row needs the same number");
        }
        return Mat.FromRows(values);
    }

    /// <summary>
    /// A square weight matrix of size <paramref name="n"/>: a single number s means s·I, otherwise the full matrix,
    /// which must be n×n.
    /// </summary>
    public static Mat Weight(string option, string? text, int n, double defaultScale, string sizeName)
    {
        if (text is null) return defaultScale * Mat.Identity(n);
        var m = Parse(option, text);
        if (m.Rows == 1 && m.Cols == 1) return m[0, 0] * Mat.Identity(n);
        if (m.Rows != n || m.Cols != n)
            throw new ArgumentException($"{option} must be {n}x{n} ({sizeName}) or a single number s for s*I, got {m.Rows}x{m.Cols}");
        return m;
    }

    /// <summary>Rows of a matrix as arrays (for JSON).</summary>
    public static double[][] ToRows(Mat m) => Enumerable.Range(0, m.Rows).Select(m.RowCopy).ToArray();

    /// <summary>One line per row: <c>[a, b, c]</c> with 6 significant digits.</summary>
    public static IEnumerable<string> Lines(Mat m) =>
        Enumerable.Range(0, m.Rows).Select(i => "  [" + string.Join(", ", m.RowCopy(i).Select(Number)) + "]");

    /// <summary>A number with 6 significant digits, invariant culture.</summary>
    public static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
