using System.Globalization;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Study: Adam versus SGD (docs/science/figures-and-studies.md §10). (i) The rank-1 base run with SGD 0.01 and with Adam 1e-3 and 1e-2
/// (clip 1.0); (ii) the tanh network of Fig. 1c, closed and open loop, with Adam 1e-3 versus SGD (the SGD pair is
/// Fig. 1c's runs). Measures the Stage-2 zig-zag index, successive-update cosines (rank-1), e₁, e_stab, the Stage-2
/// duration, final losses and, for (ii), the open-loop peak ratio and final gap; writes
/// <c>study_adam_summary.csv</c>.
/// </summary>
public sealed class AdamStudy : Experiment<AdamStudy.Key, AdamTable>
{
    /// <summary>The key of a run of the study: an optimiser configuration (<see cref="AdamConfig.Label"/>) and a seed; tanh configurations hold a closed/open pair.</summary>
    public readonly record struct Key(string Config, long Seed);

    public override string Name => "adam";

    public override string Description => "Adam versus SGD: Stage-2 zig-zag of the rank-1 and tanh networks, stage timing and the open-loop peak";

    public override RunGrid<Key> Plan(ExperimentContext ctx)
    {
        var grid = new RunGrid<Key>();
        foreach (var c in AdamConfig.All)
            foreach (var s in ctx.Seeds(quick: 5, full: 5))
            {
                if (c.Network == StudyNetwork.Tanh) grid.AddPair(new Key(c.Label, s), c.Closed(ctx, s));
                else grid.Add(new Key(c.Label, s), c.Closed(ctx, s));
            }
        return grid;
    }

    public override AdamTable Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var table = new AdamTable(ctx.Seeds(quick: 5, full: 5));
        foreach (var c in AdamConfig.All)
            foreach (var s in table.Seeds)
            {
                var key = new Key(c.Label, s);
                table.Add(c, s, runs[key], c.Network == StudyNetwork.Tanh ? runs.Open(key) : null);
            }
        return table;
    }

    public override void Judge(ExperimentContext ctx, AdamTable table, ClaimSet claims) => AdamClaims.Judge(claims, table);

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, AdamTable table)
    {
        WriteSummary(ctx, table);
        return
        [
            AdamPanels.DominantPaths(ctx, table, StudyNetwork.RankOne),
            AdamPanels.DominantPaths(ctx, table, StudyNetwork.Tanh),
            AdamPanels.ZigZagPerSeed(ctx, table),
            AdamPanels.RankOneLosses(ctx, table),
            AdamPanels.TanhLosses(ctx, table),
        ];
    }

    private static void WriteSummary(ExperimentContext ctx, AdamTable table)
    {
        string[] header = ["config", "network", "optimizer", "lr", "seed", "learner", "e1", "e_stab", "stage2_end", "stage2_censored", "stage2_duration",
            "zigzag_index", "mean_update_cosine", "negative_cosine_fraction", "final_loss", "final_deployed_loss", "open_peak_ratio", "open_largest_rise", "final_gap", "relative_gap"];
        var rows = table.All.Select(m => (IReadOnlyList<object?>)
        [
            m.Config.Label, m.Config.Network, m.Config.Optimizer, m.Config.LearningRate, m.Seed, m.Learner, m.Stages.Stage1End, m.EStab,
            m.ZigZag.End, m.ZigZag.Censored, m.ZigZag.Duration, m.ZigZag.ZigZagIndex, m.ZigZag.MeanUpdateCosine, m.ZigZag.NegativeCosineFraction,
            m.FinalLoss, m.FinalDeployed, m.OpenPeakRatio, m.OpenRise, m.FinalGap, m.RelativeGap,
        ]);
        ctx.WriteTable("study_adam_summary.csv", header, rows);
    }
}

/// <summary>The measures of the Adam study, by configuration and seed.</summary>
public sealed class AdamTable(IReadOnlyList<long> seeds)
{
    private readonly List<AdamMeasures> _all = [];

    public IReadOnlyList<long> Seeds { get; } = seeds;

    /// <summary>Every measured learner, in configuration then seed order (closed before open).</summary>
    public IReadOnlyList<AdamMeasures> All => _all;

    /// <summary>Measures the closed run (and the open twin of a tanh configuration) of one configuration and seed.</summary>
    public void Add(AdamConfig c, long seed, RunRecord closed, RunRecord? open)
    {
        _all.Add(AdamMeasures.Closed(c, seed, closed));
        if (open is not null) _all.Add(AdamMeasures.Open(c, seed, closed, open));
    }

    /// <summary>The closed-loop measures of a configuration, one per seed.</summary>
    public IReadOnlyList<AdamMeasures> Closed(string label) => _all.Where(m => m.Config.Label == label && m.Learner == LoopMode.Closed).ToList();

    /// <summary>The open-loop measures of a tanh configuration, one per seed.</summary>
    public IReadOnlyList<AdamMeasures> Open(string label) => _all.Where(m => m.Config.Label == label && m.Learner == LoopMode.Open).ToList();

    internal static string Median(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? "n/a" : Theory.Descriptive.Median(finite).ToString("G3", CultureInfo.InvariantCulture);
    }
}
