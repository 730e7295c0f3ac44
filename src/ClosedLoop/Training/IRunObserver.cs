using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>Receives a run's history as it is produced (the run directory writer, progress displays, tests).</summary>
public interface IRunObserver
{
    /// <summary>Called once before epoch 0 with the metric column names of <see cref="EpochRecord.Metrics"/>.</summary>
    void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns);

    /// <summary>Called after every epoch.</summary>
    void OnEpoch(EpochRecord record);

    /// <summary>Called for each scheduled parameter snapshot (checkpoint <paramref name="epoch"/>); the parameters must not be kept.</summary>
    void OnSnapshot(int epoch, NetworkParameters parameters);

    /// <summary>
    /// Called between epochs with the whole training state, periodically and when the run is interrupted (the run
    /// directory writer saves it as <c>checkpoint.npz</c>); the state is a copy the observer may keep.
    /// </summary>
    void OnCheckpoint(TrainingState state) { }
}
