namespace ClosedLoop.Reporting;

/// <summary>
/// Streams several arrays into one <c>.npz</c> row by row, for data produced epoch by epoch that need not fit in
/// memory (the random draws of a long run). Each array goes to its own <see cref="NpyAppender"/> in a hidden scratch
/// folder beside the target; <see cref="Complete"/> packs them into the archive (stored entries in ordinal order of
/// their names, fixed metadata: the same rows always give the same bytes) atomically and deletes the folder.
/// Disposing without <see cref="Complete"/> leaves neither the archive nor the folder.
/// </summary>
public sealed class NpzAppender : IDisposable
{
    private readonly string _scratch;
    private readonly SortedDictionary<string, NpyAppender> _arrays = new(StringComparer.Ordinal);
    private bool _completed;

    private NpzAppender(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        _scratch = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}-{Guid.NewGuid():N}.parts");
        Directory.CreateDirectory(_scratch);
    }

    /// <summary>Starts an archive at <paramref name="path"/> (written by <see cref="Complete"/>).</summary>
    public static NpzAppender Create(string path) => new(path);

    /// <summary>The target path.</summary>
    public string Path { get; }

    /// <summary>Names of the arrays started so far, in archive (ordinal) order.</summary>
    public IReadOnlyCollection<string> Names => _arrays.Keys;

    /// <summary>
    /// Appends one float64 row of shape <paramref name="rowShape"/> to array <paramref name="name"/>, which starts with
    /// its first row; every later row must have the same shape.
    /// </summary>
    public void AppendRow(string name, ReadOnlySpan<double> row, IReadOnlyList<int> rowShape) =>
        Array(name, NpyDType.Float64, rowShape).AppendRow(row);

    /// <summary>Appends one int64 row (see the float64 overload).</summary>
    public void AppendRow(string name, ReadOnlySpan<long> row, IReadOnlyList<int> rowShape) =>
        Array(name, NpyDType.Int64, rowShape).AppendRow(row);

    /// <summary>Writes the archive (atomically) and deletes the scratch folder.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        foreach (var a in _arrays.Values) a.Complete();
        Npz.WriteFiles(Path, _arrays.ToDictionary(a => a.Key, a => a.Value.Path, StringComparer.Ordinal));
        _completed = true;
        Dispose();
    }

    /// <summary>Deletes the scratch folder (and, before <see cref="Complete"/>, every row written).</summary>
    public void Dispose()
    {
        foreach (var a in _arrays.Values) a.Dispose();
        _arrays.Clear();
        _completed = true;
        try
        {
            if (Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException) { /* best effort: the hidden folder is never mistaken for the archive */ }
    }

    private NpyAppender Array(string name, NpyDType dtype, IReadOnlyList<int> rowShape)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_arrays.TryGetValue(name, out var a))
        {
            if (a.DType != dtype || !a.RowShape.SequenceEqual(rowShape))
                throw new ArgumentException($"array '{name}' has rows of {a.DType} ({string.Join(", ", a.RowShape)}); this row is {dtype} ({string.Join(", ", rowShape)})", nameof(rowShape));
            return a;
        }
        Npz.CheckName(name);
        a = NpyAppender.Create(System.IO.Path.Combine(_scratch, name + ".npy"), dtype, rowShape.ToArray());
        _arrays[name] = a;
        return a;
    }
}
