namespace ClosedLoop.Experiments;

/// <summary>
/// Claims of the Adam study (docs/science/figures-and-studies.md §10): the one checkable claim ("with Adam the Stage-2 zig-zag index and
/// the fraction of negative successive-update cosines are lower than with SGD", most seeds) is judged per Adam
/// configuration and per measure (ids 1a–1e); everything else is reported (ids 2–7).
/// </summary>
public static class AdamClaims
{
    /// <summary>
    /// Per seed: value = Adam − SGD, holding when negative. When the Adam learner stabilised without a Stage 2 (see
    /// <see cref="AdamMeasures.StabilizedWithoutStage2"/>) while the SGD learner has a measured zig-zag, there is no
    /// zig-zag left to measure: the value is NaN and the seed supports the claim. Any other NaN does not support it.
    /// </summary>
    public static IReadOnlyList<SeedValue> Lower(IReadOnlyList<AdamMeasures> adam, IReadOnlyList<AdamMeasures> sgd, Func<AdamMeasures, double> metric)
    {
        var bySeed = sgd.ToDictionary(m => m.Seed);
        return adam.Select(a =>
        {
            if (!bySeed.TryGetValue(a.Seed, out var s)) return new SeedValue(a.Seed, double.NaN, false);
            double d = metric(a) - metric(s);
            bool noStage2 = double.IsNaN(metric(a)) && a.StabilizedWithoutStage2 && double.IsFinite(metric(s));
            return new SeedValue(a.Seed, d, d < 0 || noStage2);
        }).ToList();
    }

    public static IReadOnlyList<Claim> Of(AdamTable t)
    {
        var c = new ClaimList("adam");
        var r1 = t.Closed("rank1-sgd");
        var tanh = t.Closed("tanh-sgd");
        Lower(c, "1a", "rank-1, Adam 1e-3: Stage-2 zig-zag index of |lambda_dom| lower than with SGD", t.Closed("rank1-adam-1e-3"), r1, m => m.ZigZag.ZigZagIndex);
        Lower(c, "1b", "rank-1, Adam 1e-3: fraction of negative successive-update cosines in Stage 2 lower than with SGD", t.Closed("rank1-adam-1e-3"), r1, m => m.ZigZag.NegativeCosineFraction);
        Lower(c, "1c", "rank-1, Adam 1e-2: Stage-2 zig-zag index of |lambda_dom| lower than with SGD", t.Closed("rank1-adam-1e-2"), r1, m => m.ZigZag.ZigZagIndex);
        Lower(c, "1d", "rank-1, Adam 1e-2: fraction of negative successive-update cosines in Stage 2 lower than with SGD", t.Closed("rank1-adam-1e-2"), r1, m => m.ZigZag.NegativeCosineFraction);
        Lower(c, "1e", "tanh closed loop, Adam 1e-3: Stage-2 zig-zag index of |lambda_dom| (linearised P) lower than with SGD", t.Closed("tanh-adam-1e-3"), tanh, m => m.ZigZag.ZigZagIndex,
            "update cosines are not measured for the dense tanh runs (snapshots on a log schedule only)");

        var labels = AdamConfig.All.Select(a => a.Label).ToList();
        Report(c, "2", "Stage-1 end e1 (spectral detector), median per configuration", t, labels, m => m.Stages.Stage1End ?? double.NaN);
        Report(c, "3", "Stabilisation epoch e_stab (rank-1: strict rho(P); tanh: gain system), median per configuration", t, labels, m => m.EStab ?? double.NaN);
        Report(c, "4", "Stage-2 duration e_stab - e1 (to the last epoch when not stabilised), median per configuration", t, labels, m => m.ZigZag.Duration ?? double.NaN);
        Report(c, "5", "Mean cosine of successive updates in Stage 2 (rank-1; negative = zig-zag), median per configuration", t, labels.Where(l => l.StartsWith("rank1", StringComparison.Ordinal)).ToList(), m => m.ZigZag.MeanUpdateCosine);
        Report(c, "6", "Final training loss of the closed learner, median per configuration", t, labels, m => m.FinalLoss);
        var tanhLabels = labels.Where(l => l.StartsWith("tanh", StringComparison.Ordinal)).ToList();
        c.Reported("7", "tanh open loop: post-initial peak max_{e>=1} D / D(0), largest rise max_e D(e) / min_{e'<=e} D(e'), and relative final gap (D_open - D_closed)/D_closed (T*D), medians",
            string.Join("; ", tanhLabels.Select(l => $"{l}: peak/D(0) {AdamTable.Median(t.Open(l).Select(m => m.OpenPeakRatio))}, rise {AdamTable.Median(t.Open(l).Select(m => m.OpenRise))}, relative gap {AdamTable.Median(t.Open(l).Select(m => m.RelativeGap))}")));
        int censored = t.All.Count(m => m.ZigZag.Censored);
        c.Reported("8", "Runs that did not stabilise within the run (Stage 2 measured up to the last epoch)",
            censored == 0 ? "none" : string.Join(", ", t.All.Where(m => m.ZigZag.Censored).Select(m => $"{m.Config.Label} seed {m.Seed}")));
        return c.Items;
    }

    private static void Lower(ClaimList c, string id, string statement, IReadOnlyList<AdamMeasures> adam, IReadOnlyList<AdamMeasures> sgd, Func<AdamMeasures, double> metric, string? extra = null)
    {
        var values = Lower(adam, sgd, metric);
        string note = $"measured: Adam - SGD per seed; Adam median {AdamTable.Median(adam.Select(metric))}, SGD median {AdamTable.Median(sgd.Select(metric))}";
        var none = adam.Where(a => a.StabilizedWithoutStage2).Select(a => a.Seed.ToString()).ToList();
        if (none.Count > 0) note += $"; Adam stabilised without a Stage 2 (nothing to zig-zag; counted as supporting) on seed(s) {string.Join(", ", none)}";
        int missing = values.Count(v => double.IsNaN(v.Value) && !v.Holds);
        if (missing > 0) note += $"; {missing} seed(s) not measurable (counted as not supporting)";
        if (extra is not null) note += "; " + extra;
        c.MostSeeds(id, "With Adam the Stage-2 zig-zag is weaker: " + statement, "Adam - SGD < 0 in at least 80 % of seeds", values, note);
    }

    private static void Report(ClaimList c, string id, string statement, AdamTable t, IReadOnlyList<string> labels, Func<AdamMeasures, double> metric) =>
        c.Reported(id, statement, string.Join("; ", labels.Select(l => $"{l} {AdamTable.Median(t.Closed(l).Select(metric))}")));
}
