namespace ClosedLoop.Training;

/// <summary>What happened to the update of an epoch.</summary>
public enum EpochStatus
{
    /// <summary>The update was made.</summary>
    Updated,
    /// <summary>No update by schedule (epoch 0 of <see cref="UpdateSchedule.SkipFirstEpoch"/>).</summary>
    NoUpdateScheduled,
    /// <summary>The loss or gradient was not finite (overflow, NaN): the update was skipped.</summary>
    NonFinite,
}

/// <summary>
/// One row of a run's history. Loss terms and gradient norms belong to the training batch of epoch e; the metrics
/// (deployed losses, spectra, order parameters, ...) describe checkpoint e, the weights after <see cref="UpdatesDone"/>
/// = e updates. Metric values follow the monitor's column order; null means "not evaluated at this epoch".
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    int UpdatesDone,
    LossTerms Loss,
    double GradNorm,
    double GradNormClipped,
    SimulationPath Path,
    EpochStatus Status,
    double?[] Metrics,
    CheckpointArrays Arrays);
