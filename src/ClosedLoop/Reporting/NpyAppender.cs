using System.Numerics;
using System.Runtime.InteropServices;

namespace ClosedLoop.Reporting;

/// <summary>
/// Streams a <c>.npy</c> array row by row, for data produced epoch by epoch (e.g. eigenvalues of P, epochs × (k+N)
/// complex128). Rows of a fixed <see cref="RowShape"/> go to a temporary file whose header reserves room for any row
/// count; <see cref="Complete"/> rewrites the header in place with the final shape <c>(rows, *RowShape)</c> and renames
/// the file to its target. Disposing without <see cref="Complete"/> deletes the temporary file and leaves no target.
/// </summary>
public sealed class NpyAppender : IDisposable
{
    private readonly PendingFile _file;
    private readonly int _rowLength;
    private readonly int _headerLength;

    private NpyAppender(string path, NpyDType dtype, int[] rowShape, (string Temp, long Length, long Rows)? resume = null)
    {
        DType = dtype;
        RowShape = rowShape;
        _rowLength = rowShape.Aggregate(1, (a, b) => checked(a * b));
        long[] widest = [long.MaxValue, .. rowShape.Select(d => (long)d)];
        _headerLength = NpyHeader.Build(dtype, widest).Length;
        if (resume is { } r)
        {
            long expected = _headerLength + r.Rows * _rowLength * NpyArray.ItemSize(dtype);
            if (r.Length != expected) throw new InvalidDataException($"'{r.Temp}': {r.Rows} rows of ({string.Join(", ", rowShape)}) {dtype} take {expected} bytes, not {r.Length}");
            _file = AtomicFile.Reopen(path, r.Temp, r.Length);
            Rows = r.Rows;
            return;
        }
        _file = AtomicFile.Begin(path);
        _file.Stream.Write(NpyHeader.Build(dtype, Shape(0), _headerLength));
    }

    /// <summary>Starts streaming rows of shape <paramref name="rowShape"/> (empty for one scalar per row) to <paramref name="path"/>.</summary>
    public static NpyAppender Create(string path, NpyDType dtype, params int[] rowShape)
    {
        ArgumentNullException.ThrowIfNull(rowShape);
        for (int k = 0; k < rowShape.Length; k++)
            if (rowShape[k] < 0) throw new ArgumentException($"rowShape[{k}] = {rowShape[k]} must be non-negative", nameof(rowShape));
        NpyArray.ElementType(dtype);
        return new NpyAppender(path, dtype, rowShape.ToArray());
    }

    /// <summary>
    /// Continues a file left pending by <see cref="Detach"/> in an earlier process: the temporary file
    /// <paramref name="tempFileName"/> is cut to <paramref name="length"/> bytes, which must hold exactly
    /// <paramref name="rows"/> rows after the reserved header.
    /// </summary>
    public static NpyAppender Resume(string path, NpyDType dtype, int[] rowShape, string tempFileName, long length, long rows) =>
        new(path, dtype, rowShape.ToArray(), (tempFileName, length, rows));

    /// <summary>The temporary file's name and its length with every row appended so far flushed to it.</summary>
    public (string TempFileName, long Length) Flush() => (System.IO.Path.GetFileName(_file.TempPath), _file.FlushedLength());

    /// <summary>Closes and keeps the temporary file for <see cref="Resume"/>; nothing is committed.</summary>
    public void Detach() => _file.Detach();

    /// <summary>Element type of every row.</summary>
    public NpyDType DType { get; }

    /// <summary>Shape of one row; the final array has shape <c>(Rows, *RowShape)</c>.</summary>
    public IReadOnlyList<int> RowShape { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The target path, written by <see cref="Complete"/>.</summary>
    public string Path => _file.TargetPath;

    /// <summary>Appends one float64 row (flat, C order).</summary>
    public void AppendRow(ReadOnlySpan<double> row) => Append(NpyDType.Float64, MemoryMarshal.AsBytes(row), row.Length);

    /// <summary>Appends one complex128 row (flat, C order).</summary>
    public void AppendRow(ReadOnlySpan<Complex> row) => Append(NpyDType.Complex128, MemoryMarshal.AsBytes(row), row.Length);

    /// <summary>Appends one int64 row (flat, C order).</summary>
    public void AppendRow(ReadOnlySpan<long> row) => Append(NpyDType.Int64, MemoryMarshal.AsBytes(row), row.Length);

    /// <summary>Writes the final header (with the row count) and renames the file to <see cref="Path"/>.</summary>
    public void Complete()
    {
        Stream stream = _file.Stream;
        stream.Flush();
        stream.Position = 0;
        byte[] header = NpyHeader.Build(DType, Shape(Rows), _headerLength);
        if (header.Length != _headerLength)
            throw new InvalidOperationException($"final .npy header is {header.Length} bytes, reserved {_headerLength}");
        stream.Write(header);
        _file.Commit();
    }

    /// <summary>Deletes the temporary file if <see cref="Complete"/> was not called.</summary>
    public void Dispose() => _file.Dispose();

    private void Append(NpyDType dtype, ReadOnlySpan<byte> bytes, int length)
    {
        if (dtype != DType) throw new ArgumentException($"row is {dtype} but this appender writes {DType}", "row");
        if (length != _rowLength)
            throw new ArgumentException($"row has {length} elements; row shape ({string.Join(", ", RowShape)}) needs {_rowLength}", "row");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("writing .npy data needs a little-endian machine");
        _file.Stream.Write(bytes);
        Rows++;
    }

    private long[] Shape(long rows) => [rows, .. RowShape.Select(d => (long)d)];
}
