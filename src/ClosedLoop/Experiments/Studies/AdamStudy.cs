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
public sealed class AdamStudy : IExperiment
{
    public string Name => "adam";

    public string Description => "Adam versus SGD: Stage-2 zig-zag of the rank-1 and tanh networks, stage timing and the open-loop peak";

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var configs = AdamConfig.All;
        var settings = new List<RunSettings>();
        foreach (var c in configs)
            foreach (var s in seeds)
            {
                settings.Add(c.Closed(ctx, s));
                if (c.Network == StudyNetwork.Tanh) settings.Add(c.Open(ctx, s));
            }
        var runs = ctx.Runs.GetAll(settings);
        var table = new AdamTable(seeds);
        int k = 0;
        foreach (var c in configs)
            foreach (var s in seeds)
            {
                var closed = runs[k++];
                var open = c.Network == StudyNetwork.Tanh ? runs[k++] : null;
                table.Add(c, s, closed, open);
            }
        WriteSummary(ctx, table);
        var figures = new List<FigureEntry>
        {
            AdamPanels.DominantPaths(ctx, table, StudyNetwork.RankOne),
            AdamPanels.DominantPaths(ctx, table, StudyNetwork.Tanh),
            AdamPanels.ZigZagPerSeed(ctx, table),
            AdamPanels.RankOneLosses(ctx, table),
            AdamPanels.TanhLosses(ctx, table),
        };
        return new ExperimentOutput(AdamClaims.Of(table), figures);
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

/// <summary>The runs and measures of the Adam study, by configuration and seed.</summary>
public sealed class AdamTable(IReadOnlyList<long> seeds)
{
    private readonly List<AdamMeasures> _all = [];
    private readonly Dictionary<(string, long), (RunRecord Closed, RunRecord? Open)> _runs = [];

    public IReadOnlyList<long> Seeds { get; } = seeds;

    /// <summary>Every measured learner, in configuration then seed order (closed before open).</summary>
    public IReadOnlyList<AdamMeasures> All => _all;

    public void Add(AdamConfig c, long seed, RunRecord closed, RunRecord? open)
    {
        _runs[(c.Label, seed)] = (closed, open);
        _all.Add(AdamMeasures.Closed(c, seed, closed));
        if (open is not null) _all.Add(AdamMeasures.Open(c, seed, closed, open));
    }

    /// <summary>The closed-loop measures of a configuration, one per seed.</summary>
    public IReadOnlyList<AdamMeasures> Closed(string label) => _all.Where(m => m.Config.Label == label && m.Learner == LoopMode.Closed).ToList();

    /// <summary>The open-loop measures of a tanh configuration, one per seed.</summary>
    public IReadOnlyList<AdamMeasures> Open(string label) => _all.Where(m => m.Config.Label == label && m.Learner == LoopMode.Open).ToList();

    /// <summary>The runs of a configuration and seed.</summary>
    public (RunRecord Closed, RunRecord? Open) Runs(string label, long seed) => _runs[(label, seed)];

    internal static string Median(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? "n/a" : Theory.Descriptive.Median(finite).ToString("G3", CultureInfo.InvariantCulture);
    }
}
