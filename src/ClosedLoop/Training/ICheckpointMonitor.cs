using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>Computes named per-checkpoint metrics (deployed losses, spectra, gains, order parameters, probes).</summary>
public interface ICheckpointMonitor
{
    /// <summary>Metric column names, snake_case, in the order <see cref="Evaluate"/> writes them.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>True when this monitor evaluates checkpoint <paramref name="epoch"/> of a run of <paramref name="epochs"/> epochs.</summary>
    bool IsDue(int epoch, int epochs);

    /// <summary>Writes the metrics of checkpoint <paramref name="epoch"/> (null where not defined).</summary>
    void Evaluate(int epoch, NetworkParameters parameters, Span<double?> values);
}
