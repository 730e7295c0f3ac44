using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>The measures of every seed of one generalisation variant, with their support counts (failures apart).</summary>
public sealed record GeneralisationRow(GeneralisationVariant Variant, IReadOnlyList<ProtocolPair> Pairs)
{
    /// <summary>The measures of every seed.</summary>
    public IReadOnlyList<PairMeasures> Seeds { get; } = Pairs.Select(p => p.Measures).ToList();

    /// <summary>
    /// The criteria of §12.5 in table and figure order: the open learner's post-initial peak of D, a final relative gap
    /// above 5 %, the strict stabilisation of the closed learner's joint Jacobian (ρ(J) &lt; 1 at every later epoch) and the
    /// spectral three stages (only where k₁ exists). <c>Measured</c> is the per-seed quantity the claim reports.
    /// </summary>
    public static IReadOnlyList<GeneralisationCriterion> Criteria { get; } =
    [
        new("open-loop peak", "post_initial_peak", "peak/initial of D_open", m => m.Peak.PeakOverInitial, m => m.Peak.PostInitialPeak, NeedsGain: false),
        new("final gap", "relative_gap", "relative gap |D_open − D_closed| / D_closed at the last epoch", m => m.Comparison.RelativeGap, m => m.Comparison.LossDivergence, NeedsGain: false),
        new("rho(J) stabilises", "stabilises", "strict stabilisation epoch of ρ(J) (NaN: never)", m => PairQuantities.Epoch(m.Spectral.StrictStabilization), m => m.Spectral.StrictStabilization is not null, NeedsGain: false),
        new("three stages", "three_stages", "growth G of |λ₃| after the crossing", m => m.Spectral.Growth ?? double.NaN, m => m.ThreeStages, NeedsGain: true),
    ];

    /// <summary>True when criterion <paramref name="k"/> can be measured for this variant.</summary>
    public bool Measurable(int k) => !Criteria[k].NeedsGain || Variant.HasPositionGain;

    /// <summary>Support of criterion <paramref name="k"/> (failed seeds give no verdict); null where it cannot be measured.</summary>
    public SupportSummary? Support(int k) => Measurable(k) ? Descriptive.Support(Verdicts(k)) : null;

    /// <summary>Per-seed verdicts of criterion <paramref name="k"/>: null for a failed seed.</summary>
    public IReadOnlyList<bool?> Verdicts(int k) => Seeds.Select(m => m.Failed ? (bool?)null : Criteria[k].Holds(m)).ToList();

    /// <summary>Seeds whose deployed losses went non-finite.</summary>
    public int Failures => Seeds.Count(m => m.Failed);

    /// <summary>The median over finite values of a per-seed quantity of the seeds that did not fail (NaN if none).</summary>
    public double Median(Func<PairMeasures, double> f)
    {
        var v = Seeds.Where(m => !m.Failed).Select(f).Where(double.IsFinite).ToList();
        return v.Count == 0 ? double.NaN : Descriptive.Median(v);
    }
}

/// <summary>One criterion of the generalisation table.</summary>
/// <param name="Name">Label (figure and claims).</param>
/// <param name="Key">Column stem of generalisation_summary.csv.</param>
/// <param name="Quantity">What the per-seed value is.</param>
/// <param name="Value">The per-seed value.</param>
/// <param name="Holds">The per-seed verdict.</param>
/// <param name="NeedsGain">Only measurable with a position gain k₁.</param>
public sealed record GeneralisationCriterion(string Name, string Key, string Quantity, Func<PairMeasures, double> Value, Func<PairMeasures, bool> Holds, bool NeedsGain);
