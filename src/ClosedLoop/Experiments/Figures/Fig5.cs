using System.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 5 (docs/science/figures-and-studies.md §6): after stabilisation learning is fast again, driven by a growing real eigenvalue, and
/// gradient descent on the four order parameters of P_eff started after stabilisation predicts the rest of training
/// for several control penalties β. Panels: (a) D with Stage 3 shaded, (b) the final snapshot from (1, −1), (c) the
/// spectrum of P through Stage 3, (d) full-model restarts from e_stab + 1 against the reduced model for
/// β ∈ {0, 0.5, 2, 5}; plus the standalone check from e_stab with β = 0 (<see cref="Fig5Check"/>). Runs: the rank-1
/// base run of every seed and its β restarts (<see cref="RankOneRestarts"/>).
/// </summary>
public sealed class Fig5 : Experiment<Fig5.Key, Fig5Data>
{
    /// <summary>The key of a run of Fig. 5: the base run of a seed (<see cref="Beta"/> null) or its restart from e_stab + 1 with control penalty β.</summary>
    public readonly record struct Key(long Seed, double? Beta);

    public override string Name => "fig5";

    public override string Description => "rank-1 model, Stage 3: fast refinement by a growing real eigenvalue, predicted by the reduced model";

    /// <summary>Control penalties of panel (d).</summary>
    public static IReadOnlyList<double> Betas => RankOneRestarts.Betas;

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var all = ctx.Seeds(quick: 5, full: 5).Append(RankOneBase.FigureSeed(ctx.Size)).Distinct().ToList();
        var grid = new RunGrid<Key>().AddEach(all.Select(s => new Key(s, null)), k => RankOneBase.Settings(ctx, k.Seed));
        foreach (var s in all)
            foreach (double b in Betas)
                grid.AddAfter(new Key(s, b), runs => RankOneRestarts.ControlPenalty(ctx, new RankOneRun(runs[new Key(s, null)]), b));
        return grid;
    }

    public override Fig5Data Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        long figureSeed = RankOneBase.FigureSeed(ctx.Size);
        var all = seeds.Append(figureSeed).Distinct().Select(s => Fig5Seed.Of(new RankOneRun(runs[new Key(s, null)]), Betas.Select(b => runs[new Key(s, b)]).ToList())).ToList();
        return new Fig5Data(all.Where(d => seeds.Contains(d.Seed)).ToList(), all, all.Single(d => d.Seed == figureSeed));
    }

    public override void Judge(ExperimentContext ctx, Fig5Data data, ClaimSet claims) => Fig5Claims.Judge(claims, data.Seeds);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, Fig5Data data)
    {
        foreach (var d in data.All) Fig5Panels.WriteReducedHistories(ctx, d);
        return Fig5Panels.Draw(ctx, data.Figure);
    }

    /// <summary>The three eigenvalues of a finished rank-1 run's final weights (from its summary).</summary>
    public static Complex[] FinalRoots(RunRecord r) => Spectrum.FromEigenvalues(r.Summary.FinalEigenvalues ?? []).Eigenvalues.Take(3).ToArray();

    /// <summary>The cubic roots of the reduced model's final parameters (after all updates).</summary>
    public static Complex[] FinalReducedRoots(ReducedTrainingResult r) => RankOneModel.CubicRootsOrNaN(r.Final);
}

/// <summary>Fig. 5's measures: the claim seeds' rows, every seed measured (with the figure seed), and the figure seed's row.</summary>
public sealed record Fig5Data(IReadOnlyList<Fig5Seed> Seeds, IReadOnlyList<Fig5Seed> All, Fig5Seed Figure);

/// <summary>The measures of one seed behind Fig. 5.</summary>
/// <param name="Trace">The base run's deployed loss, roots and stages.</param>
/// <param name="FinalPositions">Positions of the last snapshot from (1, −1), 50 steps (panel b, claim 4).</param>
/// <param name="FullLoss">Training loss per restart epoch of the full-model restart of each β.</param>
/// <param name="FullFinal">Final eigenvalues of each full restart.</param>
/// <param name="Reduced">The reduced-model twin of each restart (same snapshot, protocol and batches).</param>
/// <param name="Check">The standalone check from e_stab.</param>
public sealed record Fig5Seed(RankOneTrace Trace, double[] FinalPositions, IReadOnlyList<double[]> FullLoss, IReadOnlyList<Complex[]> FullFinal,
    IReadOnlyList<ReducedTrainingResult> Reduced, Fig5Check Check) : ISeeded
{
    public long Seed => Trace.Seed;

    /// <summary>The restart snapshot e_stab + 1.</summary>
    public int RestartSnapshot => RankOneRestarts.PenaltySnapshot(Trace.Stages);

    /// <summary>Measures a seed from its base run and its β restarts (in the order of <see cref="Fig5.Betas"/>).</summary>
    public static Fig5Seed Of(RankOneRun run, IReadOnlyList<RunRecord> restarts)
    {
        int snapshot = RankOneRestarts.PenaltySnapshot(run.Stages);
        return new Fig5Seed(run.Trace(), run.Positions(run.Stages.LastEpoch, 50), restarts.Select(r => r.Series("loss")).ToList(),
            restarts.Select(Fig5.FinalRoots).ToList(), restarts.Select(r => RankOneRestarts.Reduced(run, snapshot, r.Settings)).ToList(), Fig5Check.Of(run));
    }
}
