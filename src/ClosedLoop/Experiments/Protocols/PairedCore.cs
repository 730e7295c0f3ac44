using System.Globalization;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The paired core protocol of the independent reproduction (docs/science/figures-and-studies.md §12.2): per seed one initialisation shared
/// by the closed learner and its white-noise open student (<c>repro-main</c>, §12.1), every epoch evaluated with ρ(P)
/// and ρ(W) recorded; per-seed measures (<see cref="PairMeasures"/>), <c>core_seeds.csv</c>, <c>core_summary.csv</c>
/// (mean, bootstrap interval, SD, IQR of every quantity), <c>core_claims.csv</c> and the figures of §12.2. The
/// protocol-sensitivity variant repeats the seeds under <c>repro-artifact</c> (full size; seed 0 at smoke, none at quick). Sanity variant: every run already
/// saves all eigenvalues of P and W at every epoch (<c>arrays/eig_p.npy</c>, <c>eig_w.npy</c>).
/// </summary>
public sealed class PairedCore : Experiment<PairedCore.Key, PairedData>
{
    /// <summary>The key of a closed/open pair of the protocol: its preset (the baseline or the sensitivity variant) and seed.</summary>
    public readonly record struct Key(string Preset, long Seed);

    public override string Name => "paired";

    public override string Description => "reproduction protocol: paired closed/open learners over seeds (peak, gap, gains, spectral and loss-based stages)";

    /// <summary>Seeds of the full protocol.</summary>
    public const int FullSeeds = 50;

    /// <summary>Claim 1: the relative gap of the two learners' deployed losses at epoch 0 (one initialisation: 0 up to rounding).</summary>
    public const double InitialGapTolerance = 1e-12;

    /// <summary>The closed-loop settings of one seed under <paramref name="preset"/> (the open student is its twin).</summary>
    public static RunSettings Closed(ExperimentContext ctx, long seed, string preset = ProtocolBaseline.Preset) =>
        ProtocolBaseline.Closed(ctx.Size, seed, ctx.BySize(30, 1001, 1001), SpectrumKinds.Joint | SpectrumKinds.Network, preset: preset);

    private static IReadOnlyList<long> Seeds(ExperimentContext ctx) => ctx.Seeds(quick: 5, full: FullSeeds, smoke: 2);

    // The sensitivity variant costs a second paired protocol: seed 0 at the smoke size (pipeline), none at the quick
    // size (CPU budget; its claims say so), every seed at the full size.
    private static IReadOnlyList<long> ArtifactSeeds(ExperimentContext ctx) => Seeds(ctx).Take(ctx.BySize(1, 0, Seeds(ctx).Count)).ToList();

    public override RunGrid<Key> Plan(ExperimentContext ctx) => new RunGrid<Key>()
        .AddPairs(Seeds(ctx).Select(s => new Key(ProtocolBaseline.Preset, s)), k => Closed(ctx, k.Seed))
        .AddPairs(ArtifactSeeds(ctx).Select(s => new Key(ProtocolBaseline.ArtifactPreset, s)), k => Closed(ctx, k.Seed, ProtocolBaseline.ArtifactPreset));

    public override PairedData Measure(ExperimentContext ctx, RunSet<Key> runs)
    {
        var main = Seeds(ctx).Select(s => ProtocolPair.Of(runs.Pair(new Key(ProtocolBaseline.Preset, s)))).ToList();
        var artifact = ArtifactSeeds(ctx).Select(s => ProtocolPair.Of(runs.Pair(new Key(ProtocolBaseline.ArtifactPreset, s)))).ToList();
        var first = runs.Pair(new Key(ProtocolBaseline.Preset, main[0].Seed));
        return new PairedData(main, artifact, Criteria(ctx, main.Select(p => p.Measures).ToList(), artifact.Select(p => p.Measures).ToList()),
            PairSpectra.Of(first.Closed), PairSpectra.Of(first.Open));
    }

    public override void Judge(ExperimentContext ctx, PairedData data, ClaimSet claims)
    {
        claims.RestingOn("core_claims.csv", "core_seeds.csv");
        data.Criteria.Judge(claims);
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, PairedData data)
    {
        WriteTables(ctx, data.Main, data.Artifact);
        ctx.WriteTable("core_claims.csv", ProtocolClaims.Header, data.Criteria.Rows(Name));
        return PairedFigures.Draw(ctx, data);
    }

    private static void WriteTables(ExperimentContext ctx, IReadOnlyList<ProtocolPair> main, IReadOnlyList<ProtocolPair> artifact)
    {
        var q = PairQuantities.All;
        IEnumerable<IReadOnlyList<object?>> SeedRows(string preset, IReadOnlyList<ProtocolPair> pairs) =>
            pairs.Select(p => (IReadOnlyList<object?>)[preset, p.Seed, p.Measures.Failed, p.ClosedRun, p.OpenRun,
                p.Measures.Derivative.ExitReason, .. q.Select(x => (object?)PairQuantities.Value(p.Measures, x.Get))]);
        ctx.WriteTable("core_seeds.csv", ["preset", "seed", "failed", "closed_run", "open_run", "deriv_exit_reason", .. q.Select(x => x.Name)],
            SeedRows(ProtocolBaseline.Preset, main).Concat(SeedRows(ProtocolBaseline.ArtifactPreset, artifact)));

        IEnumerable<IReadOnlyList<object?>> SummaryRows(string preset, IReadOnlyList<ProtocolPair> ms) =>
            q.Select(x => (IReadOnlyList<object?>)[preset, x.Name, .. ProtocolStatistics.Row(ms.Select(m => PairQuantities.Value(m.Measures, x.Get)).ToList())]);
        ctx.WriteTable("core_summary.csv", ["preset", "quantity", .. ProtocolStatistics.Columns],
            SummaryRows(ProtocolBaseline.Preset, main).Concat(artifact.Count == 0 ? [] : SummaryRows(ProtocolBaseline.ArtifactPreset, artifact)));
    }

    private static ProtocolClaims Criteria(ExperimentContext ctx, IReadOnlyList<PairMeasures> ms, IReadOnlyList<PairMeasures> artifact)
    {
        var c = new ProtocolClaims(ProtocolBaseline.SizeNote(ctx, ms.Count, FullSeeds));
        var peak = new PeakRuleSettings();
        var gaps = new LearnerComparisonSettings();
        var spectral = new SpectralDetectorSettings();
        void Add(string id, string statement, string quantity, Func<PairMeasures, double> value, string criterion, Func<PairMeasures, bool> holds,
            ClaimCategory category = ClaimCategory.Reported, SeedRule rule = SeedRule.None, string? note = null, IReadOnlyList<PairMeasures>? over = null)
        {
            var set = over ?? ms;
            c.Add(new SeedCriterion(id, statement, quantity, set.Select(m => m.Seed).ToList(),
                set.Select(m => PairQuantities.Value(m, value)).ToList(),
                set.Select(m => m.Failed ? (bool?)null : holds(m)).ToList(), criterion, category, rule, note));
        }

        Add("1", "Pairing: at epoch 0 the closed learner and its open student have the same deployed loss (one initialisation per seed)",
            "|D_closed(0) − D_open(0)| / D_closed(0)", m => m.InitialGap, $"|D_closed(0) − D_open(0)| / D_closed(0) <= {Number.Text(InitialGapTolerance)}", m => m.InitialGap <= InitialGapTolerance,
            ClaimCategory.Exact, SeedRule.EverySeed);
        Add("2", "Open-loop post-initial peak: argmax_e D_open > 0 and max D_open > 1.5·D_open(0)", "peak/initial of D_open",
            m => m.Peak.PeakOverInitial, $"argmax_e D_open > 0 and max D_open > {Number.Text(peak.PeakFactor)}·D_open(0) (the paper's claim that the open-loop deployed loss rises to a large transient peak)",
            m => m.Peak.PostInitialPeak, ClaimCategory.Empirical, SeedRule.MostSeeds, "peak epochs " + List(ms, m => m.Peak.PeakEpoch));
        Add("3", "Open-loop spike: max D_open > 2·max(D_open(0), D_open(final))", "max D_open / max(D_open(0), D_open(final))",
            m => m.Peak.Peak / Math.Max(m.InitialOpen, m.FinalOpen), $"max D_open > {Number.Text(peak.SpikeFactor)}·max(D_open(0), D_open(final))", m => m.Peak.Spike,
            note: "peak/final per seed " + List(ms, m => m.Peak.PeakOverFinal));
        Add("4", "Loss divergence: relative final gap (D_open − D_closed)/|D_closed| > 0.05", "relative gap", m => m.Comparison.RelativeGap,
            $"relative gap > {Number.Text(gaps.RelativeGapThreshold)}", m => m.Comparison.LossDivergence,
            note: "reported only: the paper's figure shows the two learners converging to similar losses (Fig. 1c claim 8: within a factor 1.5), so the 5 % criterion has no paper expectation; final D closed " + List(ms, m => m.FinalClosed) + ", open " + List(ms, m => m.FinalOpen));
        Add("5", "Gain divergence: ‖k_closed − k_open‖₂ at the final epoch > 0.05", "gain distance", m => m.Comparison.GainDistance ?? double.NaN,
            $"gain distance > {Number.Text(gaps.GainDistanceThreshold)}", m => m.Comparison.GainDivergence);
        Add("6", "Recovered: D_closed(final) < D_closed(0)", "D_closed(final)/D_closed(0)", m => m.FinalClosed / m.InitialClosed, "D_closed(final) < D_closed(0)", m => m.Comparison.Recovered);
        Add("7", "Spectral detector: the Stage-1/2 boundary e1 exists (k1 < −0.01, unstable complex pair, ρ > 1 for 5 epochs)", "e1", m => PairQuantities.Epoch(m.Spectral.Stage1End),
            "e1 detected", m => m.Spectral.Stage1End is not null);
        Add("8", "Spectral detector: the persistent crossing e2 exists (ρ(P) < 1 for 5 epochs after e1)", "crossing epoch e2", m => PairQuantities.Epoch(m.Spectral.Stage2End),
            "e2 detected", m => m.Spectral.Stage2End is not null, note: "strict e_stab " + List(ms, m => m.Spectral.StrictStabilization));
        Add("9", "Stage-3 growth of the real eigenvalue: G = max_{e≥e2}|λ3| − |λ3(e2)| > 0.01", "G", m => m.Spectral.Growth ?? double.NaN,
            $"G > {Number.Text(spectral.GrowthThreshold)}", m => m.Spectral.Growth > spectral.GrowthThreshold);
        Add("10", "Spectral three-stage support: e1 and e2 exist, G > 0.01, final losses finite", "Stage-2 length e2 − e1",
            m => PairQuantities.Epoch(m.Spectral.Stage2End) - PairQuantities.Epoch(m.Spectral.Stage1End),
            $"e1 and e2 exist, G > {Number.Text(spectral.GrowthThreshold)}, final losses finite (the paper's three stages, docs/science/analysis-maths.md §7.2 detector)", m => m.ThreeStages,
            ClaimCategory.Empirical, SeedRule.MostSeeds);
        Add("11", "Final ρ(P) of the closed learner < 1 (stable joint system)", "final ρ(P)", m => m.FinalRho, "final ρ(P) < 1", m => m.FinalRho < 1);
        Add("12", "ρ(W) at the crossing e2 (recorded)", "ρ(W) at e2", m => m.RhoWAtCrossing, "ρ(W) at e2 finite", m => double.IsFinite(m.RhoWAtCrossing));
        Add("13", "ρ(W) at the final epoch (recorded)", "final ρ(W)", m => m.RhoWFinal, "final ρ(W) finite", m => double.IsFinite(m.RhoWFinal));
        Add("14", "Derivative detector (m_p = 8) on ln D_closed: a plateau is detected", "plateau length (plateau_end − stage1_end)",
            m => PairQuantities.Epoch(m.Derivative.PlateauEnd) - PairQuantities.Epoch(m.Derivative.Stage1End), "plateau detected", m => m.Derivative.PlateauDetected,
            note: "exit reasons " + Reasons(ms));
        Add("15", "Derivative detector: three stages (plateau with a non-fallback exit)", "plateau end", m => PairQuantities.Epoch(m.Derivative.PlateauEnd),
            "plateau with a non-fallback exit", m => m.Derivative.ThreeStages,
            note: "secondary evidence: the exit tends to coincide with the supplied stability crossing (docs/science/analysis-maths.md §7.3)");
        var variants = SegmentedRegressionSettings.Variants;
        for (int v = 0; v < variants.Count; v++)
        {
            int i = v;
            var s = variants[v];
            Add((16 + v).ToString(CultureInfo.InvariantCulture),
                $"Change points ({s.Name}: m_seg {s.MinSegment}, f {s.FastSlope}, q {s.SlowRatio}, a_abs {s.SlowAbsolute}, r_a {s.Reacceleration}) on ln D_closed: fast, slow, re-accelerating segments",
                "middle slope a2 per epoch", m => m.ChangePoints[i].Slopes.A2, "fast, slow and re-accelerating segments found", m => m.ChangePoints[i].ThreeStages,
                note: $"boundaries {List(ms, m => m.ChangePoints[i].Boundary1)} / {List(ms, m => m.ChangePoints[i].Boundary2)}; slopes a1 {List(ms, m => m.ChangePoints[i].Slopes.A1)}, a3 {List(ms, m => m.ChangePoints[i].Slopes.A3)}; the minimum segment is longer than Stage 1 (docs/science/analysis-maths.md §7.3)");
        }
        string note = artifact.Count > 0
            ? $"protocol-sensitivity variant: seeds {string.Join(", ", artifact.Select(m => m.Seed))} under {ProtocolBaseline.ArtifactPreset}"
            : $"protocol-sensitivity variant ({ProtocolBaseline.ArtifactPreset}) not run at this size (CPU budget of the quick size); --size full runs it on every seed";
        Add("21", "Sensitivity (repro-artifact): open-loop post-initial peak", "peak/initial of D_open", m => m.Peak.PeakOverInitial,
            $"argmax_e D_open > 0 and max D_open > {Number.Text(peak.PeakFactor)}·D_open(0)", m => m.Peak.PostInitialPeak, note: note, over: artifact);
        Add("22", "Sensitivity (repro-artifact): spectral three-stage support", "Stage-2 length e2 − e1",
            m => PairQuantities.Epoch(m.Spectral.Stage2End) - PairQuantities.Epoch(m.Spectral.Stage1End), "three spectral stages", m => m.ThreeStages, note: note, over: artifact);
        Add("23", "Sensitivity (repro-artifact): loss divergence (relative gap > 0.05)", "relative gap", m => m.Comparison.RelativeGap,
            $"relative gap > {Number.Text(gaps.RelativeGapThreshold)}", m => m.Comparison.LossDivergence, note: note, over: artifact);
        return c;
    }

    private static string List(IReadOnlyList<PairMeasures> ms, Func<PairMeasures, int?> f) => "[" + string.Join(", ", ms.Select(m => f(m)?.ToString(CultureInfo.InvariantCulture) ?? "none")) + "]";

    private static string List(IReadOnlyList<PairMeasures> ms, Func<PairMeasures, double> f) => "[" + string.Join(", ", ms.Select(m => f(m).ToString("G3", CultureInfo.InvariantCulture))) + "]";

    private static string Reasons(IReadOnlyList<PairMeasures> ms) =>
        string.Join(", ", ms.GroupBy(m => m.Derivative.ExitReason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
}

/// <summary>The paired protocol's measures: the baseline and sensitivity pairs, the criteria, and the spectra the eigenvalue panels of the first seed draw.</summary>
public sealed record PairedData(IReadOnlyList<ProtocolPair> Main, IReadOnlyList<ProtocolPair> Artifact, ProtocolClaims Criteria, PairSpectra ClosedSpectra, PairSpectra OpenSpectra);

/// <summary>The recorded eigenvalues of P of one learner (<c>eig_p</c>) and its number of epochs.</summary>
public sealed record PairSpectra(long[] Epochs, System.Numerics.Complex[][] Rows, int RunEpochs)
{
    public static PairSpectra Of(Runs.RunRecord run) =>
        run.Array("eig_p") is { } a ? new(a.Epochs, a.Rows, run.Epochs) : new([], [], run.Epochs);
}
