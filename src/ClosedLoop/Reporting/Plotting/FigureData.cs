namespace ClosedLoop.Reporting.Plotting;

/// <summary>
/// The data drawn in a figure panel, written as <c>&lt;panel&gt;.csv</c> beside the image: a header and rows of cells
/// (doubles, integers, strings, enums or null = not defined; formatted by <see cref="CsvFormat"/>). Build it from the
/// same arrays passed to the plot so that the CSV holds exactly the plotted data; use raw values (epoch, loss), not
/// the log10 plot coordinates.
/// </summary>
public sealed record FigureData
{
    public FigureData(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (header.Count == 0) throw new ArgumentException("header is empty; at least one column is required", nameof(header));
        for (int r = 0; r < rows.Count; r++)
            if (rows[r].Count != header.Count)
                throw new ArgumentException($"rows[{r}] has {rows[r].Count} cells; the header has {header.Count} columns", nameof(rows));
        Header = header.ToArray();
        Rows = rows.ToArray();
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Rows, each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>A table from equally long named columns of doubles.</summary>
    public static FigureData FromColumns(params (string Name, IReadOnlyList<double> Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("columns is empty; at least one column is required", nameof(columns));
        int n = columns[0].Values.Count;
        foreach (var (name, values) in columns)
            if (values.Count != n)
                throw new ArgumentException($"column '{name}' has {values.Count} values but '{columns[0].Name}' has {n}; columns must be equally long", nameof(columns));
        var rows = new IReadOnlyList<object?>[n];
        for (int r = 0; r < n; r++) rows[r] = columns.Select(c => (object?)c.Values[r]).ToArray();
        return new FigureData(columns.Select(c => c.Name).ToArray(), rows);
    }

    /// <summary>A long table (x, y, value) of every grid sample, rows bottom to top and left to right within a row.</summary>
    public static FigureData FromGrid(Grid2D grid, string xName, string yName, string valueName)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var rows = new List<IReadOnlyList<object?>>(grid.Nx * grid.Ny);
        for (int j = 0; j < grid.Ny; j++)
            for (int i = 0; i < grid.Nx; i++)
                rows.Add([grid.X(i), grid.Y(j), grid.Values[j, i]]);
        return new FigureData([xName, yName, valueName], rows);
    }

    /// <summary>Stacks parts with the same header into one long table with a leading key column (e.g. learner).</summary>
    public static FigureData Stack(string keyColumn, params (string Key, FigureData Part)[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("parts is empty; at least one part is required", nameof(parts));
        var header = parts[0].Part.Header;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (key, part) in parts)
        {
            if (!part.Header.SequenceEqual(header))
                throw new ArgumentException($"part '{key}' has header ({string.Join(",", part.Header)}); expected ({string.Join(",", header)})", nameof(parts));
            rows.AddRange(part.Rows.Select(r => (IReadOnlyList<object?>)[key, .. r]));
        }
        return new FigureData([keyColumn, .. header], rows);
    }
}
