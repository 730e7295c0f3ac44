using System.Numerics;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Theory;

/// <summary>
/// Settings of the reduced-model gradient-descent experiment (docs/science/analysis-maths.md §5.4): plain SGD on the four order
/// parameters (published order σ_vu, σ_zm, σ_vm, σ_zu) of the effective loss ℒ_eff(α), with clipping of the
/// global norm of the 4-element gradient.
/// </summary>
public sealed record ReducedDescentSettings
{
    /// <summary>Horizon weight α in [0, 1].</summary>
    public double Alpha { get; init; }
    /// <summary>Exponent T∞ of ℒ_∞ (10 in the published figure, 20 in the theory material).</summary>
    public int TInf { get; init; } = 10;
    /// <summary>Steps n of the short-horizon term ℒ₀.</summary>
    public int N { get; init; } = 3;
    /// <summary>SGD learning rate η.</summary>
    public double LearningRate { get; init; } = 0.001;
    /// <summary>Global-norm clipping threshold, or null for none.</summary>
    public double? ClipNorm { get; init; } = 1.0;
    /// <summary>Number of updates; snapshots 0..Steps are recorded.</summary>
    public int Steps { get; init; } = 240;

    /// <summary>Figure version (T∞ = 10): α ∈ {0, 0.48, 0.52, 0.55, 1} with 240 steps (300 for 0.48, 190 for 0.55).</summary>
    public static IReadOnlyList<ReducedDescentSettings> FigureSet() =>
    [
        new() { Alpha = 0, Steps = 240 }, new() { Alpha = 0.48, Steps = 300 }, new() { Alpha = 0.52, Steps = 240 },
        new() { Alpha = 0.55, Steps = 190 }, new() { Alpha = 1, Steps = 240 },
    ];

    /// <summary>Theory version (T∞ = 20): α ∈ {0, 0.2, 0.3, 0.35, 0.4, 1} with 200 steps.</summary>
    public static IReadOnlyList<ReducedDescentSettings> TheorySet() =>
        new[] { 0, 0.2, 0.3, 0.35, 0.4, 1 }.Select(a => new ReducedDescentSettings { Alpha = a, TInf = 20, Steps = 200 }).ToArray();

    /// <summary>Checks every field; throws naming the field, the value and what is allowed.</summary>
    public ReducedDescentSettings Validated()
    {
        if (!(Alpha >= 0 && Alpha <= 1)) throw new ArgumentException($"reduced_descent.alpha = {Alpha} is not allowed: it must be in [0, 1]");
        if (TInf < 1) throw new ArgumentException($"reduced_descent.t_inf = {TInf} is not allowed: it must be >= 1");
        if (N < 1) throw new ArgumentException($"reduced_descent.n = {N} is not allowed: it must be >= 1");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"reduced_descent.learning_rate = {LearningRate} is not allowed: it must be > 0 and finite");
        if (ClipNorm is { } c && !(c > 0)) throw new ArgumentException($"reduced_descent.clip_norm = {c} is not allowed: it must be > 0 (or null for none)");
        if (Steps < 0) throw new ArgumentException($"reduced_descent.steps = {Steps} is not allowed: it must be >= 0");
        return this;
    }
}

/// <summary>One snapshot of the reduced descent: the parameters after <paramref name="Step"/> updates.</summary>
/// <param name="Step">Snapshot index j (parameters after j updates).</param>
/// <param name="Parameters">Order parameters at the snapshot.</param>
/// <param name="DominantRoot">Dominant root of the cubic (largest modulus, Im ≥ 0).</param>
/// <param name="Loss">ℒ_eff(α).</param>
/// <param name="LInf">Long-horizon term ℒ_∞.</param>
/// <param name="L0">Short-horizon term ℒ₀.</param>
/// <param name="GradientNorm">Norm of the gradient of ℒ_eff before clipping.</param>
public sealed record ReducedDescentRecord(int Step, OrderParameters Parameters, Complex DominantRoot, double Loss, double LInf, double L0, double GradientNorm);

/// <summary>The result of <see cref="StageTwo.Descend"/>: the settings used and Steps + 1 snapshots.</summary>
public sealed record ReducedDescentResult(ReducedDescentSettings Settings, OrderParameters Start, IReadOnlyList<ReducedDescentRecord> Records)
{
    /// <summary>The last snapshot (parameters after all updates).</summary>
    public ReducedDescentRecord Final => Records[^1];

    /// <summary>First snapshot whose dominant root lies strictly inside the unit disk, or null.</summary>
    public int? FirstInsideUnitDisk => Records.FirstOrDefault(r => r.DominantRoot.Magnitude < 1)?.Step;
}

public static partial class StageTwo
{
    /// <summary>
    /// Plain SGD on ℒ_eff(α) over the four order parameters (published order σ_vu, σ_zm, σ_vm, σ_zu) with global-norm
    /// clipping (docs/science/model-and-training.md §8.3), starting from <paramref name="start"/>. Snapshot j (taken before update j) records the
    /// parameters after j updates, their dominant cubic root and the loss terms; j = 0..Steps.
    /// </summary>
    public static ReducedDescentResult Descend(OrderParameters start, ReducedDescentSettings s)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(s);
        s.Validated();
        var theta = ToPublishedOrder(start);
        var optimizer = new Optimizer<double>(new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = s.LearningRate, ClipNorm = s.ClipNorm }, [4]);
        var records = new List<ReducedDescentRecord>(s.Steps + 1);
        for (int j = 0; ; j++)
        {
            var o = FromPublishedOrder(theta);
            var e = EffectiveLoss(o, s.Alpha, s.TInf, s.N);
            var gradient = (double[])e.Gradient.Clone();
            var (norm, _) = GradientClipping.Apply([gradient], s.ClipNorm);
            records.Add(new ReducedDescentRecord(j, o, RankOneModel.CubicRootsOrNaN(o)[0], e.Value, e.LInf, e.L0, norm));
            if (j == s.Steps) break;
            optimizer.Step([theta], [gradient]);
        }
        return new ReducedDescentResult(s, start, records);
    }
}
