using System.Globalization;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>The horizon trade-off of one closed-loop run of the β grid (a failed run has no result).</summary>
public sealed record TradeOffRun(double Beta, long Seed, bool Failed, HorizonTradeOffResult? Result, string Directory) : ISeeded
{
    /// <summary>
    /// The metric of docs/science/analysis-maths.md §10 on the evaluation points of a run (every 5 epochs and the last): D_short, D_long and
    /// ρ(P) at the epochs where all three are recorded. A run with a non-finite D is a failure.
    /// </summary>
    public static TradeOffRun Of(RunRecord run, int shortHorizon, int longHorizon)
    {
        var ds = run.Column($"test_loss_h{shortHorizon}");
        var dl = run.Column($"test_loss_h{longHorizon}");
        var rho = run.Column("spectral_radius");
        var points = Enumerable.Range(0, run.Epochs).Where(e => ds[e] is not null && dl[e] is not null && rho[e] is not null).ToList();
        bool failed = points.Any(e => !double.IsFinite(ds[e]!.Value) || !double.IsFinite(dl[e]!.Value));
        var result = failed ? null : HorizonTradeOff.Compute(points.Select(e => ds[e]!.Value).ToList(), points.Select(e => dl[e]!.Value).ToList(),
            points.Select(e => rho[e]!.Value).ToList());
        return new TradeOffRun(run.Settings.Objective.Beta, run.Settings.Seed, failed, result, System.IO.Path.GetFileName(run.Directory));
    }
}

/// <summary>
/// The control-penalty × seeds trade-off of the independent reproduction (docs/science/figures-and-studies.md §12.4): closed-loop runs of
/// the §12.1 baseline for β ∈ {0, 0.001, 0.005, 0.02, 0.05, 0.1}, D₁₀, D₅₀, D₂₀₀ and ρ(P) every 5 epochs and at the
/// last, and the horizon trade-off metric (δ_s = δ_ℓ = 0.005): per run the counts, conditional fractions and support of
/// the six components and the two correlations; aggregate support counts per component (overall and per β) and mean
/// conditional fractions with bootstrap intervals. Writes <c>tradeoff_runs.csv</c>, <c>tradeoff_summary.csv</c> and
/// the figure of conditional fractions grouped by β.
/// </summary>
public sealed class ControlPenaltyTradeOff : Experiment<ControlPenaltyTradeOff.Key, TradeOffData>
{
    /// <summary>The key of a closed-loop run of the grid: its control penalty and seed.</summary>
    public readonly record struct Key(double Beta, long Seed);

    public override string Name => "tradeoff";

    public override string Description => "reproduction protocol: control penalty x seeds, horizon trade-off metric (D10 vs D200 and rho(P))";

    /// <summary>The β grid of §12.4.</summary>
    public static readonly IReadOnlyList<double> Betas = [0, 0.001, 0.005, 0.02, 0.05, 0.1];

    /// <summary>Seeds per β of the full protocol.</summary>
    public const int FullSeeds = 20;

    /// <summary>Evaluation horizons: D₁₀ (short), D₅₀ (the training horizon), D₂₀₀ (long).</summary>
    public static readonly IReadOnlyList<int> Horizons = [10, 50, 200];

    /// <summary>Evaluate every this many epochs (and at the last).</summary>
    public const int Every = 5;

    private const string QuickEpochNote = "400 of 1001 epochs: the short/long-horizon conflict is a Stage-1/2 effect (the baseline crosses near epoch 105)";

    /// <summary>The closed-loop settings of one (β, seed).</summary>
    public static RunSettings Closed(ExperimentContext ctx, double beta, long seed) =>
        ProtocolBaseline.Closed(ctx.Size, seed, ctx.BySize(30, 400, 1001), SpectrumKinds.Joint, s => s with
        {
            Objective = s.Objective with { Beta = beta },
            Evaluation = s.Evaluation with { Horizons = Horizons, Every = Every, SpectrumEvery = Every },
        });

    private static IReadOnlyList<long> Seeds(ExperimentContext ctx) => ctx.Seeds(quick: 2, full: FullSeeds, smoke: 1);

    public override RunGrid<Key> Plan(ExperimentContext ctx) =>
        new RunGrid<Key>().AddEach(Betas.SelectMany(b => Seeds(ctx).Select(s => new Key(b, s))), k => Closed(ctx, k.Beta, k.Seed));

    public override TradeOffData Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var list = runs.Keys.Select(k => runs[k]).Select(r => TradeOffRun.Of(r, r.Settings.Evaluation.Horizons.Min(), r.Settings.Evaluation.Horizons.Max())).ToList();
        return new TradeOffData(list, Criteria(ctx, list, Seeds(ctx).Count));
    }

    public override void Judge(ExperimentContext ctx, TradeOffData data, ClaimSet claims)
    {
        claims.RestingOn("tradeoff_fractions", "tradeoff_runs.csv", "tradeoff_summary.csv");
        data.Criteria.Judge(claims);
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, TradeOffData data)
    {
        ctx.WriteTable("tradeoff_runs.csv", RunHeader(), data.Runs.Select(RunRow));
        ctx.WriteTable("tradeoff_summary.csv", ["beta", "component", "supported", "evaluated", "failed", "mean_fraction", "ci_low", "ci_high"], SummaryRows(data.Runs));
        return [TradeOffFigure.Draw(ctx, data.Runs)];
    }

    private static IReadOnlyList<string> RunHeader()
    {
        var h = new List<string> { "beta", "seed", "failed", "run", "steps", "skipped_steps", "short_improvements" };
        foreach (var c in Enum.GetValues<TradeOffComponent>())
        {
            string k = ComponentName(c);
            h.AddRange([$"{k}_count", $"{k}_fraction", $"{k}_supported"]);
        }
        h.AddRange(["corr_short_long", "corr_short_radius"]);
        return h;
    }

    private static IReadOnlyList<object?> RunRow(TradeOffRun r)
    {
        var row = new List<object?> { r.Beta, r.Seed, r.Failed, r.Directory, r.Result?.Steps, r.Result?.SkippedSteps, r.Result?.ShortImprovements };
        foreach (var c in Enum.GetValues<TradeOffComponent>())
            row.AddRange(r.Result is { } x ? [x[c].Count, x[c].Fraction, x[c].Supported] : [null, null, null]);
        row.AddRange([r.Result?.LongCorrelation, r.Result?.RadiusCorrelation]);
        return row;
    }

    /// <summary>Support counts and mean conditional fractions per component, over all runs ("all") and per β.</summary>
    public static IEnumerable<IReadOnlyList<object?>> SummaryRows(IReadOnlyList<TradeOffRun> runs)
    {
        var groups = new List<(string Key, IReadOnlyList<TradeOffRun> Runs)> { ("all", runs) };
        groups.AddRange(runs.GroupBy(r => r.Beta).OrderBy(g => g.Key).Select(g => (g.Key.ToString("R", CultureInfo.InvariantCulture), (IReadOnlyList<TradeOffRun>)g.ToList())));
        foreach (var (key, set) in groups)
            foreach (var c in Enum.GetValues<TradeOffComponent>())
            {
                var sup = Descriptive.Support(set.Select(r => r.Result is { } x ? x[c].Supported : (bool?)null));
                var fractions = set.Where(r => r.Result is not null).Select(r => r.Result![c].Fraction).ToList();
                BootstrapInterval? ci = fractions.Count >= 2 ? Bootstrap.MeanInterval(fractions, ProtocolStatistics.SummaryResamples) : null;
                yield return [key, ComponentName(c), sup.Supported, sup.Evaluated, sup.Failures, fractions.Count == 0 ? double.NaN : fractions.Average(), ci?.Lower, ci?.Upper];
            }
    }

    private static ProtocolClaims Criteria(ExperimentContext ctx, IReadOnlyList<TradeOffRun> runs, int seedsPerBeta)
    {
        string? sizeNote = ProtocolBaseline.SizeNote(ctx, seedsPerBeta, FullSeeds, ctx.Size == ExperimentSize.Quick ? QuickEpochNote + $"; {seedsPerBeta} seeds per β" : null);
        var c = new ProtocolClaims(sizeNote);
        var seeds = runs.Select(r => r.Seed).ToList();
        int id = 1;
        var metric = new HorizonTradeOffSettings();
        foreach (var comp in Enum.GetValues<TradeOffComponent>())
        {
            string perBeta = string.Join(", ", runs.GroupBy(r => r.Beta).Select(g =>
                string.Create(CultureInfo.InvariantCulture, $"β={g.Key}: {g.Count(r => r.Result?[comp].Supported == true)}/{g.Count()}")));
            c.Add(new SeedCriterion((id++).ToString(CultureInfo.InvariantCulture),
                $"Horizon trade-off, component {ComponentName(comp)} ({Formula(comp)}): supported (count ≥ 3 and count/#I_s ≥ 0.1) over all runs of the β grid",
                "conditional fraction count/#I_s", seeds, runs.Select(r => r.Result?[comp].Fraction ?? double.NaN).ToList(),
                runs.Select(r => r.Result is { } x ? x[comp].Supported : (bool?)null).ToList(),
                $"count >= {metric.MinimumCount} and count/#I_s >= {Number.Text(metric.MinimumFraction)}", Note: "per β: " + perBeta));
        }
        c.Add(new SeedCriterion((id++).ToString(CultureInfo.InvariantCulture), "Correlation of −Δ ln D10 with Δ ln D200 is positive (short-horizon gains go with long-horizon losses)",
            "Pearson correlation", seeds, runs.Select(r => r.Result?.LongCorrelation ?? double.NaN).ToList(),
            runs.Select(r => r.Result is { } x ? x.LongCorrelation > 0 : (bool?)null).ToList(), "correlation > 0"));
        c.Add(new SeedCriterion((id++).ToString(CultureInfo.InvariantCulture), "Correlation of −Δ ln D10 with Δρ(P) is positive (short-horizon gains go with a growing spectral radius)",
            "Pearson correlation", seeds, runs.Select(r => r.Result?.RadiusCorrelation ?? double.NaN).ToList(),
            runs.Select(r => r.Result is { } x ? x.RadiusCorrelation > 0 : (bool?)null).ToList(), "correlation > 0"));
        return c;
    }

    /// <summary>snake_case name of a component.</summary>
    public static string ComponentName(TradeOffComponent c) => c switch
    {
        TradeOffComponent.LossOnly => "loss_only",
        TradeOffComponent.RadiusOnly => "radius_only",
        _ => c.ToString().ToLowerInvariant(),
    };

    private static string Formula(TradeOffComponent c) => c switch
    {
        TradeOffComponent.Union => "I_s ∧ (I_l ∨ I_ρ)",
        TradeOffComponent.Loss => "I_s ∧ I_l",
        TradeOffComponent.Radius => "I_s ∧ I_ρ",
        TradeOffComponent.Both => "I_s ∧ I_l ∧ I_ρ",
        TradeOffComponent.LossOnly => "I_s ∧ I_l ∧ ¬I_ρ",
        _ => "I_s ∧ I_ρ ∧ ¬I_l",
    };
}

/// <summary>The trade-off protocol's measures: one trade-off per run (β-major) and the criteria.</summary>
public sealed record TradeOffData(IReadOnlyList<TradeOffRun> Runs, ProtocolClaims Criteria);
