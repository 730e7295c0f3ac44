using System.Numerics;
using ClosedLoop.Runs;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Configuration A of the episode-length study (= Fig. 4e, docs/science/figures-and-studies.md §5, §9) on one seed: the full rank-1 model
/// restarted from snapshot e_s = max(10, e1 + 2) of the base run with each episode length T
/// (<see cref="RankOneRestarts.EpisodeLength"/>, the Fig. 4e runs); the upper member of the dominant pair is followed
/// epoch by epoch.
/// </summary>
/// <param name="Seed">Root seed.</param>
/// <param name="Epoch">The snapshot e_s the restarts start from.</param>
/// <param name="BaseEpochs">Epochs of the base run's recorded spectra.</param>
/// <param name="BasePath">The base run's upper dominant eigenvalue at those epochs.</param>
/// <param name="BaseStabilization">The base run's strict stabilisation epoch.</param>
/// <param name="Restarts">The restarts, in the order of the episode lengths.</param>
/// <param name="Rows">The restarts' summary rows (configuration A).</param>
public sealed record HorizonRestartSeed(long Seed, int Epoch, IReadOnlyList<int> BaseEpochs, IReadOnlyList<Complex> BasePath, int? BaseStabilization,
    IReadOnlyList<RestartTrace> Restarts, IReadOnlyList<StudyRow> Rows) : ISeeded
{
    /// <summary>Restart epoch at which the Fig. 4 claim 9 compares the imaginary parts.</summary>
    public const int ClaimEpoch = 15;

    /// <summary>Measures one seed's restarts (in the order of the episode lengths).</summary>
    public static HorizonRestartSeed Of(RankOneRun baseRun, IReadOnlyList<RunRecord> restarts)
    {
        var (epochs, path) = RestartTrace.UpperPairPath(baseRun.Record);
        int epoch = baseRun.Stages.StartSnapshot;
        return new HorizonRestartSeed(baseRun.Seed, epoch, epochs, path, RunStages.Of(baseRun.Record).Stabilization,
            restarts.Select(RestartTrace.Of).ToList(), restarts.Select(r => StudyRow.Measure(r, "A", r.Settings.Episode.Steps, epoch)).ToList());
    }
}
