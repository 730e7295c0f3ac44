using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// <c>closedloop reproduce precision</c> (docs/findings/precision.md): the same seeds trained in double and in single
/// precision — the rank-1 model in closed and open loop (T = 50, and closed at the horizon study's T = 200), the tanh
/// network in closed and open loop, and the tracking task — with, per quantity (stage epochs, stabilisation epoch,
/// open-loop peak epoch and ratio, final loss, acquisition epochs), the per-seed differences and a verdict. The double
/// runs are those of Figs 3–6 and the studies; inside <c>reproduce all</c> only the single twins are trained.
/// </summary>
public sealed class PrecisionStudy : IExperiment
{
    public string Name => "precision";

    public string Description => "single against double precision: the same seeds of the rank-1, tanh and tracking runs, quantity by quantity, and where float32 overflows";

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var cases = PrecisionCase.All(ctx);
        var settings = cases.SelectMany(c => c.Seeds.SelectMany(s => new[] { c.Settings(s), PrecisionCase.Single(c.Settings(s)) })).ToList();
        var runs = ctx.Runs.GetAll(settings);
        var pairs = new List<(PrecisionCase, IReadOnlyList<PrecisionPair>)>();
        int at = 0;
        foreach (var c in cases)
        {
            var list = new List<PrecisionPair>();
            foreach (var seed in c.Seeds)
            {
                list.Add(new PrecisionPair(seed, runs[at], runs[at + 1]));
                at += 2;
            }
            pairs.Add((c, list));
        }
        WriteTable(ctx, pairs);
        var claims = PrecisionVerdicts.Judge(pairs);
        return new ExperimentOutput(claims, PrecisionPanels.Draw(ctx, pairs));
    }

    /// <summary>
    /// <c>precision_seeds.csv</c>: every quantity of every seed in both precisions (empty: undefined, or the run diverged) and
    /// the difference compared (<see cref="PrecisionRow.Difference"/>: inf where only one is defined or a run diverged).
    /// </summary>
    private static void WriteTable(ExperimentContext ctx, IReadOnlyList<(PrecisionCase Case, IReadOnlyList<PrecisionPair> Pairs)> cases) =>
        ctx.WriteTable("precision_seeds.csv",
            ["case", "seed", "quantity", "scale", "double", "single", "difference", "double_diverged", "single_diverged"],
            cases.SelectMany(c => PrecisionVerdicts.Rows(c.Case, c.Pairs)).Select(r => (IReadOnlyList<object?>)
            [
                r.Case, r.Seed, r.Quantity.Name, r.Quantity.Scale, Finite(r.Double), Finite(r.Single), r.Difference,
                r.Pair.Double.Summary.Diverged, r.Pair.Single.Summary.Diverged,
            ]));

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
