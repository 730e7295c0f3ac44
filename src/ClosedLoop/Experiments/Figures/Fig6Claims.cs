using ClosedLoop.Theory;
using Q = ClosedLoop.Experiments.Quantity<ClosedLoop.Experiments.Fig6Measures>;

namespace ClosedLoop.Experiments;

/// <summary>The checkable claims 1–6 of docs/science/figures-and-studies.md §7 (and the mechanism claims of <see cref="Fig6ModeClaims"/>).</summary>
public static class Fig6Claims
{
    /// <summary>Zero-output training loss with all four phases 0 (A8).</summary>
    public const double ZeroPhaseLoss = 1.00027;

    /// <summary>Zero-output probe losses with phase 0, in increasing frequency (A8).</summary>
    public static readonly double[] ZeroPhaseProbeLosses = [2.54962, 2.57053, 2.59172, 2.60357];

    /// <summary>A8 values are printed to six significant digits.</summary>
    public const double ReferenceTolerance = 1e-5;

    /// <summary>Minimum staircase contrast (drop rate at e_i over plateau rate before it).</summary>
    public const double MinStepContrast = 3;

    /// <summary>
    /// Claim 6b: the student's deployed loss rises to at least this multiple of its epoch-0 value within 50 epochs. The
    /// paper shows "about 3×" (peak 16.5 at epoch 47 over a start of about 5.6, i.e. 2.9×); 2.5 is that "about".
    /// </summary>
    public const double EarlyRiseFactor = 2.5;

    public static void Judge(ClaimSet c, Fig6Data data)
    {
        var rows = data.Seeds.Select(s => s.Measures).ToList();
        var analyses = data.Seeds.Select(s => s.Analysis).ToList();
        int epochs = analyses[0].Epochs, probeEvery = data.Seeds[0].Settings.Evaluation.ProbeEvery;
        string sizeNote = $"needs the full size (10 000 epochs); this run has {epochs} epochs, so the measured values are reported, not judged";
        ZeroOutput(c, data.ZeroOutput);

        c.RestingOn("fig6b");
        c.EverySeed("2a", "The closed-loop loss starts well above the zero-output level (untrained networks drift into the clamp; published 5.63)", rows,
            new Q($"loss(0) / {Number.Text(Fig6Measures.ZeroOutputLoss)}", r => r.InitialRatio).AtLeast(Fig6Measures.WellAboveFactor))
            .Note("a ratio near 1 means the untrained network did not drift into the clamp (its loss is the zero-output level)");
        c.EverySeed("2b", "Within the first 100 epochs the loss drops to about the zero-output level", rows,
            new Q($"first epoch with |loss/{Number.Text(Fig6Measures.ZeroOutputLoss)} − 1| <= {Number.Text(Fig6Measures.NearZeroTolerance)}", r => r.NearZeroEpoch ?? double.NaN).AtMost(Fig6Measures.NearZeroWithin));
        c.EverySeed("2c", "Then the loss decreases in a staircase: at each acquisition e_i (i >= 2) it falls much faster than on the plateau before it", rows,
            new Q("min over i of (log-rate over [e_i − 100, e_i + 100]) / (log-rate over [e_(i−1) + 100, e_i − 100])", r => r.StepContrast).AtLeast(MinStepContrast))
            .Note("seeds with fewer than two acquisitions separated by a 100-epoch plateau cannot be measured (NaN); with the persistence rule of claim 3a's note the contrasts are "
                + string.Join(", ", rows.Select(r => $"seed {r.Seed}: {r.PersistentContrast:0.##}")));
        var final = new Q("loss(E − 1)", r => r.FinalLoss).Below(0.2);
        if (data.FullSize) c.EverySeed("2d", "The final closed-loop loss is below 0.2 (published 0.0889)", rows, final);
        else c.Reported("2d", "The final closed-loop loss is below 0.2 (published 0.0889)", rows, final.Quantity, final).Note(sizeNote);

        c.RestingOn("fig6f", "acquisitions.csv");
        string medians = string.Join(", ", Enumerable.Range(0, analyses[0].Count).Select(i => $"e{i + 1}: {MedianText(analyses.Select(a => a.Acquisitions[i]))}"));
        c.EverySeed("3a", "Frequencies are acquired in increasing order, e_1 < e_2 < …, so the normalised acquisition times increase with frequency (at least two acquired)", rows,
            new Q("number acquired", r => r.Acquired).AtLeast(2), Criteria.Is<Fig6Measures>("the acquired set is ω1..ωk with increasing e_i", r => r.Ordered))
            .Note($"median acquisition epochs over seeds {medians}; per seed {string.Join("; ", data.Seeds.Select(s => $"seed {s.Seed}: {AcqList(s.Analysis.Acquisitions)}"))}; "
                + $"with first crossings held for {Fig6Measures.PersistenceRecords} records instead of 'below at every later record': {string.Join("; ", rows.Select(r => $"seed {r.Seed}: {AcqList(r.Persistent)}"))}");
        var allFour = new Q("number acquired", r => r.Acquired).AtLeast(analyses[0].Count);
        if (data.FullSize) c.EverySeed("3b", "All four probes are acquired within 10 000 epochs", rows, allFour);
        else c.Reported("3b", "All four probes are acquired within 10 000 epochs", rows, allFour.Quantity, allFour).Note(sizeNote);

        var modes = data.Seeds.Select(s => s.Modes).ToList();
        Fig6ModeClaims.JudgeRules(c, modes, probeEvery);

        c.RestingOn("fig6d");
        c.EverySeed("4a", "[paper's form] At each acquisition epoch e_i, eig(W) has a complex pair with |Im λ/τ − ω_i| <= 0.15 ω_i", rows,
            new Q("fraction of acquired ω_i with such a mode", r => r.ModeMatch).AtLeast(1))
            .Note("the form the runs support is 4c–4h (docs/findings/tracking-modes.md); seeds with a match, per frequency: " + PerFrequency(rows.Select(r => r.MatchPerFrequency).ToList())
                + "; first recorded epoch with such a mode (ω1..ω4) per seed: " + string.Join("; ", rows.Select(r => $"seed {r.Seed}: ({string.Join(", ", r.FirstModeEpochs.Select(e => e?.ToString() ?? "–"))})")));
        c.MostSeeds("4b", "[paper's form] Each frequency brings a new mode: no eigenvalue lies in that band at the previous acquisition epoch (epoch 0 for ω1)", rows,
            new Q("fraction of acquired ω_i without such a mode at e_(i−1)", r => r.NewModes).AtLeast(1))
            .Note("seeds with a new mode, per frequency: " + PerFrequency(rows.Select(r => r.NewPerFrequency).ToList()));
        Fig6ModeClaims.JudgeModes(c, modes);

        c.RestingOn("fig6e");
        c.MostSeeds("5a", "Interference: while ω2 is acquired, L1 rises transiently by at least 1 % within ±100 epochs of e2 and then recovers (published about 4 %)", rows,
            new Q("max L1 over [e2 − 100, e2 + 100] / L1(e2 − 100) − 1", r => r.Interference).AtLeast(0.01),
            Criteria.Is<Fig6Measures>("L1 back below half the rise by e2 + 300", r => r.Recovers))
            .Note($"probe losses are recorded every {probeEvery} epochs; recovered per seed: {string.Join(", ", rows.Select(r => r.Recovers ? "yes" : "no"))}");
        c.Reported("5b", "Transient rises for other pairs (j < i): interference of acquiring ω_i on L_j", rows,
            new Q("the largest interference over the other acquired pairs", r => r.MaxOtherInterference))
            .Note("medians per pair: " + PairText(rows));

        c.RestingOn("fig6b");
        c.EverySeed("6a", "Open loop: the imitation loss falls by at least two orders of magnitude", rows,
            new Q("imitation(E − 1) / imitation(0)", r => r.ImitationDrop).AtMost(0.01));
        c.EverySeed("6b", "The student's deployed loss first rises above its epoch-0 value (published about 3× within the first 50 epochs, peak 16.5 at epoch 47)", rows,
            new Q("max over epochs 1..50 of D_open / D_open(0)", r => r.EarlyRise).AtLeast(EarlyRiseFactor))
            .Note($"the threshold is the paper's figure: about 3× (16.5 over a start of about 5.6 is 2.9×), read as >= {Number.Text(EarlyRiseFactor)}; peak epochs of the student's deployed loss: "
                + string.Join(", ", rows.Select(r => r.OpenPeakEpoch?.ToString() ?? "none")));
        c.EverySeed("6c", "The student's deployed loss stays well above the closed-loop curve for hundreds of epochs", rows,
            new Q($"epochs with D_open > {Number.Text(Fig6Measures.WellAboveFactor)} D_closed", r => r.EpochsAbove).AtLeast(200));
        c.EverySeed("6d", "The student's final deployed loss is within a factor 2 of the closed-loop final loss (published 0.0894 vs 0.0889)", rows,
            new Q("max/min of the final deployed losses", r => r.FinalRatio).AtMost(2))
            .Note(data.FullSize ? null : $"quick size: the student imitates the {epochs}-epoch network for {epochs} epochs; the published student needed about 3000 epochs to approach its teacher");
    }

    /// <summary>Claim 1: the zero-output network keeps the plant at rest and pays the reference energy (A8), on the paper's task.</summary>
    private static void ZeroOutput(ClaimSet c, Fig6ZeroOutput z)
    {
        double probeDev = z.ProbeLosses.Select((v, i) => Math.Abs(v / ZeroPhaseProbeLosses[i] - 1)).Max();
        c.RestingOn();
        c.Exact("1a", "Zero-output network (init with zero readout), all phases 0: the engine's training loss equals A8", z.PhaseZeroLoss, ZeroPhaseLoss, ReferenceTolerance, note: "A8 values are printed to 6 significant digits");
        c.Exact("1b", "Zero-output network, expectation over random phases (exact 17-point phase lattice through the engine): the training loss equals A8", z.AveragedLoss, Fig6Measures.ZeroOutputLoss, ReferenceTolerance,
            note: "the zero-output loss is a degree-2 trigonometric polynomial of the phases; the lattice φ_j = 2πk·2^j/17 averages it exactly");
        c.Check("1c", "Zero-output probe losses with phase 0 equal A8 (2.54962, 2.57053, 2.59172, 2.60357)", probeDev,
            new Quantity<double>("max relative deviation", v => v).AtMost(ReferenceTolerance))
            .Note("measured: " + string.Join(", ", z.ProbeLosses.Select(v => v.ToString("G6"))));
        c.Check("1d", "With zero output the plant stays at 0", z.MaxState, new Quantity<double>("max |x|", v => v).AtMost(0));
    }

    private static string PairText(IReadOnlyList<Fig6Measures> rows)
    {
        var keys = rows.SelectMany(r => r.Pairs.Keys).Where(k => k != (0, 1)).Distinct().OrderBy(k => k.Item2).ThenBy(k => k.Item1).ToList();
        if (keys.Count == 0) return "no other acquired pairs";
        return string.Join("; ", keys.Select(key =>
        {
            var v = rows.Where(r => r.Pairs.ContainsKey(key)).Select(r => r.Pairs[key]).ToList();
            return $"L{key.Item1 + 1} while ω{key.Item2 + 1}: median {Descriptive.Median(v):P1} (n = {v.Count})";
        }));
    }

    /// <summary>"ω1: 1/5, ω2: 5/5, …": per frequency, seeds where the flag holds over seeds where it was measured.</summary>
    private static string PerFrequency(IReadOnlyList<IReadOnlyList<bool?>> flags) =>
        string.Join(", ", Enumerable.Range(0, flags[0].Count).Select(i => $"ω{i + 1}: {flags.Count(f => f[i] == true)}/{flags.Count(f => f[i] is not null)}"));

    private static string AcqList(IReadOnlyList<int?> e) => "(" + string.Join(", ", e.Select(x => x?.ToString() ?? "–")) + ")";

    private static string MedianText(IEnumerable<int?> values)
    {
        var v = values.Where(x => x is not null).Select(x => (double)x!.Value).ToList();
        return v.Count == 0 ? "none" : $"{Descriptive.Median(v):0} (n = {v.Count})";
    }
}
