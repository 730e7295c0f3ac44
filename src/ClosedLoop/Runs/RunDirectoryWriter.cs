using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// Streams a run to its directory as it trains: <c>metrics.csv</c> (one row per epoch), <c>arrays/&lt;name&gt;.npy</c>
/// for array rows (e.g. <c>eig_p</c>, epochs × eigenvalues, complex128) with <c>arrays/&lt;name&gt;_epochs.npy</c>, and
/// <c>arrays/params_&lt;epoch&gt;.npz</c> snapshots. Every file is written under a temporary name and renamed when
/// complete (<see cref="Complete"/>); an interrupted run leaves no file that looks whole.
/// </summary>
public sealed class RunDirectoryWriter : IRunObserver, IDisposable
{
    private readonly string _dir;
    private readonly Dictionary<string, (NpyAppender Rows, NpyAppender Epochs)> _arrays = new(StringComparer.Ordinal);
    private CsvWriter? _csv;
    private IReadOnlyList<MetricColumn> _columns = [];
    private bool _open;

    public RunDirectoryWriter(string directory)
    {
        _dir = directory;
        Directory.CreateDirectory(ArraysDirectory);
    }

    public string ArraysDirectory => Path.Combine(_dir, "arrays");

    public RunHistory History { get; } = new();

    public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns)
    {
        _columns = metricColumns;
        _open = settings.Mode == LoopMode.Open;
        var header = new List<string> { "epoch", "updates_done", "loss", "state_cost", "control_cost" };
        if (_open) header.Add("imitation_cost");
        header.AddRange(["grad_norm", "grad_norm_clipped", "simulation", "status"]);
        header.AddRange(metricColumns.Select(c => c.Name));
        _csv = CsvWriter.Create(Path.Combine(_dir, "metrics.csv"), header);
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

    public void Dispose()
    {
        _csv?.Dispose();
        foreach (var (rows, epochs) in _arrays.Values)
        {
            rows.Dispose();
            epochs.Dispose();
        }
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
