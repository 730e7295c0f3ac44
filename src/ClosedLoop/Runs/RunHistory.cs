using System.Numerics;
using ClosedLoop.Reporting;
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
    /// <summary>The first epoch whose loss or gradient was not finite (status <c>non_finite</c>), or null.</summary>
    public int? FirstNonFiniteEpoch { get; private set; }

    public void Add(EpochRecord r, IReadOnlyList<MetricColumn> columns)
    {
        Loss.Add(r.Loss.Total);
        if (r.Status == EpochStatus.NonFinite)
        {
            NonFiniteEpochs++;
            FirstNonFiniteEpoch ??= r.Epoch;
        }
        if (r.Path == SimulationPath.Basis) BasisEpochs++;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!_columns.TryGetValue(columns[i].Name, out var list)) _columns[columns[i].Name] = list = [];
            list.Add(r.Metrics[i]);
        }
        foreach (var (name, row) in r.Arrays.Rows) _lastRows[name] = row;
    }

    /// <summary>Sets the last row of array <paramref name="name"/> (a resumed run's history, read back from its file).</summary>
    public void SetLastRow(string name, Complex[] row) => _lastRows[name] = row;

    /// <summary>
    /// The history of the rows of a <c>metrics.csv</c> written by <see cref="RunDirectoryWriter"/> (the part of an
    /// interrupted run before its checkpoint), exactly as it was when those epochs ran: cells are parsed back from
    /// their round-trip text and categorical labels to their codes.
    /// </summary>
    public static RunHistory Replay(CsvTable metrics, IReadOnlyList<MetricColumn> columns)
    {
        var h = new RunHistory();
        int imitation = metrics.Header.ToList().IndexOf("imitation_cost");
        int first = metrics.ColumnIndex("status") + 1;
        for (int row = 0; row < metrics.Rows.Count; row++)
        {
            var cells = metrics.Rows[row];
            double Number(string name) => CsvFormat.ParseDouble(cells[metrics.ColumnIndex(name)]) ?? double.NaN;
            var loss = new LossTerms(Number("state_cost"), Number("control_cost"), imitation >= 0 ? Number("imitation_cost") : 0);
            var values = new double?[columns.Count];
            for (int i = 0; i < columns.Count; i++)
                values[i] = columns[i].Labels is { } labels && labels.ToList().IndexOf(cells[first + i]) is var code and >= 0
                    ? code : CsvFormat.ParseDouble(cells[first + i]);
            h.Add(new EpochRecord((int)Number("epoch"), (int)Number("updates_done"), loss, Number("grad_norm"), Number("grad_norm_clipped"),
                Parse<SimulationPath>(cells[metrics.ColumnIndex("simulation")]), Parse<EpochStatus>(cells[metrics.ColumnIndex("status")]),
                values, new CheckpointArrays()), columns);
        }
        return h;
    }

    private static T Parse<T>(string cell) where T : struct, Enum =>
        Enum.GetValues<T>().FirstOrDefault(v => CsvFormat.Cell(v) == cell) is var v && CsvFormat.Cell(v) == cell
            ? v : throw new InvalidDataException($"'{cell}' is not a {typeof(T).Name}");

    /// <summary>The values of metric <paramref name="name"/> per epoch (null where not evaluated), or null if absent.</summary>
    public IReadOnlyList<double?>? Column(string name) => _columns.GetValueOrDefault(name);

    /// <summary>The last row written under <paramref name="name"/> (e.g. the final eigenvalues), or null.</summary>
    public Complex[]? LastRow(string name) => _lastRows.GetValueOrDefault(name);
}
