using System.Globalization;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The generalisation variants of the independent reproduction (docs/science/figures-and-studies.md §12.5; docs/generalisation.md): tanh,
/// GRU, low-rank, tracking, simple ring, hard ring with a GRU and with tanh, each a change of the §12.1 baseline,
/// trained over seeds as closed/open pairs. Per variant: the open learner's post-initial peak, the final relative gap,
/// the stabilisation of the closed learner's joint Jacobian and the spectral three stages where k₁ exists, with final
/// losses and failures. Writes <c>generalisation_summary.csv</c>, <c>generalisation_seeds.csv</c>, the claims and a
/// grouped bar figure.
/// </summary>
public sealed class GeneralisationProtocol : Experiment<GeneralisationProtocol.Key, GeneralisationData>
{
    /// <summary>The key of a closed/open pair of the protocol: its variant (<see cref="GeneralisationVariant.Name"/>) and seed.</summary>
    public readonly record struct Key(string Variant, long Seed);

    public override string Name => "generalisation";

    public override string Description => "reproduction protocol: the paper's effects on other agents and tasks (GRU, low-rank, tracking, ring task) over seeds";

    public override RunGrid<Key> Plan(ExperimentContext ctx) => new RunGrid<Key>().AddPairs(
        GeneralisationVariants.All.SelectMany(v => GeneralisationVariants.Seeds(ctx, v).Select(s => new Key(v.Name, s))),
        k => GeneralisationVariants.Closed(ctx, GeneralisationVariants.Get(k.Variant), k.Seed));

    public override GeneralisationData Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var rows = GeneralisationVariants.All.Select(v => new GeneralisationRow(v,
            GeneralisationVariants.Seeds(ctx, v).Select(s => ProtocolPair.Of(runs.Pair(new Key(v.Name, s)))).ToList())).ToList();
        return new GeneralisationData(rows, Criteria(ctx, rows));
    }

    public override void Judge(ExperimentContext ctx, GeneralisationData data, ClaimSet claims)
    {
        claims.RestingOn("generalisation_support", "generalisation_summary.csv", "generalisation_seeds.csv");
        data.Criteria.Judge(claims);
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, GeneralisationData data)
    {
        WriteTables(ctx, data.Rows);
        ctx.WriteTable("generalisation_claims.csv", ProtocolClaims.Header, data.Criteria.Rows(Name));
        return [GeneralisationFigure.Draw(ctx, data.Rows)];
    }

    private static void WriteTables(ExperimentContext ctx, IReadOnlyList<GeneralisationRow> rows)
    {
        var criteria = GeneralisationRow.Criteria;
        var header = new List<string> { "variant", "preset", "change", "seeds", "failures" };
        foreach (var c in criteria) header.AddRange([$"{c.Key}_supported", $"{c.Key}_evaluated"]);
        header.AddRange(["median_final_d_closed", "median_final_d_open", "median_gap", "median_relative_gap", "median_stabilisation_epoch"]);
        ctx.WriteTable("generalisation_summary.csv", header, rows.Select(r => (IReadOnlyList<object?>)[r.Variant.Name, r.Variant.Preset, r.Variant.Change, r.Seeds.Count, r.Failures,
            .. Enumerable.Range(0, criteria.Count).SelectMany(k => r.Support(k) is { } s ? new object?[] { s.Supported, s.Evaluated } : [null, null]),
            r.Median(m => m.FinalClosed), r.Median(m => m.FinalOpen), r.Median(m => m.Comparison.FinalGap), r.Median(m => m.Comparison.RelativeGap),
            r.Median(m => PairQuantities.Epoch(m.Spectral.StrictStabilization))]));
        ctx.WriteTable("generalisation_seeds.csv",
            ["variant", "seed", "failed", "closed_run", "open_run", "final_d_closed", "final_d_open", .. criteria.SelectMany(c => new[] { c.Key, c.Key + "_value" })],
            rows.SelectMany(r => r.Seeds.Select((m, i) => (IReadOnlyList<object?>)[r.Variant.Name, m.Seed, m.Failed,
                r.Pairs[i].ClosedRun, r.Pairs[i].OpenRun, m.FinalClosed, m.FinalOpen,
                .. Enumerable.Range(0, criteria.Count).SelectMany(k => r.Measurable(k) && !m.Failed
                    ? new object?[] { criteria[k].Holds(m), criteria[k].Value(m) } : [null, null])])));
    }

    private static ProtocolClaims Criteria(ExperimentContext ctx, IReadOnlyList<GeneralisationRow> rows)
    {
        string? sizeNote = ctx.Size == ExperimentSize.Full ? null
            : $"{ctx.Size.ToString().ToLowerInvariant()} size: a pipeline check of a protocol meant for 10 or 20 seeds per variant (run with {string.Join(", ", rows.Select(r => $"{r.Variant.Name} {r.Seeds.Count}"))}); support counts are not evidence at this size";
        var claims = new ProtocolClaims(sizeNote);
        for (int v = 0; v < rows.Count; v++)
        {
            var r = rows[v];
            var ids = r.Seeds.Select(m => m.Seed).ToList();
            for (int k = 0; k < GeneralisationRow.Criteria.Count; k++)
            {
                var c = GeneralisationRow.Criteria[k];
                string id = string.Create(CultureInfo.InvariantCulture, $"{v + 1}.{k + 1}");
                string statement = $"{r.Variant.Name} ({r.Variant.Change}): {Statement(k)}";
                if (!r.Measurable(k))
                {
                    claims.Add(new SeedCriterion(id, statement, c.Quantity, [], [], [], Statement(k),
                        Note: "the spectral detector needs the position gain k1 of a two-state, one-control plant; this variant's plant has none", Absent: "not measurable"));
                    continue;
                }
                claims.Add(new SeedCriterion(id, statement, c.Quantity, ids, r.Seeds.Select(m => m.Failed ? double.NaN : c.Value(m)).ToList(), r.Verdicts(k),
                    Statement(k), Note: FinalLosses(r)));
            }
        }
        return claims;
    }

    private static string Statement(int k) => k switch
    {
        0 => "the open-loop learner's deployed loss has a post-initial peak (argmax > 0 and max > 1.5 D(0))",
        1 => "the two learners end apart (final relative gap > 5 %)",
        2 => "the closed learner's joint Jacobian stabilises (ρ(J) < 1 at every later epoch)",
        _ => "closed-loop learning passes through three spectral stages (e1, the persistent crossing e2, growth of |λ3| > 0.01)",
    };

    private static string FinalLosses(GeneralisationRow r) =>
        $"final D closed {List(r, m => m.FinalClosed)}, open {List(r, m => m.FinalOpen)}";

    private static string List(GeneralisationRow r, Func<PairMeasures, double> f) =>
        "[" + string.Join(", ", r.Seeds.Select(m => f(m).ToString("G3", CultureInfo.InvariantCulture))) + "]";
}

/// <summary>The generalisation protocol's measures: one row per variant and the criteria.</summary>
public sealed record GeneralisationData(IReadOnlyList<GeneralisationRow> Rows, ProtocolClaims Criteria);
