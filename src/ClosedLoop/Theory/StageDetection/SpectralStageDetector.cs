using System.Numerics;

namespace ClosedLoop.Theory;

/// <summary>
/// Per-checkpoint inputs of the spectral stage detector (docs/science/analysis-maths.md §7.2); all lists have one entry per recorded
/// checkpoint, in epoch order.
/// </summary>
/// <param name="PositionGain">k₁(e), the fitted position gain (§8.1), code sign convention.</param>
/// <param name="SpectralRadius">ρ(e) = ρ(P_e) (linearised P for tanh networks, exact P for the rank-1 model).</param>
/// <param name="UnstableComplex">U(e): some eigenvalue has |λ| &gt; 1 and |Im λ| &gt; 10⁻⁶.</param>
/// <param name="ThirdEigenvalueModulus">|λ₃(e)|, the largest-modulus real eigenvalue, or null when P has none.</param>
public sealed record SpectralSeries(
    IReadOnlyList<double> PositionGain,
    IReadOnlyList<double> SpectralRadius,
    IReadOnlyList<bool> UnstableComplex,
    IReadOnlyList<double?> ThirdEigenvalueModulus)
{
    /// <summary>Epoch numbers of the checkpoints (strictly increasing); null means 0, 1, 2, ….</summary>
    public IReadOnlyList<int>? Epochs { get; init; }

    /// <summary>Optional loss series; when given, three-stage support requires its last value to be finite.</summary>
    public IReadOnlyList<double>? Loss { get; init; }

    /// <summary>|Im λ| above this counts as complex (docs/science/analysis-maths.md §2); the same threshold as <see cref="Spectrum"/>.</summary>
    public const double ComplexThreshold = Spectrum.ImaginaryTolerance;

    /// <summary>Number of checkpoints.</summary>
    public int Count => SpectralRadius.Count;

    /// <summary>
    /// Builds the series from per-checkpoint spectra of P (docs/science/analysis-maths.md §2): ρ = <see cref="Spectrum.Radius"/>,
    /// U = <see cref="Spectrum.HasUnstableComplex"/>, |λ₃| = |<see cref="Spectrum.Lambda3"/>| (null when P has no
    /// real eigenvalue).
    /// </summary>
    /// <param name="positionGain">k₁ per checkpoint.</param>
    /// <param name="spectra">Spectrum of P per checkpoint.</param>
    public static SpectralSeries FromSpectra(IReadOnlyList<double> positionGain, IReadOnlyList<Spectrum> spectra)
    {
        ArgumentNullException.ThrowIfNull(positionGain);
        ArgumentNullException.ThrowIfNull(spectra);
        var rho = spectra.Select(sp => sp.Radius).ToArray();
        var unstable = spectra.Select(sp => sp.HasUnstableComplex).ToArray();
        var third = spectra.Select(sp => sp.Lambda3 is { } l ? Math.Abs(l) : (double?)null).ToArray();
        return new SpectralSeries(positionGain, rho, unstable, third).Validated();
    }

    /// <summary>
    /// <see cref="FromSpectra"/> for raw eigenvalues of P per checkpoint (any order).
    /// </summary>
    public static SpectralSeries FromEigenvalues(IReadOnlyList<double> positionGain, IReadOnlyList<IReadOnlyList<Complex>> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        return FromSpectra(positionGain, eigenvalues.Select(Spectrum.FromEigenvalues).ToArray());
    }

    /// <summary>Epoch number of checkpoint <paramref name="index"/>.</summary>
    public int EpochAt(int index) => Epochs is null ? index : Epochs[index];

    /// <summary>Checks list lengths and epoch order; throws naming the field.</summary>
    public SpectralSeries Validated()
    {
        int n = SpectralRadius?.Count ?? throw new ArgumentException("spectral_series.spectral_radius is required");
        if (PositionGain is null || PositionGain.Count != n) throw new ArgumentException($"spectral_series.position_gain has {PositionGain?.Count} entries, expected {n} (one per checkpoint)");
        if (UnstableComplex is null || UnstableComplex.Count != n) throw new ArgumentException($"spectral_series.unstable_complex has {UnstableComplex?.Count} entries, expected {n}");
        if (ThirdEigenvalueModulus is null || ThirdEigenvalueModulus.Count != n) throw new ArgumentException($"spectral_series.third_eigenvalue_modulus has {ThirdEigenvalueModulus?.Count} entries, expected {n}");
        if (Loss is not null && Loss.Count != n) throw new ArgumentException($"spectral_series.loss has {Loss.Count} entries, expected {n}");
        if (Epochs is not null)
        {
            if (Epochs.Count != n) throw new ArgumentException($"spectral_series.epochs has {Epochs.Count} entries, expected {n}");
            for (int i = 1; i < n; i++)
                if (Epochs[i] <= Epochs[i - 1]) throw new ArgumentException($"spectral_series.epochs must be strictly increasing, but entry {i} is {Epochs[i]} after {Epochs[i - 1]}");
        }
        return this;
    }
}

/// <summary>Parameters of the spectral detector (docs/science/analysis-maths.md §7.2).</summary>
public sealed record SpectralDetectorSettings
{
    /// <summary>Persistence p: consecutive checkpoints a condition must hold (default 5).</summary>
    public int Persistence { get; init; } = 5;

    /// <summary>Gain threshold k_th: Stage 1 needs k₁ &lt; k_th (default −0.01).</summary>
    public double GainThreshold { get; init; } = -0.01;

    /// <summary>Growth threshold g_th of the real eigenvalue in Stage 3 (default 0.01).</summary>
    public double GrowthThreshold { get; init; } = 0.01;

    public SpectralDetectorSettings Validated()
    {
        if (Persistence < 1) throw new ArgumentException($"spectral_detector.persistence = {Persistence} is not allowed: it must be >= 1");
        if (!double.IsFinite(GainThreshold)) throw new ArgumentException($"spectral_detector.gain_threshold = {GainThreshold} is not allowed: it must be finite");
        if (!double.IsFinite(GrowthThreshold) || GrowthThreshold < 0) throw new ArgumentException($"spectral_detector.growth_threshold = {GrowthThreshold} is not allowed: it must be finite and >= 0");
        return this;
    }
}

/// <summary>
/// Result of <see cref="SpectralStageDetector.Detect"/>; epochs are epoch numbers (<see cref="SpectralSeries.Epochs"/>).
/// </summary>
/// <param name="Stage1End">e₁: first epoch from which the Stage-1 mask holds for p checkpoints (the Stage-1/2 boundary).</param>
/// <param name="Stage2End">e₂: persistent crossing ρ &lt; 1 for p checkpoints, searched from e₁ (from the first checkpoint when e₁ is null).</param>
/// <param name="StrictStabilization">e_stab: first epoch from which ρ &lt; 1 at every later checkpoint; null when not stabilised.</param>
/// <param name="Growth">G = max_{e ≥ e₂}|λ₃(e)| − |λ₃| at the first checkpoint ≥ e₂ where λ₃ exists; null without e₂ or λ₃.</param>
/// <param name="ThreeStages">e₁ and e₂ exist, G &gt; g_th and the final loss (when given) is finite.</param>
/// <param name="Settings">The settings used.</param>
public sealed record SpectralStageResult(
    int? Stage1End,
    int? Stage2End,
    int? StrictStabilization,
    double? Growth,
    bool ThreeStages,
    SpectralDetectorSettings Settings);

/// <summary>
/// The default stage detector (docs/science/analysis-maths.md §7.2): Stage 1 ends when a negative-position-gain policy with an
/// unstable oscillatory pair is established; Stage 2 ends at the persistent stability crossing; Stage 3 is
/// signed by the growth of the real eigenvalue λ₃.
/// </summary>
/// <remarks>
/// Persistence counts consecutive recorded checkpoints; windows must lie inside the record. Non-finite ρ never
/// counts as stable nor as unstable-oscillatory (NaN comparisons are false).
/// </remarks>
public static class SpectralStageDetector
{
    public static SpectralStageResult Detect(SpectralSeries input, SpectralDetectorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = (settings ?? new SpectralDetectorSettings()).Validated();
        input.Validated();
        int n = input.Count, p = s.Persistence;

        int? i1 = StageWindows.FirstWindow(n, 0, p,
            i => input.PositionGain[i] < s.GainThreshold && input.UnstableComplex[i] && input.SpectralRadius[i] > 1);
        int? i2 = StabilizationEpochs.PersistentCrossing(input.SpectralRadius, i1 ?? 0, p);
        int? strict = StabilizationEpochs.Strict(input.SpectralRadius);
        double? growth = i2 is { } start ? Growth(input.ThirdEigenvalueModulus, start) : null;
        bool finalFinite = input.Loss is null || n == 0 || double.IsFinite(input.Loss[n - 1]);
        bool three = i1 is not null && i2 is not null && growth > s.GrowthThreshold && finalFinite;

        return new SpectralStageResult(
            i1 is { } a ? input.EpochAt(a) : null,
            i2 is { } b ? input.EpochAt(b) : null,
            strict is { } c ? input.EpochAt(c) : null,
            growth, three, s);
    }

    private static double? Growth(IReadOnlyList<double?> lambda3, int start)
    {
        double? baseline = null, max = null;
        for (int i = start; i < lambda3.Count; i++)
        {
            if (lambda3[i] is not { } v || !double.IsFinite(v)) continue;
            baseline ??= v;
            max = max is { } m ? Math.Max(m, v) : v;
        }
        return baseline is { } b && max is { } mx ? mx - b : null;
    }
}
