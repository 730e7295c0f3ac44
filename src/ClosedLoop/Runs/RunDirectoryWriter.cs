using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// Streams a run to its directory as it trains: <c>metrics.csv</c> (one row per epoch), <c>arrays/&lt;name&gt;.npy</c>
/// for array rows (e.g. <c>eig_p</c>, epochs × eigenvalues, complex128) with <c>arrays/&lt;name&gt;_epochs.npy</c>, and
/// <c>arrays/params_&lt;epoch&gt;.npz</c> snapshots. Every file is written under a temporary name and renamed when
/// complete (<see cref="Complete"/>); an interrupted run leaves no file that looks whole. At a checkpoint
/// (<see cref="OnCheckpoint"/>) the streamed files are flushed and <c>checkpoint.npz</c> records their temporary
/// names and lengths; from then on the temporary files are kept when the writer is disposed, and
/// <see cref="Resume"/> continues them in a later process after cutting off whatever was written past the checkpoint.
/// </summary>
public sealed class RunDirectoryWriter : IRunObserver, IDisposable
{
    private readonly string _dir;
    private readonly Dictionary<string, (NpyAppender Rows, NpyAppender Epochs)> _arrays = new(StringComparer.Ordinal);
    private CsvWriter? _csv;
    private IReadOnlyList<MetricColumn> _columns = [];
    private RunSettings? _settings;
    private StreamedFiles? _resume;
    private bool _open, _checkpointed;

    public RunDirectoryWriter(string directory)
    {
        _dir = directory;
        Directory.CreateDirectory(ArraysDirectory);
    }

    /// <summary>
    /// A writer that continues the streamed files of an interrupted run from where <paramref name="files"/> says they
    /// stood at its checkpoint (the files are reopened by <see cref="Begin"/>, which then also rebuilds
    /// <see cref="History"/> from the rows already written). Temporary files the checkpoint does not name are deleted.
    /// </summary>
    public static RunDirectoryWriter Resume(string directory, StreamedFiles files)
    {
        var writer = new RunDirectoryWriter(directory) { _resume = files, _checkpointed = true };
        var kept = files.Arrays.SelectMany(a => new[] { a.Values.Temp, a.Epochs.Temp }).Append(files.Metrics.Temp).ToHashSet(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(directory).Concat(Directory.EnumerateFiles(writer.ArraysDirectory)))
            if (AtomicFile.IsTemporaryName(Path.GetFileName(f)) && !kept.Contains(Path.GetFileName(f))) File.Delete(f);
        return writer;
    }

    public string ArraysDirectory => Path.Combine(_dir, "arrays");

    /// <summary>Path of the run's checkpoint file.</summary>
    public string CheckpointPath => Path.Combine(_dir, CheckpointFile.FileName);

    public RunHistory History { get; private set; } = new();

    public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns)
    {
        _columns = metricColumns;
        _settings = settings;
        _open = settings.Mode == LoopMode.Open;
        var header = new List<string> { "epoch", "updates_done", "loss", "state_cost", "control_cost" };
        if (_open) header.Add("imitation_cost");
        header.AddRange(["grad_norm", "grad_norm_clipped", "simulation", "status"]);
        header.AddRange(metricColumns.Select(c => c.Name));
        if (_resume is { } files)
        {
            try { Reopen(files, header); }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
            {
                throw new DamagedCheckpointException(_dir, e.Message);
            }
        }
        else _csv = CsvWriter.Create(Path.Combine(_dir, "metrics.csv"), header);
    }

    /// <summary>Flushes every streamed file and writes <c>checkpoint.npz</c> with the state and their positions.</summary>
    public void OnCheckpoint(TrainingState state)
    {
        var (temp, bytes) = _csv!.Flush();
        var arrays = _arrays.Select(a => new ArrayPosition(a.Key, a.Value.Rows.RowShape, Position(a.Value.Rows), Position(a.Value.Epochs))).ToList();
        CheckpointFile.Write(CheckpointPath, _settings!, state, new StreamedFiles(new StreamPosition(temp, bytes, _csv.RowCount), arrays));
        _checkpointed = true;
    }

    /// <summary>Deletes the checkpoint (before <see cref="Complete"/>: a run killed while completing starts again).</summary>
    public void DiscardCheckpoint()
    {
        File.Delete(CheckpointPath);
        _checkpointed = false;
    }

    public void OnEpoch(EpochRecord r)
    {
        var cells = new List<object?> { r.Epoch, r.UpdatesDone, r.Loss.Total, r.Loss.State, r.Loss.Control };
        if (_open) cells.Add(r.Loss.Imitation);
        cells.AddRange([r.GradNorm, r.GradNormClipped, r.Path, r.Status]);
        for (int i = 0; i < _columns.Count; i++) cells.Add(Format(r.Metrics[i], _columns[i]));
        _csv!.WriteRow(cells);
        foreach (var (name, row) in r.Arrays.Rows) Append(name, r.Epoch, row);
        History.Add(r, _columns);
    }

    public void OnSnapshot(int epoch, NetworkParameters parameters) =>
        ParameterFile.Write(Path.Combine(ArraysDirectory, ParameterFile.NameOf(epoch)), parameters);

    /// <summary>Writes the final weights and completes every streamed file.</summary>
    public void Complete(NetworkParameters final)
    {
        ParameterFile.Write(Path.Combine(ArraysDirectory, ParameterFile.FinalName), final);
        _csv?.Complete();
        foreach (var (rows, epochs) in _arrays.Values)
        {
            rows.Complete();
            epochs.Complete();
        }
    }

    /// <summary>Closes every file; the temporary files are kept when a checkpoint refers to them, deleted otherwise.</summary>
    public void Dispose()
    {
        if (_checkpointed)
        {
            _csv?.Detach();
            foreach (var (rows, epochs) in _arrays.Values)
            {
                rows.Detach();
                epochs.Detach();
            }
            return;
        }
        _csv?.Dispose();
        foreach (var (rows, epochs) in _arrays.Values)
        {
            rows.Dispose();
            epochs.Dispose();
        }
    }

    private void Reopen(StreamedFiles files, List<string> header)
    {
        var written = CsvTable.Parse(ReadPrefix(Partial(_dir, files.Metrics), files.Metrics.Bytes));
        if (!written.Header.SequenceEqual(header) || written.Rows.Count != files.Metrics.Rows)
            throw new InvalidDataException($"'{files.Metrics.Temp}' does not hold the {files.Metrics.Rows} rows of this run's metrics");
        History = RunHistory.Replay(written, _columns);
        _csv = CsvWriter.Resume(Path.Combine(_dir, "metrics.csv"), header, files.Metrics.Temp, files.Metrics.Bytes, files.Metrics.Rows);
        foreach (var a in files.Arrays)
        {
            int width = a.RowShape.Aggregate(1, (x, y) => x * y);
            if (a.Values.Rows > 0) History.SetLastRow(a.Name, LastRow(Partial(ArraysDirectory, a.Values), a.Values.Bytes, width));
            _arrays[a.Name] = (NpyAppender.Resume(Path.Combine(ArraysDirectory, a.Name + ".npy"), NpyDType.Complex128, [.. a.RowShape], a.Values.Temp, a.Values.Bytes, a.Values.Rows),
                NpyAppender.Resume(Path.Combine(ArraysDirectory, a.Name + "_epochs.npy"), NpyDType.Int64, [], a.Epochs.Temp, a.Epochs.Bytes, a.Epochs.Rows));
        }
    }

    /// <summary>The path of a partial file named by the checkpoint, which must hold at least the bytes saved.</summary>
    private static string Partial(string directory, StreamPosition p)
    {
        string path = Path.Combine(directory, Path.GetFileName(p.Temp));
        if (!File.Exists(path)) throw new InvalidDataException($"the partial file '{p.Temp}' is missing");
        long found = new FileInfo(path).Length;
        if (found < p.Bytes) throw new InvalidDataException($"the partial file '{p.Temp}' has {found} bytes, fewer than the {p.Bytes} saved");
        return path;
    }

    private static StreamPosition Position(NpyAppender a)
    {
        var (temp, bytes) = a.Flush();
        return new StreamPosition(temp, bytes, a.Rows);
    }

    private static string ReadPrefix(string path, long bytes)
    {
        using var f = File.OpenRead(path);
        var buffer = new byte[bytes];
        f.ReadExactly(buffer);
        return new System.Text.UTF8Encoding(false).GetString(buffer);
    }

    private static Complex[] LastRow(string path, long bytes, int width)
    {
        using var f = File.OpenRead(path);
        var row = new Complex[width];
        f.Position = bytes - 16L * width;
        f.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
        return row;
    }

    private void Append(string name, int epoch, Complex[] row)
    {
        if (!_arrays.TryGetValue(name, out var a))
        {
            a = (NpyAppender.Create(Path.Combine(ArraysDirectory, name + ".npy"), NpyDType.Complex128, row.Length),
                 NpyAppender.Create(Path.Combine(ArraysDirectory, name + "_epochs.npy"), NpyDType.Int64));
            _arrays[name] = a;
        }
        a.Rows.AppendRow(row);
        a.Epochs.AppendRow([(long)epoch]);
    }

    private static object? Format(double? value, MetricColumn column)
    {
        if (value is not { } v) return null;
        if (column.Labels is { } labels && v >= 0 && v < labels.Count && v == Math.Floor(v)) return labels[(int)v];
        return v;
    }
}
