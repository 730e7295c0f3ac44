using System.Text;

namespace ClosedLoop.Reporting;

/// <summary>
/// Streams a CSV file with a fixed header, one row at a time (e.g. <c>metrics.csv</c>, one row per epoch), using the
/// cell rules of <see cref="CsvFormat"/>. Rows go to a temporary file that <see cref="Complete"/> renames to the
/// target; a writer disposed without <see cref="Complete"/> leaves no target file.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private readonly PendingFile _file;
    private readonly StreamWriter _writer;
    private readonly string[] _header;

    private CsvWriter(PendingFile file, string[] header, long rows)
    {
        _header = header;
        _file = file;
        _writer = new StreamWriter(_file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (rows < 0) _writer.WriteLine(CsvFormat.Line(header));
        RowCount = Math.Max(0, rows);
    }

    private CsvWriter(string path, string[] header) : this(AtomicFile.Begin(path), header, -1) { }

    /// <summary>
    /// Continues a file left pending by <see cref="Detach"/> in an earlier process: the temporary file
    /// <paramref name="tempFileName"/> is cut to <paramref name="length"/> bytes, which hold the header and
    /// <paramref name="rows"/> rows (see <see cref="AtomicFile.Reopen"/>).
    /// </summary>
    public static CsvWriter Resume(string path, IReadOnlyList<string> header, string tempFileName, long length, long rows) =>
        new(AtomicFile.Reopen(path, tempFileName, length), CheckHeader(header), rows);

    /// <summary>The temporary file's name and its length with every row written so far flushed to it.</summary>
    public (string TempFileName, long Length) Flush()
    {
        _writer.Flush();
        return (System.IO.Path.GetFileName(_file.TempPath), _file.FlushedLength());
    }

    /// <summary>Flushes, closes and keeps the temporary file for <see cref="Resume"/>; nothing is committed.</summary>
    public void Detach()
    {
        if (_file.IsCommitted) return;
        try { _writer.Dispose(); }
        catch (ObjectDisposedException) { /* already closed */ }
        _file.Detach();
    }

    /// <summary>Starts a CSV file at <paramref name="path"/> with the given column names (non-empty, unique).</summary>
    public static CsvWriter Create(string path, params string[] header) => Create(path, (IReadOnlyList<string>)header);

    /// <summary>Starts a CSV file at <paramref name="path"/> with the given column names (non-empty, unique).</summary>
    public static CsvWriter Create(string path, IReadOnlyList<string> header) => new(path, CheckHeader(header));

    /// <summary>Writes a small table in one call: header, then each row (same rules as <see cref="WriteRow(object?[])"/>).</summary>
    public static void WriteTable(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = Create(path, header);
        foreach (var row in rows) writer.WriteRow(row);
        writer.Complete();
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>Data rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>The target path, which exists after <see cref="Complete"/>.</summary>
    public string Path => _file.TargetPath;

    /// <summary>Writes one row with one cell per header column (<c>null</c> = not defined → empty cell).</summary>
    public void WriteRow(params object?[] cells) => WriteRow((IReadOnlyList<object?>)cells);

    /// <summary>Writes one row with one cell per header column.</summary>
    public void WriteRow(IReadOnlyList<object?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        CheckWidth(cells.Count);
        _writer.WriteLine(CsvFormat.Line(cells));
        RowCount++;
    }

    /// <summary>Writes one all-numeric row (NaN → <c>nan</c>; there is no missing cell in this overload).</summary>
    public void WriteRow(ReadOnlySpan<double> values)
    {
        CheckWidth(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) _writer.Write(',');
            _writer.Write(CsvFormat.Double(values[i]));
        }
        _writer.WriteLine();
        RowCount++;
    }

    /// <summary>Flushes and renames the temporary file to <see cref="Path"/>.</summary>
    public void Complete()
    {
        _writer.Flush();
        _writer.Dispose();
        _file.Commit();
    }

    /// <summary>Closes the writer; without a prior <see cref="Complete"/> the temporary file is deleted.</summary>
    public void Dispose()
    {
        if (!_file.IsCommitted)
        {
            try { _writer.Dispose(); }
            catch (ObjectDisposedException) { /* already closed */ }
        }
        _file.Dispose();
    }

    private void CheckWidth(int count)
    {
        if (_file.IsCommitted) throw new InvalidOperationException($"CSV '{Path}' is complete; no more rows can be written");
        if (count != _header.Length)
            throw new ArgumentException($"row has {count} cells; the header has {_header.Length} columns ({string.Join(",", _header)})", "cells");
    }

    private static string[] CheckHeader(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Count == 0) throw new ArgumentException("header is empty; at least one column name is required", nameof(header));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
                throw new ArgumentException($"header[{i}] = '{header[i]}' must be a non-empty column name", nameof(header));
            if (!seen.Add(header[i]))
                throw new ArgumentException($"header[{i}] = '{header[i]}' repeats an earlier column name", nameof(header));
        }
        return header.ToArray();
    }
}
