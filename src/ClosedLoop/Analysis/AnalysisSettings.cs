using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Analysis;

/// <summary>Acquisition of tracking frequencies (docs/science/analysis-maths.md §9).</summary>
public sealed record AcquisitionSettings
{
    /// <summary>θ_acq: a probe loss below this counts as acquired (decision 24 of docs/science/decisions.md; default 1.0).</summary>
    public double Threshold { get; init; } = TrackingAnalysis.DefaultThreshold;

    /// <summary>Null (default): "below θ at every later record"; p: below θ on p consecutive records.</summary>
    public int? Persistence { get; init; }

    /// <summary>Half-width Δ of the interference window in epochs (default 100).</summary>
    public int InterferenceWindow { get; init; } = TrackingAnalysis.DefaultInterferenceWindow;
}

/// <summary>The Stage-3 reduced-model check (docs/science/analysis-maths.md §6).</summary>
public sealed record Stage3CheckSettings
{
    /// <summary>Snapshot e_s to start from; null (default) = the strict stabilisation epoch e_stab (decision 12 of docs/science/decisions.md).</summary>
    public int? From { get; init; }

    /// <summary>Restart epochs j (epochs after e_s) at which the loss ratio reduced/full is reported.</summary>
    public IReadOnlyList<int> RatioEpochs { get; init; } = [10, 50, 100, 300];

    /// <summary>Half-width (restart epochs) of the window over which the windowed ratio averages both losses (default 5).</summary>
    public int RatioWindow { get; init; } = 5;
}

/// <summary>The Stage-2 reduced descent (docs/science/analysis-maths.md §5.4) started from snapshot e_s = max(MinimumStart, e₁ + Offset).</summary>
public sealed record Stage2CheckSettings
{
    /// <summary>Lowest start snapshot (default 10, the published "snapshot 10").</summary>
    public int MinimumStart { get; init; } = 10;

    /// <summary>Epochs after the Stage-1 end e₁ (default 2; decision 17 of docs/science/decisions.md).</summary>
    public int Offset { get; init; } = 2;

    /// <summary>The descents to run (default: the figure set, T∞ = 10, α ∈ {0, 0.48, 0.52, 0.55, 1}).</summary>
    public IReadOnlyList<ReducedDescentSettings> Descents { get; init; } = ReducedDescentSettings.FigureSet();

    /// <summary>Steps after which the direction of the dominant root (up or down in Im) is read (default 20).</summary>
    public int DirectionSteps { get; init; } = 20;
}

/// <summary>
/// Everything <see cref="RunAnalysis.Analyze"/> can be told; every threshold of every detector is a named field. On
/// the command line each field is <c>--set analysis.&lt;snake_case path&gt;=value</c>, e.g.
/// <c>--set analysis.spectral_detector.persistence=8</c> or <c>--set analysis.acquisition.threshold=0.5</c>.
/// </summary>
public sealed record AnalysisSettings
{
    /// <summary>Spectral detector of docs/science/analysis-maths.md §7.2 (p = 5, k_th = −0.01, g_th = 0.01).</summary>
    public SpectralDetectorSettings SpectralDetector { get; init; } = new();

    /// <summary>Loss-derivative detector of docs/science/analysis-maths.md §7.3a.</summary>
    public DerivativeDetectorSettings DerivativeDetector { get; init; } = new();

    /// <summary>Segmented-regression variants of docs/science/analysis-maths.md §7.3b (default: all five, main first).</summary>
    public IReadOnlyList<SegmentedRegressionSettings> SegmentedRegression { get; init; } = SegmentedRegressionSettings.Variants;

    /// <summary>Spectral and loss-based boundaries further apart than this many epochs are flagged <c>disagree</c> (default 10).</summary>
    public int BoundaryTolerance { get; init; } = 10;

    /// <summary>Persistence (consecutive records) of the gain-system crossing (default 5, as the spectral detector).</summary>
    public int GainSystemPersistence { get; init; } = 5;

    public AcquisitionSettings Acquisition { get; init; } = new();

    public Stage3CheckSettings Stage3 { get; init; } = new();

    public Stage2CheckSettings Stage2 { get; init; } = new();

    /// <summary>The prefix of analysis keys on the command line.</summary>
    public const string KeyPrefix = "analysis.";

    /// <summary>
    /// Default settings with <c>analysis.key=value</c> assignments applied (dotted snake_case keys, JSON or bare-word
    /// values); validated. Throws <see cref="ArgumentException"/> naming an unknown key or a bad value.
    /// </summary>
    public static AnalysisSettings FromAssignments(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var node = (JsonObject)JsonSerializer.SerializeToNode(new AnalysisSettings(), SettingsJson.Options)!;
        foreach (var a in assignments)
        {
            if (!a.StartsWith(KeyPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"--set '{a}' is not allowed: analysis settings are written analysis.key=value, e.g. --set analysis.spectral_detector.persistence=8");
            RunConfig.ApplyOverride(node, a[KeyPrefix.Length..]);
        }
        return SettingsJson.Read<AnalysisSettings>(node, KeyPrefix).Validated();
    }

    /// <summary>Checks every field; throws naming the field, the value and what is allowed.</summary>
    public AnalysisSettings Validated()
    {
        Nested(() => SpectralDetector.Validated());
        Nested(() => DerivativeDetector.Validated());
        if (SegmentedRegression is null || SegmentedRegression.Count == 0)
            throw new ArgumentException("analysis.segmented_regression is empty: give at least one variant");
        foreach (var v in SegmentedRegression) Nested(() => v.Validated());
        if (BoundaryTolerance < 0) throw new ArgumentException($"analysis.boundary_tolerance = {BoundaryTolerance} is not allowed: it must be >= 0 epochs");
        if (GainSystemPersistence < 1) throw new ArgumentException($"analysis.gain_system_persistence = {GainSystemPersistence} is not allowed: it must be >= 1");
        if (!double.IsFinite(Acquisition.Threshold)) throw new ArgumentException($"analysis.acquisition.threshold = {Acquisition.Threshold} is not allowed: it must be finite");
        if (Acquisition.Persistence is < 1) throw new ArgumentException($"analysis.acquisition.persistence = {Acquisition.Persistence} is not allowed: it must be >= 1 (or null for 'all later records')");
        if (Acquisition.InterferenceWindow < 0) throw new ArgumentException($"analysis.acquisition.interference_window = {Acquisition.InterferenceWindow} is not allowed: it must be >= 0");
        if (Stage3.From is < 0) throw new ArgumentException($"analysis.stage3.from = {Stage3.From} is not allowed: it must be an epoch >= 0 (or null for the stabilisation epoch)");
        if (Stage3.RatioEpochs.Any(e => e < 0)) throw new ArgumentException($"analysis.stage3.ratio_epochs = [{string.Join(", ", Stage3.RatioEpochs)}] is not allowed: restart epochs must be >= 0");
        if (Stage3.RatioWindow < 0) throw new ArgumentException($"analysis.stage3.ratio_window = {Stage3.RatioWindow} is not allowed: it must be >= 0");
        if (Stage2.MinimumStart < 0) throw new ArgumentException($"analysis.stage2.minimum_start = {Stage2.MinimumStart} is not allowed: it must be >= 0");
        if (Stage2.Offset < 0) throw new ArgumentException($"analysis.stage2.offset = {Stage2.Offset} is not allowed: it must be >= 0");
        if (Stage2.DirectionSteps < 1) throw new ArgumentException($"analysis.stage2.direction_steps = {Stage2.DirectionSteps} is not allowed: it must be >= 1");
        foreach (var d in Stage2.Descents) Nested(() => d.Validated(), "reduced_descent.", "stage2.descents.");
        return this;
    }

    /// <summary>Runs the validation of a nested theory record, whose messages name keys below <c>analysis.</c>; adds the prefix.</summary>
    private static void Nested(Action validate, string recordKey = "", string typedKey = "")
    {
        try { validate(); }
        catch (ArgumentException e) when (!e.Message.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            string m = recordKey.Length > 0 && e.Message.StartsWith(recordKey, StringComparison.Ordinal) ? typedKey + e.Message[recordKey.Length..] : e.Message;
            throw new ArgumentException(KeyPrefix + m);
        }
    }
}
