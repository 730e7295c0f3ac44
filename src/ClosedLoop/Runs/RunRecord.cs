using System.Numerics;
using System.Text.Json;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// A finished run directory read back: its settings (from the manifest), summary, per-epoch metric columns
/// (null = not evaluated at that epoch), streamed arrays and parameter snapshots. Reads lazily and caches.
/// </summary>
public sealed class RunRecord
{
    private CsvTable? _metrics;
    private readonly Dictionary<string, double?[]> _columns = new(StringComparer.Ordinal);

    private RunRecord(string directory, RunSettings settings, RunSummary summary)
    {
        Directory = directory;
        Settings = settings;
        Summary = summary;
    }

    public string Directory { get; }
    public RunSettings Settings { get; }
    public RunSummary Summary { get; }

    /// <summary>True when <paramref name="directory"/> holds a finished run (its manifest is written last).</summary>
    public static bool IsComplete(string directory) => File.Exists(Path.Combine(directory, RunManifest.FileName));

    /// <summary>Reads a finished run; a clear error when the directory is not one.</summary>
    public static RunRecord Open(string directory)
    {
        if (!IsComplete(directory)) throw new ArgumentException($"run directory '{directory}' holds no finished run (no {RunManifest.FileName})");
        var manifest = RunManifest.Read(Path.Combine(directory, RunManifest.FileName));
        var settings = manifest.Settings is JsonElement e
            ? e.Deserialize<RunSettings>(SettingsJson.Options) ?? throw new ArgumentException($"run directory '{directory}': the manifest has empty settings")
            : throw new ArgumentException($"run directory '{directory}': the manifest has no settings");
        var summary = JsonFiles.Read<RunSummary>(Path.Combine(directory, RunSummary.FileName));
        return new RunRecord(directory, settings, summary);
    }

    /// <summary>The metric columns present in metrics.csv.</summary>
    public IReadOnlyList<string> Columns => Metrics.Header;

    /// <summary>Number of epochs (rows).</summary>
    public int Epochs => Metrics.Rows.Count;

    /// <summary>Per-epoch values of column <paramref name="name"/>; throws when the column is absent.</summary>
    public double?[] Column(string name)
    {
        if (_columns.TryGetValue(name, out var c)) return c;
        if (Metrics.ColumnIndex(name) < 0) throw new ArgumentException($"run '{Directory}' has no metric '{name}' (it has {string.Join(", ", Metrics.Header)})");
        return _columns[name] = Metrics.Doubles(name);
    }

    /// <summary>Per-epoch values of column <paramref name="name"/>, or null when the run does not record it.</summary>
    public double?[]? TryColumn(string name) => Metrics.ColumnIndex(name) < 0 ? null : Column(name);

    /// <summary>The text cells of column <paramref name="name"/> (for categorical columns).</summary>
    public IReadOnlyList<string> TextColumn(string name) => Metrics.Column(name);

    /// <summary>Per-epoch values with missing entries as NaN.</summary>
    public double[] Series(string name) => Column(name).Select(v => v ?? double.NaN).ToArray();

    /// <summary>The rows of a streamed array (e.g. "eig_p") with their epochs, or null when not recorded.</summary>
    public (long[] Epochs, Complex[][] Rows)? Array(string name)
    {
        string path = Path.Combine(Directory, "arrays", name + ".npy");
        if (!File.Exists(path)) return null;
        var a = Npy.Read(path);
        var epochs = Npy.Read(Path.Combine(Directory, "arrays", name + "_epochs.npy")).AsInt64();
        var data = a.AsComplex128();
        int width = a.Shape.Count > 1 ? a.Shape[1] : 1;
        var rows = new Complex[epochs.Length][];
        for (int i = 0; i < rows.Length; i++) rows[i] = data.AsSpan(i * width, width).ToArray();
        return (epochs, rows);
    }

    /// <summary>The parameters of checkpoint <paramref name="epoch"/> (a snapshot must exist), or the final weights for null.</summary>
    public NetworkParameters Parameters(int? epoch = null) =>
        ParameterFile.Read(Path.Combine(Directory, "arrays", epoch is { } e ? ParameterFile.NameOf(e) : ParameterFile.FinalName), Settings.LearnerNetwork);

    /// <summary>True when a snapshot of checkpoint <paramref name="epoch"/> was written.</summary>
    public bool HasSnapshot(int epoch) => File.Exists(Path.Combine(Directory, "arrays", ParameterFile.NameOf(epoch)));

    private CsvTable Metrics => _metrics ??= CsvTable.Read(Path.Combine(Directory, "metrics.csv"));
}
