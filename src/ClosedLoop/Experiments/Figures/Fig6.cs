using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 6 (docs/science/figures-and-studies.md §7): the motor tracking task. A linear continuous-time network (N = 100, γ = 0.1) learns
/// in closed loop to make a 2-D point mass track sums of sinusoids; it acquires one frequency at a time from low to
/// high (staircase loss, probe losses L_i, a new oscillatory mode of W at each ω_i), while an open-loop student that
/// imitates the final network first degrades its deployed loss.
/// </summary>
public sealed class Fig6 : IExperiment
{
    public string Name => "fig6";

    public string Description => "tracking task: frequency-by-frequency acquisition (staircase, probes, eig(W) modes) and the open-loop student's deployed loss";

    /// <summary>
    /// Epochs at quick size: the first three frequencies (in some seeds all four) are acquired by then (docs/science/figures-and-studies.md §0.4); the
    /// paper's 10 000 at full size.
    /// </summary>
    public const int QuickEpochs = 3000;

    /// <summary>Epochs of the paper's runs (full size).</summary>
    public const int FullEpochs = 10000;

    /// <summary>The seed whose run is drawn.</summary>
    public const long FigureSeed = 0;

    /// <summary>
    /// Extra snapshot spacing of every seed's runs: acquisition epochs are only known after training, so panel (c) and
    /// the joint-matrix modes at e_i (docs/findings/tracking-modes.md) use the first snapshot at or after e_i, at most
    /// this many epochs later (minus one probe interval).
    /// </summary>
    public const int SnapshotSpacing = 50;

    /// <summary>The closed-loop settings of one seed (tracking-published); the open twin is the same with mode open.</summary>
    public static RunSettings Closed(ExperimentContext ctx, long seed)
    {
        int epochs = ctx.BySize(30, QuickEpochs, FullEpochs);
        var s = Presets.Get("tracking") with { Seed = seed, Epochs = epochs };
        s = s with { SnapshotEpochs = Enumerable.Range(1, epochs / SnapshotSpacing).Select(k => k * SnapshotSpacing).Where(e => e < epochs).ToList() };
        return Sizing.Apply(s, ctx.Size);
    }

    /// <summary>The closed-loop runs and their open-loop students (teacher-driven plant), trained or reused.</summary>
    public static IReadOnlyList<SeedPair> Pairs(ExperimentContext ctx, IReadOnlyList<long> seeds)
    {
        var settings = seeds.SelectMany(s => new[] { Closed(ctx, s), Closed(ctx, s) with { Mode = LoopMode.Open, Preset = "tracking-open" } }).ToList();
        var runs = ctx.Runs.GetAll(settings);
        return seeds.Select((s, i) => new SeedPair(s, runs[2 * i], runs[2 * i + 1])).ToList();
    }

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var pairs = Pairs(ctx, seeds);
        var analyses = pairs.Select(p => TrackingRunAnalysis.Of(p.Closed)).ToList();
        var modes = pairs.Select((p, k) => Fig6Modes.Measure(p, analyses[k])).ToList();
        WriteData(ctx, pairs, analyses);
        Fig6ModePanels.WriteTable(ctx, modes);
        var figures = Fig6Panels.Draw(ctx, pairs[0], analyses[0], pairs, analyses).Concat(Fig6ModePanels.Draw(ctx, pairs[0], analyses[0], modes)).ToList();
        var claims = Fig6Claims.Judge(ctx, pairs, analyses, modes);
        return new ExperimentOutput(claims, figures);
    }

    /// <summary>Experiment-level data: acquisition epochs of every seed, and the figure seed's probe losses.</summary>
    private static void WriteData(ExperimentContext ctx, IReadOnlyList<SeedPair> pairs, IReadOnlyList<TrackingRunAnalysis> analyses)
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (int k = 0; k < pairs.Count; k++)
            for (int i = 0; i < analyses[k].Count; i++)
            {
                int? e = analyses[k].Acquisitions[i];
                rows.Add([pairs[k].Seed, i + 1, Fig6Panels.Omega(pairs[k].Closed.Settings, i), e, e is { } v ? v / (double)analyses[k].Epochs : null, analyses[k].Epochs]);
            }
        ctx.WriteTable("acquisitions.csv", ["seed", "i", "omega", "acquisition_epoch", "normalized_time", "epochs"], rows);
        var a = analyses[0];
        var data = new double[a.ProbeEpochs.Count * a.Count];
        for (int r = 0; r < a.ProbeEpochs.Count; r++)
            for (int i = 0; i < a.Count; i++) data[r * a.Count + i] = a.ProbeLosses[i][r];
        string arrays = Path.Combine(ctx.Directory, "arrays");
        Npy.Write(Path.Combine(arrays, "probe_losses.npy"), NpyArray.Float64(data, [a.ProbeEpochs.Count, a.Count]));
        Npy.Write(Path.Combine(arrays, "probe_epochs.npy"), NpyArray.Int64(a.ProbeEpochs.Select(e => (long)e).ToArray(), [a.ProbeEpochs.Count]));
    }
}
