using System.Numerics;
using System.Text.Json.Serialization;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>One reduced descent on ℒ_eff(α) (docs/science/analysis-maths.md §5.4) and the path of its dominant cubic root.</summary>
/// <param name="Alpha">Horizon weight α.</param>
/// <param name="TInf">Exponent T∞ of ℒ_∞.</param>
/// <param name="Steps">Updates made (snapshots 0..Steps).</param>
/// <param name="StartRoot">Dominant root at the start snapshot.</param>
/// <param name="RootAfterDirectionSteps">Dominant root after <see cref="Stage2CheckSettings.DirectionSteps"/> updates (or at the end).</param>
/// <param name="FinalRoot">Dominant root after all updates.</param>
/// <param name="ImaginaryChange">Im of <paramref name="RootAfterDirectionSteps"/> − Im of <paramref name="StartRoot"/>: &gt; 0 climbs away from the real axis, &lt; 0 descends toward it.</param>
/// <param name="FirstInsideUnitDisk">First snapshot whose dominant root has modulus below 1, or null.</param>
/// <param name="Result">The full descent (written to <c>stage2_descent.csv</c>, not to JSON).</param>
public sealed record StageTwoPath(
    double Alpha, int TInf, int Steps, Complex StartRoot, Complex RootAfterDirectionSteps, Complex FinalRoot,
    double ImaginaryChange, int? FirstInsideUnitDisk, [property: JsonIgnore] ReducedDescentResult Result);

/// <summary>
/// The Stage-2 reduced descent started from the order parameters of snapshot e_s = max(10, e₁ + 2) of a rank-1 run
/// (decision 17 of docs/science/decisions.md), for each α of the figure set.
/// </summary>
/// <param name="StartEpoch">e_s.</param>
/// <param name="Stage1EndEpoch">The spectral e₁ it was derived from (null: not detected, e_s = the minimum start).</param>
/// <param name="Start">Order parameters of snapshot e_s.</param>
/// <param name="Paths">One path per α.</param>
public sealed record StageTwoCheck(int StartEpoch, int? Stage1EndEpoch, OrderParameters Start, IReadOnlyList<StageTwoPath> Paths)
{
    /// <summary>The CSV header of <c>stage2_descent.csv</c>.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "alpha", "t_inf", "step", "sigma_zm", "sigma_zu", "sigma_vm", "sigma_vu", "pi",
        "dom_re", "dom_im", "dom_abs", "loss", "l_inf", "l0", "grad_norm",
    ];

    /// <summary>The start snapshot e_s = max(minimum, e₁ + offset), or the minimum without e₁.</summary>
    public static int StartEpochFor(int? stage1End, Stage2CheckSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return stage1End is { } e1 ? Math.Max(s.MinimumStart, e1 + s.Offset) : s.MinimumStart;
    }

    /// <summary>Runs every descent of <paramref name="s"/> from <paramref name="start"/>.</summary>
    public static StageTwoCheck Run(int startEpoch, int? stage1End, OrderParameters start, Stage2CheckSettings s)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(s);
        var paths = s.Descents.Select(d =>
        {
            var r = StageTwo.Descend(start, d);
            var first = r.Records[0].DominantRoot;
            var after = r.Records[Math.Min(s.DirectionSteps, r.Records.Count - 1)].DominantRoot;
            return new StageTwoPath(d.Alpha, d.TInf, d.Steps, first, after, r.Final.DominantRoot,
                after.Imaginary - first.Imaginary, r.FirstInsideUnitDisk, r);
        }).ToArray();
        return new StageTwoCheck(startEpoch, stage1End, start, paths);
    }

    /// <summary>The CSV rows of every path in <see cref="Header"/> order (α, then step).</summary>
    public IEnumerable<object?[]> Rows() =>
        Paths.SelectMany(p => p.Result.Records.Select(r => new object?[]
        {
            p.Alpha, p.TInf, r.Step, r.Parameters.SigmaZm, r.Parameters.SigmaZu, r.Parameters.SigmaVm, r.Parameters.SigmaVu,
            r.Parameters.Pi, r.DominantRoot.Real, r.DominantRoot.Imaginary, r.DominantRoot.Magnitude, r.Loss, r.LInf, r.L0,
            r.GradientNorm,
        }));
}
