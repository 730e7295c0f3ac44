using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 6 (docs/science/figures-and-studies.md §7): the motor tracking task. A linear continuous-time network (N = 100, γ = 0.1) learns
/// in closed loop to make a 2-D point mass track sums of sinusoids; it acquires one frequency at a time from low to
/// high (staircase loss, probe losses L_i, a new oscillatory mode of W at each ω_i), while an open-loop student that
/// imitates the final network first degrades its deployed loss. Runs: a closed/open pair per seed; the figure is seed 0's.
/// </summary>
public sealed class Fig6 : Experiment<long, Fig6Data>
{
    public override string Name => "fig6";

    public override string Description => "tracking task: frequency-by-frequency acquisition (staircase, probes, eig(W) modes) and the open-loop student's deployed loss";

    /// <summary>
    /// Epochs at quick size: the first three frequencies (in some seeds all four) are acquired by then (docs/science/figures-and-studies.md §0.4); the
    /// paper's 10 000 at full size.
    /// </summary>
    public const int QuickEpochs = 3000;

    /// <summary>Epochs of the paper's runs (full size).</summary>
    public const int FullEpochs = 10000;

    /// <summary>
    /// Extra snapshot spacing of every seed's runs: acquisition epochs are only known after training, so panel (c) and
    /// the joint-matrix modes at e_i (docs/findings/tracking-modes.md) use the first snapshot at or after e_i, at most
    /// this many epochs later (minus one probe interval).
    /// </summary>
    public const int SnapshotSpacing = 50;

    /// <summary>The closed-loop settings of one seed (tracking-published); the open twin is the student.</summary>
    public static RunSettings Closed(ExperimentContext ctx, long seed)
    {
        int epochs = ctx.BySize(30, QuickEpochs, FullEpochs);
        var s = Presets.Get("tracking") with { Seed = seed, Epochs = epochs };
        s = s with { SnapshotEpochs = Enumerable.Range(1, epochs / SnapshotSpacing).Select(k => k * SnapshotSpacing).Where(e => e < epochs).ToList() };
        return Sizing.Apply(s, ctx.Size);
    }

    public override RunGrid<long> Plan(ExperimentContext ctx) => new RunGrid<long>().AddPairs(ctx.Seeds(quick: 5, full: 5), s => Closed(ctx, s));

    public override Fig6Data Measure(ExperimentContext ctx, RunSet<long> runs)
    {
        var seeds = runs.Keys.Select(s => Fig6Seed.Of(runs.Pair(s))).ToList();
        return new Fig6Data(seeds, Fig6ZeroOutput.Of(seeds[0].Seed), Fig6Figure.Of(runs.Pair(runs.Keys[0]), seeds[0].Analysis), ctx.Size == ExperimentSize.Full);
    }

    public override void Judge(ExperimentContext ctx, Fig6Data data, ClaimSet claims) => Fig6Claims.Judge(claims, data);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig6Data data)
    {
        WriteData(ctx, data);
        Fig6ModePanels.WriteTable(ctx, data.Seeds.Select(s => s.Modes).ToList());
        return [.. Fig6Panels.Draw(ctx, data.Figure, data.Seeds), .. Fig6ModePanels.Draw(ctx, data.Figure, data.Seeds[0].Modes, data.Seeds.Select(s => s.Modes).ToList())];
    }

    /// <summary>Experiment-level data: acquisition epochs of every seed, and the figure seed's probe losses.</summary>
    private static void WriteData(ExperimentContext ctx, Fig6Data data)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var s in data.Seeds)
            for (int i = 0; i < s.Analysis.Count; i++)
            {
                int? e = s.Analysis.Acquisitions[i];
                rows.Add([s.Seed, i + 1, Fig6Panels.Omega(s.Settings, i), e, e is { } v ? v / (double)s.Analysis.Epochs : null, s.Analysis.Epochs]);
            }
        ctx.WriteTable("acquisitions.csv", ["seed", "i", "omega", "acquisition_epoch", "normalized_time", "epochs"], rows);
        var a = data.Seeds[0].Analysis;
        var probe = new double[a.ProbeEpochs.Count * a.Count];
        for (int r = 0; r < a.ProbeEpochs.Count; r++)
            for (int i = 0; i < a.Count; i++) probe[r * a.Count + i] = a.ProbeLosses[i][r];
        string arrays = Path.Combine(ctx.Directory, "arrays");
        Npy.Write(Path.Combine(arrays, "probe_losses.npy"), NpyArray.Float64(probe, [a.ProbeEpochs.Count, a.Count]));
        Npy.Write(Path.Combine(arrays, "probe_epochs.npy"), NpyArray.Int64(a.ProbeEpochs.Select(e => (long)e).ToArray(), [a.ProbeEpochs.Count]));
    }
}

/// <summary>Fig. 6's measures: one row per seed (the first is the figure's), the zero-output references, what the panels draw.</summary>
/// <param name="Seeds">One row per seed.</param>
/// <param name="ZeroOutput">Claim 1's references.</param>
/// <param name="Figure">What panels (a)–(e) draw.</param>
/// <param name="FullSize">Whether the runs have the paper's 10 000 epochs (claims 2d and 3b are judged only then).</param>
public sealed record Fig6Data(IReadOnlyList<Fig6Seed> Seeds, Fig6ZeroOutput ZeroOutput, Fig6Figure Figure, bool FullSize);

/// <summary>One seed of Fig. 6: the closed learner's settings, its tracking analysis, the claim measures and the acquisition modes.</summary>
public sealed record Fig6Seed(long Seed, RunSettings Settings, TrackingRunAnalysis Analysis, Fig6Measures Measures, SeedModes Modes) : ISeeded
{
    public static Fig6Seed Of(SeedPair pair)
    {
        var a = TrackingRunAnalysis.Of(pair.Closed);
        return new Fig6Seed(pair.Seed, pair.Closed.Settings, a, Fig6Measures.Of(pair, a), Fig6Modes.Measure(pair, a));
    }
}

/// <summary>What the panels (a)–(e) draw from the figure seed: rollouts of its checkpoints and its loss curves.</summary>
/// <param name="Seed">The figure seed.</param>
/// <param name="Settings">Its closed-loop settings.</param>
/// <param name="Analysis">Its tracking analysis.</param>
/// <param name="FinalEpoch">The last epoch of the closed run.</param>
/// <param name="Evaluation">The final network on the evaluation references (panel a).</param>
/// <param name="Probes">Per frequency, the probe rollout at the first snapshot at or after e_i (panel c).</param>
/// <param name="Training">The closed learner's training loss per epoch.</param>
/// <param name="Deployed">The closed learner's deployed loss per epoch.</param>
/// <param name="Student">The open student's deployed loss per epoch.</param>
/// <param name="StudentImitation">The student's imitation loss per epoch.</param>
public sealed record Fig6Figure(long Seed, RunSettings Settings, TrackingRunAnalysis Analysis, int FinalEpoch, TrackingTrajectories Evaluation,
    IReadOnlyList<ProbeCheckpoint> Probes, double[] Training, double[] Deployed, double[] Student, double[] StudentImitation)
{
    public static Fig6Figure Of(SeedPair pair, TrackingRunAnalysis a)
    {
        var run = pair.Closed;
        var probes = new List<ProbeCheckpoint>();
        for (int i = 0; i < a.Count; i++)
        {
            var (epoch, how) = CheckpointFor(run, a.Acquisitions[i]);
            probes.Add(new ProbeCheckpoint(epoch, how, TrackingRollouts.Probes(run.Settings, run.Parameters(epoch == run.Epochs - 1 ? null : epoch))[i]));
        }
        return new Fig6Figure(pair.Seed, run.Settings, a, run.Epochs - 1, TrackingRollouts.Evaluation(run.Settings, run.Parameters()), probes,
            run.Series("loss"), run.Series("test_loss"), pair.Open.Series("test_loss"), pair.Open.Series("imitation_cost"));
    }

    /// <summary>The first snapshot epoch at or after <paramref name="acquisition"/>, or the final epoch (with a note).</summary>
    private static (int Epoch, string How) CheckpointFor(RunRecord run, int? acquisition)
    {
        if (acquisition is { } e)
        {
            for (int k = e; k < run.Epochs; k++)
                if (run.HasSnapshot(k)) return (k, k == e ? "(= e_i)" : $"(e_i = {e})");
        }
        return (run.Epochs - 1, "(not acquired: final)");
    }
}

/// <summary>A probe rollout of panel (c): its checkpoint, how it was chosen, and the trajectories.</summary>
public sealed record ProbeCheckpoint(int Epoch, string How, TrackingTrajectories Rollout);
