using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// Writes <c>arrays/draws.npz</c> (<c>train --record-draws</c>): <c>epochs</c> (int64, one per epoch) and, row e for
/// epoch e, every array that epoch drew (<see cref="DrawnArray"/>: initial states, reference phases, white-noise
/// inputs, plant noise). Rows are streamed to disk as training goes and packed into the archive when the run
/// completes; an interrupted run leaves no archive (docs/parity.md).
/// </summary>
public sealed class DrawFile : IDrawRecorder, IDisposable
{
    /// <summary>File name inside <c>arrays/</c>.</summary>
    public const string FileName = "draws.npz";

    private readonly NpzAppender _npz;

    public DrawFile(string arraysDirectory) => _npz = NpzAppender.Create(Path.Combine(arraysDirectory, FileName));

    public void Record(int epoch, IReadOnlyList<DrawnArray> draws)
    {
        _npz.AppendRow("epochs", [(long)epoch], []);
        foreach (var d in draws) _npz.AppendRow(d.Name, d.Values, d.RowShape);
    }

    /// <summary>Writes the archive.</summary>
    public void Complete() => _npz.Complete();

    public void Dispose() => _npz.Dispose();
}
