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
/// A finished run directory opened for analysis: a <see cref="RunRecord"/> (settings from <c>manifest.json</c>, the
/// <see cref="RunSummary"/>, the columns of <c>metrics.csv</c>, the streamed arrays, the snapshots) plus what the
/// analysis needs on top: strict checks with clear messages (all three run files present, readable metrics with rows
/// for epochs 0, 1, 2, …), eigenvalue histories, the training loss, the <c>teacher/</c> sub-run and the
/// <c>analysis/</c> folder. Row e of metrics.csv is checkpoint e, the weights after e updates; an empty cell means
/// "not evaluated that epoch".
/// </summary>
public sealed class RunDirectory
{
    /// <summary>Sub-directory of a run that holds the analysis outputs.</summary>
    public const string AnalysisFolder = "analysis";

    private RunDirectory(string path, RunRecord record)
    {
        Path = path;
        Record = record;
        EpochCount = record.Epochs;
    }

    /// <summary>The run directory.</summary>
    public string Path { get; }

    /// <summary>The run as read by <see cref="RunRecord"/>.</summary>
    public RunRecord Record { get; }

    /// <summary>The settings the run used (the manifest's <c>settings</c>).</summary>
    public RunSettings Settings => Record.Settings;

    /// <summary>The run's <c>summary.json</c> as written by training (or by an earlier analysis).</summary>
    public RunSummary Summary => Record.Summary;

    /// <summary>Number of rows of metrics.csv (epochs 0..EpochCount − 1).</summary>
    public int EpochCount { get; }

    /// <summary>Directory of the analysis outputs, <c>RUN_DIR/analysis</c>.</summary>
    public string AnalysisDirectory => System.IO.Path.Combine(Path, AnalysisFolder);

    /// <summary>Path of a file of the run, relative to its directory.</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>True when <paramref name="path"/> holds a finished run (manifest, metrics and summary present).</summary>
    public static bool IsFinishedRun(string path) => RequiredFiles.All(f => System.IO.File.Exists(System.IO.Path.Combine(path, f)));

    private static readonly string[] RequiredFiles = [RunManifest.FileName, "metrics.csv", RunSummary.FileName];

    /// <summary>Opens a finished run; throws <see cref="ArgumentException"/> naming the directory and what is missing or wrong.</summary>
    public static RunDirectory Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (System.IO.File.Exists(path)) throw new ArgumentException($"RUN_DIR = '{path}' is a file, not a run directory");
        if (!Directory.Exists(path)) throw new ArgumentException($"RUN_DIR = '{path}' does not exist");
        foreach (var name in RequiredFiles)
            if (!System.IO.File.Exists(System.IO.Path.Combine(path, name)))
                throw new ArgumentException($"RUN_DIR = '{path}' is not a finished run directory: it has no {name} (an interrupted run, or not a run)");
        try
        {
            var record = RunRecord.Open(path);
            CheckEpochs(path, record.Column("epoch"));
            return new RunDirectory(path, record);
        }
        catch (JsonException e) { throw new ArgumentException($"RUN_DIR = '{path}': a JSON file is not readable ({e.Message})"); }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv is not readable ({e.Message})");
        }
    }

    /// <summary>A finished run already read as a <see cref="RunRecord"/> (no files are read again).</summary>
    public static RunDirectory Of(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckEpochs(record.Directory, record.Column("epoch"));
        return new RunDirectory(record.Directory, record);
    }

    /// <summary>The <c>teacher/</c> run of an open-loop run when it is a finished run, else null.</summary>
    public string? TeacherDirectory => IsFinishedRun(File("teacher")) ? File("teacher") : null;

    /// <summary>True when metrics.csv has column <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => Record.HasColumn(name);

    /// <summary>Column <paramref name="name"/> of metrics.csv as numbers (null = empty cell), or null when absent.</summary>
    public double?[]? Column(string name) => HasColumn(name) ? Record.Column(name) : null;

    /// <summary>Column <paramref name="name"/> as text cells (e.g. <c>p_red_class</c>), or null when absent.</summary>
    public IReadOnlyList<string>? TextColumn(string name) => HasColumn(name) ? Record.TextColumn(name) : null;

    /// <summary>The training loss per epoch (column <c>loss</c>; NaN where the cell is empty).</summary>
    public double[] Loss() => HasColumn("loss") ? Record.Series("loss") : throw new ArgumentException($"RUN_DIR = '{Path}': metrics.csv has no loss column");

    /// <summary>The eigenvalue history <c>arrays/&lt;name&gt;.npy</c> (e.g. <c>eig_p</c>, <c>eig_w</c>), or null when not recorded.</summary>
    public EigenvalueHistory? Eigenvalues(string name)
    {
        if (!System.IO.File.Exists(File(System.IO.Path.Combine("arrays", name + "_epochs.npy")))) return null;
        try
        {
            return Record.Array(name) is { } a ? new EigenvalueHistory(a.Epochs.Select(x => (int)x).ToArray(), a.Rows) : null;
        }
        catch (Exception x) when (x is InvalidDataException or InvalidOperationException or EndOfStreamException)
        {
            throw new ArgumentException($"RUN_DIR = '{Path}': arrays/{name}.npy or its epochs are not readable ({x.Message})");
        }
    }

    /// <summary>The parameter snapshot of checkpoint <paramref name="epoch"/> (weights after that many updates), or null if not written.</summary>
    public NetworkParameters? Snapshot(int epoch) => Record.HasSnapshot(epoch) ? Record.Parameters(epoch) : null;

    /// <summary>The final weights (after the last update), or null if not written.</summary>
    public NetworkParameters? Final() =>
        System.IO.File.Exists(File(System.IO.Path.Combine("arrays", ParameterFile.FinalName))) ? Record.Parameters() : null;

    private static void CheckEpochs(string path, double?[] epochs)
    {
        if (epochs.Length == 0) throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv has no rows");
        for (int i = 0; i < epochs.Length; i++)
            if (epochs[i] != i)
                throw new ArgumentException($"RUN_DIR = '{path}': metrics.csv row {i + 1} has epoch {epochs[i]?.ToString() ?? "(empty)"}; rows must be epochs 0, 1, 2, ...");
    }
}
