using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;

namespace ClosedLoop.Experiments;

/// <summary>
/// What an experiment runs with: its size, seeds, output directories (<c>&lt;out&gt;/&lt;name&gt;/</c> with
/// <c>figures/</c>), and the shared run cache (<c>&lt;out&gt;/runs/</c>) through which every training run goes.
/// </summary>
public sealed class ExperimentContext
{
    public ExperimentContext(string outputRoot, string name, ExperimentSize size, int? seedCount, RunCache runs, Action<string>? log = null)
    {
        OutputRoot = outputRoot;
        Name = name;
        Size = size;
        SeedCountOverride = seedCount;
        Runs = runs;
        Log = log ?? (_ => { });
        Directory = Path.Combine(outputRoot, name);
        FiguresDirectory = Path.Combine(Directory, "figures");
        System.IO.Directory.CreateDirectory(FiguresDirectory);
    }

    public string OutputRoot { get; }
    public string Name { get; }
    public ExperimentSize Size { get; }
    /// <summary>The user's <c>--seeds</c>, if given.</summary>
    public int? SeedCountOverride { get; }
    public RunCache Runs { get; }
    public Action<string> Log { get; }
    /// <summary><c>&lt;out&gt;/&lt;name&gt;</c>: claims.json and experiment-level data.</summary>
    public string Directory { get; }
    /// <summary><c>&lt;out&gt;/&lt;name&gt;/figures</c>: one PNG (and SVG) per panel group with its CSV.</summary>
    public string FiguresDirectory { get; }

    /// <summary>Seeds 0..K−1, K = the user's <c>--seeds</c> or the experiment's default for this size.</summary>
    public IReadOnlyList<long> Seeds(int quick, int full, int smoke = 1)
    {
        int k = SeedCountOverride ?? Size switch { ExperimentSize.Smoke => smoke, ExperimentSize.Quick => quick, _ => full };
        return Enumerable.Range(0, Math.Max(1, k)).Select(i => (long)i).ToList();
    }

    /// <summary>A value by size.</summary>
    public T BySize<T>(T smoke, T quick, T full) => Size switch { ExperimentSize.Smoke => smoke, ExperimentSize.Quick => quick, _ => full };

    /// <summary>Path of a figure entry relative to the output root.</summary>
    public string RelativeToRoot(string path) => Path.GetRelativePath(OutputRoot, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The report entry of a saved figure: its PNG relative to the output root, and its caption.</summary>
    public FigureEntry Entry(SavedFigure saved, string caption) => new(RelativeToRoot(saved.PngPath), caption);

    /// <summary>Writes an experiment-level table atomically into <see cref="Directory"/> (e.g. <c>study_beta_summary.csv</c>).</summary>
    public void WriteTable(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        CsvWriter.WriteTable(Path.Combine(Directory, fileName), header, rows);

    /// <summary>Writes a small table beside the figures into <see cref="FiguresDirectory"/> (e.g. <c>fig4d_alpha_scan.csv</c>).</summary>
    public void WriteFigureTable(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        CsvWriter.WriteTable(Path.Combine(FiguresDirectory, fileName), header, rows);
}
