using System.Globalization;

namespace ClosedLoop.Training;

/// <summary>
/// When the epoch loop hands its <see cref="TrainingState"/> to the observers as a checkpoint (besides the one taken
/// when it is interrupted): after every <see cref="EveryEpochs"/> epochs, or once <see cref="Every"/> of wall time
/// has passed since the last checkpoint, whichever comes first. When checkpoints are taken never changes a run's
/// results, only how much work a <c>kill -9</c> loses.
/// </summary>
/// <param name="EveryEpochs">Checkpoint after every this many epochs (0: not by epochs).</param>
/// <param name="Every">Checkpoint when this much wall time has passed since the last one (null: not by time).</param>
public sealed record CheckpointSchedule(int EveryEpochs = 0, TimeSpan? Every = null)
{
    /// <summary>
    /// The default of <c>closedloop train</c> and of reproductions: once a minute of training. Short runs (most of a
    /// quick reproduction) never pay for one; a long run loses at most about a minute to a <c>kill -9</c>.
    /// </summary>
    public static CheckpointSchedule Default { get; } = new(Every: TimeSpan.FromMinutes(1));

    /// <summary>No periodic checkpoint: only when interrupted.</summary>
    public static CheckpointSchedule OnlyWhenInterrupted { get; } = new();

    /// <summary>True when a checkpoint is due after <paramref name="epochsDone"/> epochs, <paramref name="sinceLast"/> after the last one.</summary>
    public bool IsDue(int epochsDone, TimeSpan sinceLast) =>
        (EveryEpochs > 0 && epochsDone % EveryEpochs == 0) || (Every is { } t && sinceLast >= t);

    /// <summary>
    /// Parses the <c>--checkpoint-every</c> value: a number of epochs (<c>500</c>), a wall time (<c>30s</c>,
    /// <c>5m</c>, <c>1h</c>) or <c>none</c> (only when interrupted).
    /// </summary>
    public static CheckpointSchedule Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "none") return OnlyWhenInterrupted;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int epochs) && epochs >= 1) return new(EveryEpochs: epochs);
        if (t.Length > 1 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v))
        {
            double seconds = t[^1] switch { 's' => v, 'm' => 60 * v, 'h' => 3600 * v, _ => double.NaN };
            if (double.IsFinite(seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds / 2) return new(Every: TimeSpan.FromSeconds(seconds));
        }
        throw new ArgumentException($"checkpoint-every = '{text}' is not allowed: give a number of epochs >= 1 (500), a time (30s, 5m, 1h) or none");
    }
}
