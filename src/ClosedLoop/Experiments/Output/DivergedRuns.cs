using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>A finished run of a reproduction whose loss or gradient was not finite at some epoch.</summary>
/// <param name="Name">The run's directory name under <c>runs/</c>.</param>
/// <param name="FirstNonFiniteEpoch">The first non-finite epoch.</param>
/// <param name="NonFiniteEpochs">How many epochs were not finite (their updates were skipped).</param>
/// <param name="Epochs">Epochs the run trained.</param>
public sealed record DivergedRun(string Name, int FirstNonFiniteEpoch, int NonFiniteEpochs, int Epochs)
{
    /// <summary>One line for the log and the report.</summary>
    public override string ToString() =>
        $"runs/{Name}: loss or gradient not finite (NaN or infinite) in {NonFiniteEpochs} of {Epochs} epochs, first at epoch {FirstNonFiniteEpoch}";
}

/// <summary>
/// The diverged runs of a reproduction, read from the summaries under <c>&lt;out&gt;/runs/</c> (a diverged run is a
/// result to report, not a failure: its claims are measured on what it recorded).
/// </summary>
public static class DivergedRuns
{
    /// <summary>Every finished run under <c>&lt;outputDirectory&gt;/runs/</c> whose summary says it diverged, by name.</summary>
    public static IReadOnlyList<DivergedRun> In(string outputDirectory)
    {
        string root = Path.Combine(outputDirectory, "runs");
        if (!Directory.Exists(root)) return [];
        var found = new List<DivergedRun>();
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(dir, RunSummary.FileName);
            if (!RunRecord.IsComplete(dir) || !File.Exists(file)) continue;
            var s = JsonFiles.Read<RunSummary>(file);
            if (s.Diverged) found.Add(new DivergedRun(Path.GetFileName(dir), s.FirstNonFiniteEpoch ?? 0, s.NonFiniteEpochs, s.Epochs));
        }
        return found;
    }
}
