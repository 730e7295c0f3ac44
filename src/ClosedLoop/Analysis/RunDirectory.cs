using System.Numerics;
using System.Text.Json;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>
/// Eigenvalue rows streamed by a run (<c>arrays/eig_p.npy</c> or <c>arrays/eig_w.npy</c>, epochs × eigenvalues,
/// complex128, each row sorted by the <see cref="Theory.Spectrum"/> rule) with their epochs (<c>*_epochs.npy</c>).
/// </summary>
/// <param name="Epochs">Recorded epochs, strictly increasing.</param>
/// <param name="Rows">Eigenvalues per recorded epoch, same order as <paramref name="Epochs"/>.</param>
public sealed record EigenvalueHistory(IReadOnlyList<int> Epochs, IReadOnlyList<Complex[]> Rows)
{
    /// <summary>The row recorded at <paramref name="epoch"/>, or null.</summary>
    public Complex[]? At(int epoch)
    {
        for (int i = 0; i < Epochs.Count; i++)
            if (Epochs[i] == epoch) return Rows[i];
        return null;
    }
}

/// <summary>
/// A finished run directory opened for reading (written by <see cref="TrainingRun"/>): the <see cref="RunSettings"/>
/// from <c>manifest.json</c>, the <see cref="RunSummary"/>, the per-epoch columns of <c>metrics.csv</c> (row e =
/// checkpoint e, the weights after e updates; empty cell = not evaluated that epoch), the eigenvalue arrays and the
/// parameter snapshots. A run is "finished" when its manifest exists (it is written last).
/// </summary>
public sealed class RunDirectory
{
    /// <summary>Sub-directory of a run that holds the analysis outputs.</summary>
    public const string AnalysisFolder = "analysis";

    private readonly CsvTable _metrics;

    private RunDirectory(string path, RunSettings settings, RunSummary summary, CsvTable metrics)
    {
        Path = path;
        Settings = settings;
        Summary = summary;
        _metrics = metrics;
        EpochCount = metrics.Rows.Count;
    }

    /// <summary>The run directory.</summary>
    public string Path { get; }

    /// <summary>The settings the run used (the manifest's <c>settings</c>).</summary>
    public RunSettings Settings { get; }

    /// <summary>The run's <c>summary.json</c> as written by training (or by an earlier analysis).</summary>
    public RunSummary Summary { get; }

    /// <summary>Number of rows of metrics.csv (epochs 0..EpochCount − 1).</summary>
    public int EpochCount { get; }

    /// <summary>Directory of the analysis outputs, <c>RUN_DIR/analysis</c>.</summary>
    public string AnalysisDirectory => System.IO.Path.Combine(Path, AnalysisFolder);

    /// <summary>Path of a file of the run, relative to its directory.</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>True when <paramref name="path"/> holds a finished run (manifest, metrics and summary present).</summary>
    public static bool IsFinishedRun(string path) =>
        Directory.Exists(path) && System.IO.File.Exists(System.IO.Path.Combine(path, RunManifest.FileName))
        && System.IO.File.Exists(System.IO.Path.Combine(path, "metrics.csv"))
        && System.IO.File.Exists(System.IO.Path.Combine(path, RunSummary.FileName));

    /// <summary>Opens a finished run; throws <see cref="ArgumentException"/> naming the directory and what is missing.</summary>
    public static RunDirectory Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path)) throw new ArgumentException($"RUN_DIR = '{path}' does not exist");
        foreach (var name in new[] { RunManifest.FileName, "metrics.csv", RunSummary.FileName })
            if (!System.IO.File.Exists(System.IO.Path.Combine(path, name)))
                throw new ArgumentException($"RUN_DIR = '{path}' is not a finished run directory: it has no {name} (an interrupted run, or not a run)");
        var settings = ReadSettings(System.IO.Path.Combine(path, RunManifest.FileName));
        RunSummary summary;
        try { summary = JsonFiles.Read<RunSummary>(System.IO.Path.Combine(path, RunSummary.FileName)); }
        catch (JsonException e) { throw new ArgumentException($"RUN_DIR = '{path}': {RunSummary.FileName} is not a run summary ({e.Message})"); }
        CsvTable metrics;
        try
        {
            metrics = CsvTable.Read(System.IO.Path.Combine(path, "metrics.csv"));
            CheckEpochs(path, metrics);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv is not readable ({e.Message})");
        }
        return new RunDirectory(path, settings, summary, metrics);
    }

    /// <summary>The <c>teacher/</c> run of an open-loop run when it is a finished run, else null.</summary>
    public string? TeacherDirectory
    {
        get
        {
            string t = File("teacher");
            return IsFinishedRun(t) ? t : null;
        }
    }

    /// <summary>True when metrics.csv has column <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => _metrics.Header.Contains(name);

    /// <summary>Column <paramref name="name"/> of metrics.csv as numbers (null = empty cell), or null when absent.</summary>
    public double?[]? Column(string name) => HasColumn(name) ? _metrics.Doubles(name) : null;

    /// <summary>Column <paramref name="name"/> as text cells (e.g. <c>p_red_class</c>), or null when absent.</summary>
    public IReadOnlyList<string>? TextColumn(string name) => HasColumn(name) ? _metrics.Column(name) : null;

    /// <summary>The training loss per epoch (column <c>loss</c>; NaN where the cell is empty).</summary>
    public double[] Loss() => (Column("loss") ?? throw new ArgumentException($"RUN_DIR = '{Path}': metrics.csv has no loss column"))
        .Select(v => v ?? double.NaN).ToArray();

    /// <summary>The eigenvalue history <c>arrays/&lt;name&gt;.npy</c> (e.g. <c>eig_p</c>, <c>eig_w</c>), or null when not recorded.</summary>
    public EigenvalueHistory? Eigenvalues(string name)
    {
        string rows = File(System.IO.Path.Combine("arrays", name + ".npy"));
        string epochs = File(System.IO.Path.Combine("arrays", name + "_epochs.npy"));
        if (!System.IO.File.Exists(rows) || !System.IO.File.Exists(epochs)) return null;
        NpyArray values;
        long[] e;
        Complex[] data;
        try
        {
            values = Npy.Read(rows);
            data = values.AsComplex128();
            e = Npy.Read(epochs).AsInt64();
        }
        catch (Exception x) when (x is InvalidDataException or InvalidOperationException or EndOfStreamException)
        {
            throw new ArgumentException($"RUN_DIR = '{Path}': arrays/{name}.npy or its epochs are not readable ({x.Message})");
        }
        int count = values.Shape.Count == 2 ? values.Shape[0] : 0, width = values.Shape.Count == 2 ? values.Shape[1] : 0;
        if (count != e.Length)
            throw new ArgumentException($"RUN_DIR = '{Path}': arrays/{name}.npy has {count} rows but arrays/{name}_epochs.npy has {e.Length} epochs");
        var list = new Complex[count][];
        for (int i = 0; i < count; i++) list[i] = data.AsSpan(i * width, width).ToArray();
        return new EigenvalueHistory(e.Select(x => (int)x).ToArray(), list);
    }

    /// <summary>The parameter snapshot of checkpoint <paramref name="epoch"/> (weights after that many updates), or null if not written.</summary>
    public NetworkParameters? Snapshot(int epoch)
    {
        string file = File(System.IO.Path.Combine("arrays", ParameterFile.NameOf(epoch)));
        return System.IO.File.Exists(file) ? ParameterFile.Read(file, Settings.LearnerNetwork) : null;
    }

    /// <summary>The final weights (after the last update), or null if not written.</summary>
    public NetworkParameters? Final()
    {
        string file = File(System.IO.Path.Combine("arrays", ParameterFile.FinalName));
        return System.IO.File.Exists(file) ? ParameterFile.Read(file, Settings.LearnerNetwork) : null;
    }

    private static RunSettings ReadSettings(string manifest)
    {
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(manifest));
            if (!doc.RootElement.TryGetProperty("settings", out var element) || element.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"'{manifest}' has no settings object: the run's settings cannot be read");
            return element.Deserialize<RunSettings>(SettingsJson.Options)
                ?? throw new ArgumentException($"'{manifest}' has empty settings");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{manifest}' does not hold readable run settings: {e.Message}");
        }
    }

    private static void CheckEpochs(string path, CsvTable metrics)
    {
        var epochs = metrics.Doubles("epoch");
        for (int i = 0; i < epochs.Length; i++)
            if (epochs[i] != i)
                throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv row {i + 1} has epoch {epochs[i]?.ToString() ?? "(empty)"}; rows must be epochs 0, 1, 2, ...");
        if (epochs.Length == 0) throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv has no rows");
    }
}
