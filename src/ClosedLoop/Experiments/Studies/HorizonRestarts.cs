using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Configuration A of the episode-length study (= Fig. 4e, docs/science/figures-and-studies.md §5, §9): the full rank-1 model restarted
/// from snapshot e_s = max(10, e1 + 2) of each seed's base run with episode length T, 150 epochs, same seed (one
/// initial-condition stream); the upper member of the dominant pair is followed epoch by epoch.
/// </summary>
public static class HorizonRestarts
{
    /// <summary>Restart epoch at which the Fig. 4 claim 9 compares the imaginary parts.</summary>
    public const int ClaimEpoch = 15;

    /// <summary>One restart: its T, dominant-pair path (upper member per restart epoch) and strict stabilisation epoch.</summary>
    public sealed record Restart(int Steps, RunRecord Run, IReadOnlyList<int> Epochs, IReadOnlyList<Complex> Path, int? Stabilization)
    {
        /// <summary>Im λ at restart epoch <paramref name="epoch"/> minus Im λ at the start (NaN when not recorded).</summary>
        public double ImaginaryShift(int epoch)
        {
            int i = Epochs.ToList().IndexOf(epoch), i0 = Epochs.ToList().IndexOf(0);
            return i < 0 || i0 < 0 ? double.NaN : Path[i].Imaginary - Path[i0].Imaginary;
        }
    }

    /// <summary>The restarts of one seed in the order of the T list, with the snapshot they start from.</summary>
    public sealed record SeedRestarts(long Seed, int Epoch, RunRecord Base, IReadOnlyList<Restart> Runs);

    /// <summary>Trains (or reuses) every restart in one batch and extracts the paths.</summary>
    public static IReadOnlyList<SeedRestarts> Run(ExperimentContext ctx, IReadOnlyList<long> seeds, IReadOnlyList<int> steps,
        IReadOnlyList<(RunSettings Settings, RunRecord Run)> bases)
    {
        var lengths = Fig4.Lengths(ctx);
        if (!steps.SequenceEqual(lengths)) throw new ArgumentException($"steps must be Fig. 4e's ({string.Join(", ", lengths)}): the restarts are shared with it");
        var rankOne = bases.Select(b => new RankOneRun(b.Run)).ToList();
        var epochs = rankOne.Select(r => r.Stages.StartSnapshot).ToList();
        var settings = rankOne.SelectMany(r => Fig4.Restarts(ctx, r)).ToList();
        var runs = ctx.Runs.GetAll(settings);
        return seeds.Select((s, i) => new SeedRestarts(s, epochs[i], bases[i].Run,
            steps.Select((t, j) => Of(t, runs[i * steps.Count + j])).ToList())).ToList();
    }

    /// <summary>The dominant-pair path of a run (upper member of the largest complex pair at every recorded spectrum).</summary>
    public static (IReadOnlyList<int> Epochs, IReadOnlyList<Complex> Path) PathOf(RunRecord run)
    {
        if (run.Array("eig_p") is not { } eig) return ([], []);
        return (eig.Epochs.Select(e => (int)e).ToList(), eig.Rows.Select(StudyMeasures.UpperPairMember).ToList());
    }

    private static Restart Of(int steps, RunRecord run)
    {
        var (epochs, path) = PathOf(run);
        return new Restart(steps, run, epochs, path, RunStages.Of(run).Stabilization);
    }
}
