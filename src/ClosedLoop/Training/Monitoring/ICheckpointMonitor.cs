using System.Numerics;
using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>A metric column: its snake_case name and, for categorical metrics, the label of each integer code.</summary>
public sealed record MetricColumn(string Name, IReadOnlyList<string>? Labels = null);

/// <summary>Named complex rows produced at a checkpoint (e.g. "eig_p": the sorted eigenvalues of P).</summary>
public sealed class CheckpointArrays
{
    private readonly SortedDictionary<string, Complex[]> _rows = new(StringComparer.Ordinal);

    /// <summary>Adds the row <paramref name="name"/> of this checkpoint.</summary>
    public void Add(string name, Complex[] row) => _rows[name] = row;

    /// <summary>The rows added, by name.</summary>
    public IReadOnlyDictionary<string, Complex[]> Rows => _rows;

    public bool IsEmpty => _rows.Count == 0;
}

/// <summary>Computes named per-checkpoint metrics (deployed losses, spectra, gains, order parameters, probes).</summary>
public interface ICheckpointMonitor
{
    /// <summary>Metric columns in the order <see cref="Evaluate"/> writes them.</summary>
    IReadOnlyList<MetricColumn> Columns { get; }

    /// <summary>True when this monitor evaluates checkpoint <paramref name="epoch"/> of a run of <paramref name="epochs"/> epochs.</summary>
    bool IsDue(int epoch, int epochs);

    /// <summary>Writes the metrics of checkpoint <paramref name="epoch"/> (null where not defined) and any array rows.</summary>
    void Evaluate(int epoch, NetworkParameters parameters, Span<double?> values, CheckpointArrays arrays);
}
