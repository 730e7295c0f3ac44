using System.Text;

namespace ClosedLoop.Reporting;

/// <summary>
/// A CSV file read back as text cells (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends). Meant for
/// tests and small tables; numeric columns are parsed by <see cref="Doubles"/> with the conventions of
/// <see cref="CsvFormat"/> (empty → null, <c>nan</c>/<c>inf</c>/<c>-inf</c> → non-finite).
/// </summary>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Data rows, each with one cell per column.</param>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static CsvTable Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>Parses CSV text whose first line is the header.</summary>
    public static CsvTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ParseRecords(text);
        if (records.Count == 0) throw new InvalidDataException("CSV text is empty; a header line is required");
        var header = records[0];
        for (int r = 1; r < records.Count; r++)
            if (records[r].Count != header.Count)
                throw new InvalidDataException($"CSV line {r + 1} has {records[r].Count} cells; the header has {header.Count}");
        return new CsvTable(header, records.Skip(1).ToArray());
    }

    /// <summary>Index of column <paramref name="name"/>; throws if absent.</summary>
    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (Header[i] == name) return i;
        throw new ArgumentException($"column '{name}' is not in the header ({string.Join(",", Header)})", nameof(name));
    }

    /// <summary>The text cells of column <paramref name="name"/>.</summary>
    public IReadOnlyList<string> Column(string name)
    {
        int c = ColumnIndex(name);
        return Rows.Select(r => r[c]).ToArray();
    }

    /// <summary>Column <paramref name="name"/> parsed as doubles (empty cell → null).</summary>
    public double?[] Doubles(string name) => Column(name).Select(CsvFormat.ParseDouble).ToArray();

    private static List<IReadOnlyList<string>> ParseRecords(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch != '"') cell.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; any = true; break;
                case ',': fields.Add(cell.ToString()); cell.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    fields.Add(cell.ToString());
                    records.Add(fields.ToArray());
                    fields.Clear(); cell.Clear(); any = false;
                    break;
                default: cell.Append(ch); any = true; break;
            }
        }
        if (quoted) throw new InvalidDataException("CSV text ends inside a quoted field");
        if (any || fields.Count > 0) { fields.Add(cell.ToString()); records.Add(fields.ToArray()); }
        return records;
    }
}
