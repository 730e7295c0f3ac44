using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 4 (docs/science/figures-and-studies.md §5): during the Stage-2 plateau the joint system stays just unstable while the network builds
/// a velocity estimate; the dominant pair zig-zags as a short-horizon term and a long-horizon stability term pull in
/// opposite directions, and their balance (α in the reduced model, the episode length T in the full model) decides
/// whether the pair enters the unit disk. Panels: (a) D with Stage 2 shaded, (b) the decaying oscillation of snapshot
/// e_stab + 11, (c) the drift of the dominant pair, (d) reduced-model paths from e_s, (e) full-model restarts from e_s
/// with T ∈ {10, 25, 50, 100, 200}. Runs: the rank-1 base run of every seed and its T restarts (<see cref="RankOneRestarts"/>).
/// </summary>
public sealed class Fig4 : Experiment<Fig4.Key, Fig4Data>
{
    /// <summary>The key of a run of Fig. 4: the base run of a seed (<see cref="Steps"/> null) or its restart from e_s with episode length T = Steps.</summary>
    public readonly record struct Key(long Seed, int? Steps);

    public override string Name => "fig4";

    public override string Description => "rank-1 model, Stage 2: plateau, world-model building and the zig-zag of the dominant pair";

    /// <summary>The α scan of panel (d): {0, 0.1, …, 1} ∪ {0.48, 0.52, 0.55}, 300 steps each.</summary>
    public static readonly double[] ScanAlphas =
        [.. Enumerable.Range(0, 11).Select(i => i / 10.0).Concat([0.48, 0.52, 0.55]).Order()];

    /// <summary>Steps of the α scan.</summary>
    public const int ScanSteps = 300;

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var all = ctx.Seeds(quick: 5, full: 5).Append(RankOneBase.FigureSeed(ctx.Size)).Distinct().ToList();
        var grid = new RunGrid<Key>().AddEach(all.Select(s => new Key(s, null)), k => RankOneBase.Settings(ctx, k.Seed));
        foreach (var s in all)
            foreach (int t in RankOneRestarts.Lengths(ctx))
                grid.AddAfter(new Key(s, t), runs => RankOneRestarts.EpisodeLength(ctx, new RankOneRun(runs[new Key(s, null)]), t));
        return grid;
    }

    public override Fig4Data Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var lengths = RankOneRestarts.Lengths(ctx);
        Fig4Seed Of(long s)
        {
            var run = new RankOneRun(runs[new Key(s, null)]);
            return Fig4Seed.Of(run, lengths.Select(t => RestartTrace.Of(runs[new Key(s, t)])).ToList());
        }
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        var figure = seeds.Contains(figureSeed) ? null : Of(figureSeed);
        var rows = seeds.Select(Of).ToList();
        return new Fig4Data(rows, figure ?? rows.Single(r => r.Seed == figureSeed), lengths);
    }

    public override void Judge(ExperimentContext ctx, Fig4Data data, ClaimSet claims) => Fig4Claims.Judge(claims, data.Seeds, data.Lengths);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig4Data data) => Fig4Panels.Draw(ctx, data.Figure, data.Lengths);

    /// <summary>The reduced-model figure set (T∞ = 10, α ∈ {0, 0.48, 0.52, 0.55, 1}) from the run's own snapshot e_s.</summary>
    public static IReadOnlyList<ReducedDescentResult> Reduced(RankOneRun run)
    {
        var start = run.Order(run.Stages.StartSnapshot);
        return ReducedDescentSettings.FigureSet().Select(s => StageTwo.Descend(start, s)).ToList();
    }

    /// <summary>The α scan from the run's own snapshot e_s.</summary>
    public static IReadOnlyList<ReducedDescentResult> Scan(RankOneRun run)
    {
        var start = run.Order(run.Stages.StartSnapshot);
        return ScanAlphas.Select(a => StageTwo.Descend(start, new ReducedDescentSettings { Alpha = a, Steps = ScanSteps })).ToList();
    }

    /// <summary>The snapshot of panel (b) and claim 6: e_stab + 11 (published 140), clipped to the record.</summary>
    public static int DecaySnapshot(RankOneStages stages) => Math.Min((stages.EStab ?? stages.LastEpoch) + 11, stages.LastEpoch);
}

/// <summary>Fig. 4's measures: one row per claim seed, the figure seed's row, and the episode lengths.</summary>
public sealed record Fig4Data(IReadOnlyList<Fig4Seed> Seeds, Fig4Seed Figure, IReadOnlyList<int> Lengths);

/// <summary>The measures of one seed behind Fig. 4.</summary>
/// <param name="Trace">The base run's deployed loss, roots and stages.</param>
/// <param name="Stage2">The Stage-2 measures of claims 1–5.</param>
/// <param name="DecayPositions">Positions of snapshot e_stab + 11 from (1, −1), 300 steps (panel b, claim 6).</param>
/// <param name="Restarts">The T restarts from e_s, in the order of the episode lengths.</param>
/// <param name="Scan">The α scan from e_s.</param>
/// <param name="Reduced">The reduced-model figure set from e_s.</param>
/// <param name="BaseSteps">The base run's episode length.</param>
public sealed record Fig4Seed(RankOneTrace Trace, Fig4Stage2 Stage2, double[] DecayPositions, IReadOnlyList<RestartTrace> Restarts,
    IReadOnlyList<ReducedDescentResult> Scan, IReadOnlyList<ReducedDescentResult> Reduced, int BaseSteps) : ISeeded
{
    public long Seed => Trace.Seed;

    /// <summary>Measures a seed from its base run and its restarts.</summary>
    public static Fig4Seed Of(RankOneRun run, IReadOnlyList<RestartTrace> restarts) =>
        new(run.Trace(), Fig4Stage2.Measure(run), run.Positions(Fig4.DecaySnapshot(run.Stages), 300), restarts, Fig4.Scan(run), Fig4.Reduced(run),
            run.Record.Settings.Episode.Steps);

    /// <summary>The upper dominant eigenvalue of each restart at restart epoch <paramref name="epoch"/> (clamped), and at its start.</summary>
    public (double Start, IReadOnlyList<double> Ims) RestartImaginary(int epoch) =>
        (Restarts[0].DomIm[0], Restarts.Select(r => r.DomIm[Math.Clamp(epoch, 0, r.Epochs - 1)]).ToList());

    /// <summary>The start point of the reduced paths: λ_dom at e_s.</summary>
    public Complex ReducedStart => Reduced[0].Records[0].DominantRoot;
}
