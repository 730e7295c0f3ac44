namespace ClosedLoop.Theory;

/// <summary>The six components of the horizon trade-off metric (docs/science/analysis-maths.md §10).</summary>
public enum TradeOffComponent
{
    /// <summary>I_s ∧ (I_ℓ ∨ I_ρ).</summary>
    Union = 0,
    /// <summary>I_s ∧ I_ℓ.</summary>
    Loss = 1,
    /// <summary>I_s ∧ I_ρ.</summary>
    Radius = 2,
    /// <summary>I_s ∧ I_ℓ ∧ I_ρ.</summary>
    Both = 3,
    /// <summary>I_s ∧ I_ℓ ∧ ¬I_ρ.</summary>
    LossOnly = 4,
    /// <summary>I_s ∧ I_ρ ∧ ¬I_ℓ.</summary>
    RadiusOnly = 5,
}

/// <summary>Thresholds of the horizon trade-off metric.</summary>
public sealed record HorizonTradeOffSettings
{
    /// <summary>δ_s: a short-horizon improvement is Δ ln D_short &lt; −δ_s (default 0.005).</summary>
    public double ShortThreshold { get; init; } = 0.005;

    /// <summary>δ_ℓ: a long-horizon deterioration is Δ ln D_long &gt; δ_ℓ (default 0.005).</summary>
    public double LongThreshold { get; init; } = 0.005;

    /// <summary>Support needs at least this many co-occurrences (default 3).</summary>
    public int MinimumCount { get; init; } = 3;

    /// <summary>Support needs count/#I_s at least this (default 0.1).</summary>
    public double MinimumFraction { get; init; } = 0.1;

    public HorizonTradeOffSettings Validated()
    {
        if (!(ShortThreshold >= 0) || !double.IsFinite(ShortThreshold)) throw new ArgumentException($"tradeoff.short_threshold = {ShortThreshold} is not allowed: it must be finite and >= 0");
        if (!(LongThreshold >= 0) || !double.IsFinite(LongThreshold)) throw new ArgumentException($"tradeoff.long_threshold = {LongThreshold} is not allowed: it must be finite and >= 0");
        if (MinimumCount < 0) throw new ArgumentException($"tradeoff.minimum_count = {MinimumCount} is not allowed: it must be >= 0");
        if (!(MinimumFraction >= 0 && MinimumFraction <= 1)) throw new ArgumentException($"tradeoff.minimum_fraction = {MinimumFraction} is not allowed: it must be in [0, 1]");
        return this;
    }
}

/// <summary>One component: co-occurrence count, conditional fraction count/#I_s (0 when #I_s = 0), support verdict.</summary>
public sealed record TradeOffComponentResult(TradeOffComponent Component, int Count, double Fraction, bool Supported);

/// <summary>Result of <see cref="HorizonTradeOff.Compute"/>.</summary>
/// <param name="Steps">Successive evaluation pairs used (all deltas finite).</param>
/// <param name="SkippedSteps">Pairs skipped because a delta was not finite (e.g. a non-positive or diverged loss).</param>
/// <param name="ShortImprovements">#I_s.</param>
/// <param name="Components">The six components in <see cref="TradeOffComponent"/> order.</param>
/// <param name="LongCorrelation">Pearson correlation of −Δ_s with Δ_ℓ; null for fewer than 2 steps or zero variance.</param>
/// <param name="RadiusCorrelation">Pearson correlation of −Δ_s with Δ_ρ; null likewise.</param>
/// <param name="Settings">The settings used.</param>
public sealed record HorizonTradeOffResult(
    int Steps,
    int SkippedSteps,
    int ShortImprovements,
    IReadOnlyList<TradeOffComponentResult> Components,
    double? LongCorrelation,
    double? RadiusCorrelation,
    HorizonTradeOffSettings Settings)
{
    /// <summary>The result of one component.</summary>
    public TradeOffComponentResult this[TradeOffComponent component] => Components[(int)component];
}

/// <summary>
/// The reproduction's horizon trade-off metric (docs/science/analysis-maths.md §10): between successive evaluation points, does a
/// short-horizon improvement (Δ ln D₁₀ &lt; −δ_s) coincide with a long-horizon deterioration (Δ ln D₂₀₀ &gt; δ_ℓ)
/// or a growing spectral radius (Δρ &gt; 0)?
/// </summary>
public static class HorizonTradeOff
{
    /// <summary>Computes the metric from evaluation series taken at the same points (e.g. every 5 epochs and the last).</summary>
    /// <param name="shortLoss">D_short (D₁₀), positive.</param>
    /// <param name="longLoss">D_long (D₂₀₀), positive.</param>
    /// <param name="radius">ρ(P) at the same points.</param>
    /// <param name="settings">Thresholds.</param>
    public static HorizonTradeOffResult Compute(IReadOnlyList<double> shortLoss, IReadOnlyList<double> longLoss,
        IReadOnlyList<double> radius, HorizonTradeOffSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(shortLoss);
        ArgumentNullException.ThrowIfNull(longLoss);
        ArgumentNullException.ThrowIfNull(radius);
        var s = (settings ?? new HorizonTradeOffSettings()).Validated();
        int n = shortLoss.Count;
        if (longLoss.Count != n) throw new ArgumentException($"tradeoff.long_loss has {longLoss.Count} values, expected {n} (same points as short_loss)");
        if (radius.Count != n) throw new ArgumentException($"tradeoff.radius has {radius.Count} values, expected {n} (same points as short_loss)");

        var ds = new List<double>();
        var dl = new List<double>();
        var dr = new List<double>();
        int skipped = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            double a = Math.Log(shortLoss[i + 1]) - Math.Log(shortLoss[i]);
            double b = Math.Log(longLoss[i + 1]) - Math.Log(longLoss[i]);
            double c = radius[i + 1] - radius[i];
            if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c)) { skipped++; continue; }
            ds.Add(a); dl.Add(b); dr.Add(c);
        }

        var counts = new int[6];
        int improvements = 0;
        for (int i = 0; i < ds.Count; i++)
        {
            if (!(ds[i] < -s.ShortThreshold)) continue;
            improvements++;
            bool l = dl[i] > s.LongThreshold, r = dr[i] > 0;
            if (l || r) counts[(int)TradeOffComponent.Union]++;
            if (l) counts[(int)TradeOffComponent.Loss]++;
            if (r) counts[(int)TradeOffComponent.Radius]++;
            if (l && r) counts[(int)TradeOffComponent.Both]++;
            if (l && !r) counts[(int)TradeOffComponent.LossOnly]++;
            if (r && !l) counts[(int)TradeOffComponent.RadiusOnly]++;
        }
        var components = Enum.GetValues<TradeOffComponent>().Select(c =>
        {
            int count = counts[(int)c];
            double fraction = improvements == 0 ? 0.0 : count / (double)improvements;
            return new TradeOffComponentResult(c, count, fraction, count >= s.MinimumCount && fraction >= s.MinimumFraction);
        }).ToArray();
        var negShort = ds.Select(x => -x).ToArray();
        return new HorizonTradeOffResult(ds.Count, skipped, improvements, components,
            Descriptive.Correlation(negShort, dl), Descriptive.Correlation(negShort, dr), s);
    }
}
