namespace ClosedLoop.Experiments;

/// <summary>One seed of an Adam-versus-SGD comparison: the measure with Adam and with SGD, and whether the Adam learner had a Stage 2 at all.</summary>
public sealed record AdamComparison(long Seed, double Adam, double Sgd, bool AdamWithoutStage2) : ISeeded
{
    /// <summary>Adam − SGD (NaN when either is not measured).</summary>
    public double Difference => Adam - Sgd;

    /// <summary>The comparisons of every Adam seed with the SGD learner of the same seed (NaN when the seed has no SGD learner).</summary>
    public static IReadOnlyList<AdamComparison> Of(IReadOnlyList<AdamMeasures> adam, IReadOnlyList<AdamMeasures> sgd, Func<AdamMeasures, double> metric)
    {
        var bySeed = sgd.ToDictionary(m => m.Seed);
        return adam.Select(a => new AdamComparison(a.Seed, metric(a), bySeed.TryGetValue(a.Seed, out var s) ? metric(s) : double.NaN, a.StabilizedWithoutStage2)).ToList();
    }
}

/// <summary>
/// Claims of the Adam study (docs/science/figures-and-studies.md §10): the one checkable claim ("with Adam the Stage-2 zig-zag index and
/// the fraction of negative successive-update cosines are lower than with SGD", most seeds) is judged per Adam
/// configuration and per measure (ids 1a–1e); everything else is reported (ids 2–8). A seed whose Adam learner
/// stabilised without a Stage 2 has no zig-zag to compare: the claim does not apply there (n/a).
/// </summary>
public static class AdamClaims
{
    public static void Judge(ClaimSet c, AdamTable t)
    {
        var r1 = t.Closed("rank1-sgd");
        var tanh = t.Closed("tanh-sgd");
        c.RestingOn("adam_zigzag", "adam_paths_rank1", "study_adam_summary.csv");
        Lower(c, "1a", "rank-1, Adam 1e-3: Stage-2 zig-zag index of |lambda_dom| lower than with SGD", t.Closed("rank1-adam-1e-3"), r1, "zig-zag index", m => m.ZigZag.ZigZagIndex);
        Lower(c, "1b", "rank-1, Adam 1e-3: fraction of negative successive-update cosines in Stage 2 lower than with SGD", t.Closed("rank1-adam-1e-3"), r1, "negative-cosine fraction", m => m.ZigZag.NegativeCosineFraction);
        Lower(c, "1c", "rank-1, Adam 1e-2: Stage-2 zig-zag index of |lambda_dom| lower than with SGD", t.Closed("rank1-adam-1e-2"), r1, "zig-zag index", m => m.ZigZag.ZigZagIndex);
        Lower(c, "1d", "rank-1, Adam 1e-2: fraction of negative successive-update cosines in Stage 2 lower than with SGD", t.Closed("rank1-adam-1e-2"), r1, "negative-cosine fraction", m => m.ZigZag.NegativeCosineFraction);
        c.RestingOn("adam_zigzag", "adam_paths_tanh", "study_adam_summary.csv");
        Lower(c, "1e", "tanh closed loop, Adam 1e-3: Stage-2 zig-zag index of |lambda_dom| (linearised P) lower than with SGD", t.Closed("tanh-adam-1e-3"), tanh, "zig-zag index", m => m.ZigZag.ZigZagIndex,
            "update cosines are not measured for the dense tanh runs (snapshots on a log schedule only)");

        var labels = AdamConfig.All.Select(a => a.Label).ToList();
        c.RestingOn("study_adam_summary.csv");
        Report(c, "2", "Stage-1 end e1 (spectral detector), median per configuration", t, labels, m => m.Stages.Stage1End ?? double.NaN);
        Report(c, "3", "Stabilisation epoch e_stab (rank-1: strict rho(P); tanh: gain system), median per configuration", t, labels, m => m.EStab ?? double.NaN);
        Report(c, "4", "Stage-2 duration e_stab - e1 (to the last epoch when not stabilised), median per configuration", t, labels, m => m.ZigZag.Duration ?? double.NaN);
        Report(c, "5", "Mean cosine of successive updates in Stage 2 (rank-1; negative = zig-zag), median per configuration", t, labels.Where(l => l.StartsWith("rank1", StringComparison.Ordinal)).ToList(), m => m.ZigZag.MeanUpdateCosine);
        c.RestingOn("adam_losses_rank1", "adam_losses_tanh", "study_adam_summary.csv");
        Report(c, "6", "Final training loss of the closed learner, median per configuration", t, labels, m => m.FinalLoss);
        var tanhLabels = labels.Where(l => l.StartsWith("tanh", StringComparison.Ordinal)).ToList();
        c.RestingOn("adam_losses_tanh", "study_adam_summary.csv");
        c.Reported("7", "tanh open loop: post-initial peak max_{e>=1} D / D(0), largest rise max_e D(e) / min_{e'<=e} D(e'), and relative final gap (D_open - D_closed)/D_closed (T*D), medians",
            string.Join("; ", tanhLabels.Select(l => $"{l}: peak/D(0) {AdamTable.Median(t.Open(l).Select(m => m.OpenPeakRatio))}, rise {AdamTable.Median(t.Open(l).Select(m => m.OpenRise))}, relative gap {AdamTable.Median(t.Open(l).Select(m => m.RelativeGap))}")));
        int censored = t.All.Count(m => m.ZigZag.Censored);
        c.RestingOn("study_adam_summary.csv");
        c.Reported("8", "Runs that did not stabilise within the run (Stage 2 measured up to the last epoch)",
            censored == 0 ? "none" : string.Join(", ", t.All.Where(m => m.ZigZag.Censored).Select(m => $"{m.Config.Label} seed {m.Seed}")));
    }

    /// <summary>
    /// The claim that <paramref name="metric"/> is lower with Adam than with SGD in most seeds: per seed Adam − SGD,
    /// holding when negative; n/a where the Adam learner stabilised without a Stage 2; an unmeasured value does not support it.
    /// </summary>
    public static SeedClaim<AdamComparison> Lower(ClaimSet c, string id, string statement, IReadOnlyList<AdamMeasures> adam, IReadOnlyList<AdamMeasures> sgd, string measure, Func<AdamMeasures, double> metric, string? extra = null)
    {
        var rows = AdamComparison.Of(adam, sgd, metric);
        string note = $"Adam median {AdamTable.Median(adam.Select(metric))}, SGD median {AdamTable.Median(sgd.Select(metric))}";
        int missing = rows.Count(r => !r.AdamWithoutStage2 && double.IsNaN(r.Difference));
        if (missing > 0) note += $"; {missing} seed(s) not measurable (counted as not supporting)";
        if (extra is not null) note += "; " + extra;
        return c.MostSeeds(id, "With Adam the Stage-2 zig-zag is weaker: " + statement, rows, new Quantity<AdamComparison>($"Adam − SGD of the {measure}", r => r.Difference).Below(0))
            .When("the Adam learner has a Stage 2", r => !r.AdamWithoutStage2)
            .Note(note);
    }

    private static void Report(ClaimSet c, string id, string statement, AdamTable t, IReadOnlyList<string> labels, Func<AdamMeasures, double> metric) =>
        c.Reported(id, statement, string.Join("; ", labels.Select(l => $"{l} {AdamTable.Median(t.Closed(l).Select(metric))}")));
}
