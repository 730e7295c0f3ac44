using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Experiments;

/// <summary>Which network an Adam-study configuration trains.</summary>
public enum StudyNetwork
{
    /// <summary>The rank-1 base run of docs/science/figures-and-studies.md §3 (preset lowrank).</summary>
    RankOne,
    /// <summary>The tanh network of Fig. 1c (preset tanh, closed and open loop).</summary>
    Tanh,
}

/// <summary>One optimiser configuration of the Adam study (docs/science/figures-and-studies.md §10).</summary>
/// <param name="Label">Short name used in tables and legends, e.g. <c>rank1-adam-1e-3</c>.</param>
/// <param name="Network">The network trained.</param>
/// <param name="Optimizer">SGD or Adam (default moments; clipping at 1.0 kept).</param>
/// <param name="LearningRate">Learning rate η.</param>
public sealed record AdamConfig(string Label, StudyNetwork Network, OptimizerKind Optimizer, double LearningRate)
{
    /// <summary>The five configurations: rank-1 SGD 0.01, Adam 1e-3, Adam 1e-2; tanh SGD 0.01, Adam 1e-3 (clip 1.0 kept).</summary>
    public static IReadOnlyList<AdamConfig> All { get; } =
    [
        new("rank1-sgd", StudyNetwork.RankOne, OptimizerKind.Sgd, 0.01),
        new("rank1-adam-1e-3", StudyNetwork.RankOne, OptimizerKind.Adam, 1e-3),
        new("rank1-adam-1e-2", StudyNetwork.RankOne, OptimizerKind.Adam, 1e-2),
        new("tanh-sgd", StudyNetwork.Tanh, OptimizerKind.Sgd, 0.01),
        new("tanh-adam-1e-3", StudyNetwork.Tanh, OptimizerKind.Adam, 1e-3),
    ];

    public bool IsSgd => Optimizer == OptimizerKind.Sgd;

    /// <summary>
    /// The closed-loop settings of one seed. SGD configurations are exactly the shared base runs (rank-1 base of
    /// docs/science/figures-and-studies.md §3, <see cref="RankOneBase"/>; the Fig. 1c run, <see cref="TanhBase"/>), so they are reused from the cache; Adam ones change only the
    /// optimiser kind and learning rate (default moments, clipping kept) and the preset label.
    /// </summary>
    public RunSettings Closed(ExperimentContext ctx, long seed)
    {
        var baseSettings = Network == StudyNetwork.RankOne ? RankOneBase.Settings(ctx, seed) : TanhBase.Settings(ctx, seed);
        if (IsSgd) return baseSettings;
        return baseSettings with
        {
            Preset = $"{baseSettings.Preset}-{Label.Split('-', 2)[1]}",
            Optimizer = baseSettings.Optimizer with { Kind = Optimizer, LearningRate = LearningRate },
        };
    }
}

/// <summary>What the Adam study measures on one learner (docs/science/figures-and-studies.md §10).</summary>
/// <param name="Config">The optimiser configuration.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Learner">Closed- or open-loop learner.</param>
/// <param name="Stages">Spectral stages and stabilisation epochs of the run (<see cref="RunStages.Of"/>).</param>
/// <param name="EStab">The Stage-2/3 boundary used: strict ρ(P) stabilisation (rank-1) or gain-system stabilisation (tanh).</param>
/// <param name="ZigZag">Stage-2 zig-zag measures (closed learner only).</param>
/// <param name="FinalLoss">Training loss of the last epoch.</param>
/// <param name="FinalDeployed">Deployed loss of the last epoch (D for rank-1, T·D for tanh).</param>
/// <param name="OpenPeakRatio">Open learner: post-initial peak max_{e≥1} D / D(0) of T·D (the Fig. 1c claim-7 measure).</param>
/// <param name="OpenRise">Open learner: <see cref="LargestRise"/> of T·D, how far the deployed loss climbs back after falling (1 when it never rises).</param>
/// <param name="FinalGap">Open learner: D_open(final) − D_closed(final) of T·D.</param>
/// <param name="RelativeGap">Open learner: the final gap over D_closed(final).</param>
public sealed record AdamMeasures(AdamConfig Config, long Seed, LoopMode Learner, RunStages Stages, int? EStab, Stage2ZigZag ZigZag,
    double FinalLoss, double FinalDeployed, double OpenPeakRatio, double OpenRise, double FinalGap, double RelativeGap) : ISeeded
{
    /// <summary>The deployed loss per epoch (D for rank-1, T·D for tanh) that the loss panels draw.</summary>
    public double[] Deployed { get; init; } = [];

    /// <summary>Closed learner: Re and Im of λ_dom per epoch (the path panels).</summary>
    public double[] DomRe { get; init; } = [];
    public double[] DomIm { get; init; } = [];

    /// <summary>True when the learner stabilised without a measurable Stage 2 (no e₁, or e_stab ≤ e₁): there is no plateau to zig-zag in.</summary>
    public bool StabilizedWithoutStage2 => EStab is not null && ZigZag.Start is null;

    /// <summary>
    /// Measures a closed-loop run (and its open twin for tanh): e₁ from the spectral detector; e_stab = strict ρ(P)
    /// stabilisation for rank-1 runs and gain-system stabilisation for tanh runs (as in Fig. 1c); the zig-zag index
    /// of dom_abs over [e₁, e_stab]; for rank-1 runs the successive-update cosines from the per-epoch snapshots.
    /// </summary>
    public static AdamMeasures Closed(AdamConfig config, long seed, RunRecord run)
    {
        var stages = RunStages.Of(run);
        int? eStab = config.Network == StudyNetwork.RankOne ? stages.Stabilization : stages.GainStabilization;
        var (start, end, censored) = Stage2Measures.Window(stages.Stage1End, eStab, run.Epochs);
        double index = double.NaN, mean = double.NaN, negative = double.NaN;
        if (start is { } a && end is { } b)
        {
            index = Stage2Measures.ZigZagIndex(run.Series("dom_abs"), a, b);
            if (config.Network == StudyNetwork.RankOne && Enumerable.Range(a, b - a + 1).All(run.HasSnapshot))
                (mean, negative) = Stage2Measures.UpdateCosines(Enumerable.Range(a, b - a + 1).Select(e => Flatten(run, e)).ToList());
        }
        string deployed = config.Network == StudyNetwork.Tanh ? "test_loss_sum" : "test_loss";
        return new AdamMeasures(config, seed, LoopMode.Closed, stages, eStab, new Stage2ZigZag(start, end, censored, index, mean, negative),
            run.Summary.FinalLoss, SeedRuns.Last(run.Column(deployed)), double.NaN, double.NaN, double.NaN, double.NaN)
        {
            Deployed = run.Series(deployed), DomRe = run.Series("dom_re"), DomIm = run.Series("dom_im"),
        };
    }

    /// <summary>Measures the open-loop twin: its final losses, peak ratios of T·D and the final gap to the closed learner.</summary>
    public static AdamMeasures Open(AdamConfig config, long seed, RunRecord closed, RunRecord open)
    {
        var column = open.Column("test_loss_sum");
        var dOpen = open.Series("test_loss_sum");
        var dClosed = closed.Series("test_loss_sum");
        var gap = LearnerComparison.Compare(dClosed, dOpen);
        double peakRatio = SeedRuns.Max(column, 1, column.Length - 1) / SeedRuns.At(column, 0);
        double rise = LargestRise(dOpen);
        return new AdamMeasures(config, seed, LoopMode.Open, RunStages.Of(open), RunStages.GainSystemStabilization(open),
            new Stage2ZigZag(null, null, false, double.NaN, double.NaN, double.NaN),
            open.Summary.FinalLoss, SeedRuns.Last(column), peakRatio, rise, gap.FinalGap, gap.RelativeGap) { Deployed = dOpen };
    }

    /// <summary>
    /// The largest rise of a loss curve: max over e of D(e) / min_{e' ≤ e} D(e') (finite values only; 1 for a
    /// non-increasing curve, NaN for no finite value). Unlike peak/D(0) it sees a peak that stays below the initial loss.
    /// </summary>
    public static double LargestRise(IReadOnlyList<double> loss)
    {
        double low = double.PositiveInfinity, best = double.NaN;
        foreach (double d in loss.Where(double.IsFinite))
        {
            low = Math.Min(low, d);
            double r = d / low;
            if (double.IsNaN(best) || r > best) best = r;
        }
        return best;
    }

    private static double[] Flatten(RunRecord run, int epoch) =>
        run.Parameters(epoch).TrainableBlocks().SelectMany(b => b.Values).ToArray();
}
