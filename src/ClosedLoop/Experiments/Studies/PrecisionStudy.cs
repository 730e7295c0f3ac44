using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// <c>closedloop reproduce precision</c> (docs/findings/precision.md): the same seeds trained in double and in single
/// precision — the rank-1 model in closed and open loop (T = 50, and closed at the horizon study's T = 200), the tanh
/// network in closed and open loop, and the tracking task — with, per quantity (stage epochs, stabilisation epoch,
/// open-loop peak epoch and ratio, final loss, acquisition epochs), the per-seed differences and a verdict. The double
/// runs are those of Figs 3–6 and the studies, so after <c>reproduce all</c> only the single twins are trained.
/// </summary>
public sealed class PrecisionStudy : Experiment<PrecisionStudy.Key, IReadOnlyList<PrecisionCaseData>>
{
    /// <summary>The key of a run: its case (<see cref="PrecisionCase.Name"/>), seed and precision.</summary>
    public readonly record struct Key(string Case, long Seed, Precision Precision);

    public override string Name => "precision";

    public override string Description => "single against double precision: the same seeds of the rank-1, tanh and tracking runs, quantity by quantity, and where float32 overflows";

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var grid = new RunGrid<Key>();
        foreach (var c in PrecisionCase.All(ctx))
            foreach (var seed in c.Seeds)
                grid.Add(new Key(c.Name, seed, Precision.Double), c.Settings(seed))
                    .Add(new Key(c.Name, seed, Precision.Single), PrecisionCase.Single(c.Settings(seed)));
        return grid;
    }

    public override IReadOnlyList<PrecisionCaseData> Measure(ExperimentContext ctx, RunSet<Key> runs) =>
        PrecisionCase.All(ctx).Select(c => new PrecisionCaseData(c,
            c.Seeds.Select(s => PrecisionSeed.Of(c, s, runs[new Key(c.Name, s, Precision.Double)], runs[new Key(c.Name, s, Precision.Single)])).ToList(),
            PrecisionMeasures.EpochTolerance(c.Settings(c.Seeds[0]).Epochs))).ToList();

    public override void Judge(ExperimentContext ctx, IReadOnlyList<PrecisionCaseData> cases, ClaimSet claims) => PrecisionClaims.Judge(claims, cases);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, IReadOnlyList<PrecisionCaseData> cases)
    {
        WriteTable(ctx, cases);
        return PrecisionPanels.Draw(ctx, cases);
    }

    /// <summary>
    /// <c>precision_seeds.csv</c>: every quantity of every seed in both precisions (empty: undefined, or the run diverged) and
    /// the difference compared (<see cref="PrecisionSeed.Difference"/>: inf where only one is defined or a run diverged).
    /// </summary>
    private static void WriteTable(ExperimentContext ctx, IReadOnlyList<PrecisionCaseData> cases) =>
        ctx.WriteTable("precision_seeds.csv",
            ["case", "seed", "quantity", "scale", "double", "single", "difference", "double_diverged", "single_diverged"],
            from d in cases
            from r in d.Seeds
            from i in Enumerable.Range(0, d.Case.Quantities.Count)
            let q = d.Case.Quantities[i]
            select (IReadOnlyList<object?>)
            [
                d.Case.Name, r.Seed, q.Name, q.Scale, Finite(r.Double[i]), Finite(r.Single[i]), r.Difference(i, q.Scale),
                r.DoubleRun.Diverged, r.SingleRun.Diverged,
            ]);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
