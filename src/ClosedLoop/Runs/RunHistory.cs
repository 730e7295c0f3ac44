using System.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// The per-epoch scalars of a run kept in memory for its summary (a few doubles per epoch: bounded by the number of
/// epochs, never a copy of the model), and the last array row of each name.
/// </summary>
public sealed class RunHistory
{
    private readonly Dictionary<string, List<double?>> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Complex[]> _lastRows = new(StringComparer.Ordinal);

    public List<double> Loss { get; } = [];
    public int NonFiniteEpochs { get; private set; }
    public int BasisEpochs { get; private set; }

    public void Add(EpochRecord r, IReadOnlyList<MetricColumn> columns)
    {
        Loss.Add(r.Loss.Total);
        if (r.Status == EpochStatus.NonFinite) NonFiniteEpochs++;
        if (r.Path == SimulationPath.Basis) BasisEpochs++;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!_columns.TryGetValue(columns[i].Name, out var list)) _columns[columns[i].Name] = list = [];
            list.Add(r.Metrics[i]);
        }
        foreach (var (name, row) in r.Arrays.Rows) _lastRows[name] = row;
    }

    /// <summary>The values of metric <paramref name="name"/> per epoch (null where not evaluated), or null if absent.</summary>
    public IReadOnlyList<double?>? Column(string name) => _columns.GetValueOrDefault(name);

    /// <summary>The last row written under <paramref name="name"/> (e.g. the final eigenvalues), or null.</summary>
    public Complex[]? LastRow(string name) => _lastRows.GetValueOrDefault(name);
}
