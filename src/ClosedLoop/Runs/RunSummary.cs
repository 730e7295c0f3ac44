using System.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// The headline results of a run (<c>summary.json</c>). Deterministic: no wall-clock times (those are in the
/// manifest), so one seed gives the same bytes. Stage boundaries are added by <c>closedloop analyze</c>. A number
/// that is not defined or not finite is written as <c>null</c> (<see cref="JsonFiles"/>); <see cref="Diverged"/> and
/// <see cref="FirstNonFiniteEpoch"/> say whether and when the loss stopped being finite.
/// </summary>
public sealed record RunSummary
{
    public const string FileName = "summary.json";

    public required string Preset { get; init; }
    public required LoopMode Mode { get; init; }
    public required long Seed { get; init; }
    public required int Epochs { get; init; }
    public required int Updates { get; init; }
    public OpenLoopVariant? OpenLoopVariant { get; init; }
    public string? Teacher { get; init; }
    public required double FinalLoss { get; init; }
    public required double MinLoss { get; init; }
    public required int MinLossEpoch { get; init; }
    public double? InitialTestLoss { get; init; }
    public double? FinalTestLoss { get; init; }
    public double? MinTestLoss { get; init; }
    public double? MaxTestLoss { get; init; }
    public int? MaxTestLossEpoch { get; init; }
    /// <summary>Strict stabilisation epoch: first epoch from which ρ(P) &lt; 1 at every later recorded epoch; null if never.</summary>
    public int? StabilizationEpoch { get; init; }
    public double? FinalSpectralRadius { get; init; }
    public IReadOnlyList<Complex>? FinalEigenvalues { get; init; }
    public double? FinalK1 { get; init; }
    public double? FinalK2 { get; init; }
    public required int NonFiniteEpochs { get; init; }
    /// <summary>True when the loss or gradient of some epoch was NaN or ±∞ (large finite losses are not divergence).</summary>
    public bool Diverged { get; init; }
    /// <summary>The first epoch whose loss or gradient was not finite (its row's status is <c>non_finite</c>), or null.</summary>
    public int? FirstNonFiniteEpoch { get; init; }
    /// <summary>How training ended: <c>completed</c>, or <c>stopped_on_divergence</c> (<c>--stop-on-divergence</c>).</summary>
    public TrainingEnd End { get; init; } = TrainingEnd.Completed;
    public required int BasisEpochs { get; init; }
    /// <summary>Stage boundaries and detector outputs, filled in by the analysis (null until then).</summary>
    public Dictionary<string, object?>? Stages { get; init; }

    /// <summary>The summary of a finished run from its history.</summary>
    public static RunSummary From(RunSettings s, TrainingResult result, RunHistory h, string? teacher)
    {
        var test = h.Column("test_loss");
        var rho = h.Column("spectral_radius");
        var recordedRho = rho?.Where(v => v is not null).Select(v => v!.Value).ToList();
        int minEpoch = ArgMin(h.Loss);
        var (maxTest, maxTestEpoch) = ArgMax(test);
        return new RunSummary
        {
            Preset = s.Preset,
            Mode = s.Mode,
            Seed = s.Seed,
            Epochs = result.Epochs,
            Updates = result.Updates,
            OpenLoopVariant = s.Mode == LoopMode.Open ? s.OpenLoop.Variant : null,
            Teacher = teacher,
            FinalLoss = h.Loss.Count == 0 ? double.NaN : h.Loss[^1],
            MinLoss = minEpoch < 0 ? double.NaN : h.Loss[minEpoch],
            MinLossEpoch = minEpoch,
            InitialTestLoss = test?.FirstOrDefault(v => v is not null),
            FinalTestLoss = test?.LastOrDefault(v => v is not null),
            MinTestLoss = test?.Where(v => v is { } x && !double.IsNaN(x)).Min(),
            MaxTestLoss = maxTest,
            MaxTestLossEpoch = maxTestEpoch,
            StabilizationEpoch = StrictEpoch(rho),
            FinalSpectralRadius = recordedRho is { Count: > 0 } ? recordedRho[^1] : null,
            FinalEigenvalues = h.LastRow("eig_p"),
            FinalK1 = h.Column("k1")?.LastOrDefault(v => v is not null),
            FinalK2 = h.Column("k2")?.LastOrDefault(v => v is not null),
            NonFiniteEpochs = h.NonFiniteEpochs,
            Diverged = h.NonFiniteEpochs > 0,
            FirstNonFiniteEpoch = h.FirstNonFiniteEpoch,
            End = result.End,
            BasisEpochs = h.BasisEpochs,
        };
    }

    /// <summary>Strict stabilisation epoch over the epochs where ρ was recorded, in epoch units.</summary>
    public static int? StrictEpoch(IReadOnlyList<double?>? rho)
    {
        if (rho is null) return null;
        var epochs = new List<int>();
        var values = new List<double>();
        for (int e = 0; e < rho.Count; e++)
            if (rho[e] is { } v) { epochs.Add(e); values.Add(v); }
        return StabilizationEpochs.Strict(values) is { } i ? epochs[i] : null;
    }

    private static int ArgMin(IReadOnlyList<double> v)
    {
        int best = -1;
        for (int i = 0; i < v.Count; i++)
            if (!double.IsNaN(v[i]) && (best < 0 || v[i] < v[best])) best = i;
        return best;
    }

    private static (double?, int?) ArgMax(IReadOnlyList<double?>? v)
    {
        if (v is null) return (null, null);
        int? best = null;
        for (int i = 0; i < v.Count; i++)
            if (v[i] is { } x && !double.IsNaN(x) && (best is null || x > v[best.Value]!.Value)) best = i;
        return best is { } b ? (v[b], b) : (null, null);
    }
}
