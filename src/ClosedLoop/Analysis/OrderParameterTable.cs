using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Analysis;

/// <summary>
/// One row of <c>order_parameters.csv</c>: the order parameters of checkpoint <paramref name="Epoch"/> (docs/science/analysis-maths.md §3.2)
/// and what the theory derives from them.
/// </summary>
/// <param name="Epoch">Checkpoint e (weights after e updates).</param>
/// <param name="Parameters">σ_zm, σ_zu, σ_vm, σ_vu (π = σ_vm σ_zu).</param>
/// <param name="Roots">The three exact roots of the cubic p(λ) (§3.4), sorted by the Spectrum rule.</param>
/// <param name="Lambda3Exact">The real root λ₃ (the one nearest σ_vu when all three are real); null when undefined.</param>
/// <param name="Lambda3Perturbative">λ₃ ≈ σ_vu + π/(σ_vu² − 2σ_vu − σ_zm + 1) (§5.1).</param>
/// <param name="Lambda1SquaredExact">Product of the two roots other than λ₃ (= |λ₁|² for a conjugate pair, §5.2).</param>
/// <param name="Lambda1SquaredPerturbative">c₁ + c₂λ₃ + λ₃² at the perturbative λ₃ (§5.2).</param>
/// <param name="StageOnePlus">Stage-1 approximation 1 + √σ_zm (principal root, §4).</param>
/// <param name="StageOneMinus">Stage-1 approximation 1 − √σ_zm.</param>
public sealed record OrderParameterRow(
    int Epoch,
    OrderParameters Parameters,
    Complex[] Roots,
    double? Lambda3Exact,
    double Lambda3Perturbative,
    double? Lambda1SquaredExact,
    double Lambda1SquaredPerturbative,
    Complex StageOnePlus,
    Complex StageOneMinus);

/// <summary>The order-parameter table of a rank-1 run, one row per checkpoint where σ_zm..σ_vu were recorded.</summary>
/// <remarks>
/// The cubic roots are the non-zero eigenvalues of P only for the paper's rank-1 model (g = 0, linear φ, γ = 1, the
/// double integrator; docs/science/analysis-maths.md §3); for other rank-1 networks they are the roots of the reduced model only.
/// </remarks>
public static class OrderParameterTable
{
    /// <summary>The CSV header of <c>order_parameters.csv</c>.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "epoch", "sigma_zm", "sigma_zu", "sigma_vm", "sigma_vu", "pi",
        "root1_re", "root1_im", "root2_re", "root2_im", "root3_re", "root3_im",
        "lambda3_exact", "lambda3_pert", "lambda1_sq_exact", "lambda1_sq_pert",
        "stage1_plus_re", "stage1_plus_im", "stage1_minus_re", "stage1_minus_im",
    ];

    /// <summary>The rows of a run, or null when it recorded no order parameters (not a rank-1 run).</summary>
    public static IReadOnlyList<OrderParameterRow>? Of(RunDirectory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var cols = new[] { "sigma_zm", "sigma_zu", "sigma_vm", "sigma_vu" }.Select(run.Column).ToArray();
        if (cols.Any(c => c is null)) return null;
        var rows = new List<OrderParameterRow>();
        for (int e = 0; e < run.EpochCount; e++)
        {
            if (cols.Any(c => c![e] is null)) continue;
            rows.Add(Row(e, new OrderParameters(cols[0]![e]!.Value, cols[1]![e]!.Value, cols[2]![e]!.Value, cols[3]![e]!.Value)));
        }
        return rows;
    }

    /// <summary>The row of one checkpoint.</summary>
    public static OrderParameterRow Row(int epoch, OrderParameters o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var roots = RankOneModel.CubicRootsOrNaN(o);
        double? l3 = ExactLambda3(roots, o.SigmaVu);
        double? l1sq = l3 is { } x ? OtherPairProduct(roots, x) : null;
        if (!Array.TrueForAll(o.ToArray(), double.IsFinite))
            return new OrderParameterRow(epoch, o, roots, null, double.NaN, null, double.NaN, Complex.NaN, Complex.NaN);
        var (plus, minus) = StageOne.Eigenvalues(o.SigmaZm);
        return new OrderParameterRow(epoch, o, roots, l3, StageTwo.Lambda3Perturbative(o), l1sq,
            StageTwo.Lambda1SquaredPerturbative(o), plus, minus);
    }

    /// <summary>Cells of one row in <see cref="Header"/> order (null = undefined → empty cell).</summary>
    public static object?[] Cells(OrderParameterRow r)
    {
        var o = r.Parameters;
        return
        [
            r.Epoch, o.SigmaZm, o.SigmaZu, o.SigmaVm, o.SigmaVu, o.Pi,
            r.Roots[0].Real, r.Roots[0].Imaginary, r.Roots[1].Real, r.Roots[1].Imaginary, r.Roots[2].Real, r.Roots[2].Imaginary,
            r.Lambda3Exact, r.Lambda3Perturbative, r.Lambda1SquaredExact, r.Lambda1SquaredPerturbative,
            r.StageOnePlus.Real, r.StageOnePlus.Imaginary, r.StageOneMinus.Real, r.StageOneMinus.Imaginary,
        ];
    }

    /// <summary>
    /// The real root of the cubic (roots with zero imaginary part, as <see cref="RankOneModel.CubicRoots"/> returns
    /// them); with three real roots, the one nearest σ_vu, the expansion point of §5.1. Null for NaN roots.
    /// </summary>
    public static double? ExactLambda3(IReadOnlyList<Complex> roots, double sigmaVu)
    {
        ArgumentNullException.ThrowIfNull(roots);
        double? best = null;
        foreach (var r in roots)
        {
            if (r.Imaginary != 0 || !double.IsFinite(r.Real)) continue;
            if (best is not { } b || Math.Abs(r.Real - sigmaVu) < Math.Abs(b - sigmaVu)) best = r.Real;
        }
        return best;
    }

    private static double OtherPairProduct(Complex[] roots, double lambda3)
    {
        int skip = Array.FindIndex(roots, r => r.Imaginary == 0 && r.Real == lambda3);
        var product = Complex.One;
        for (int i = 0; i < roots.Length; i++)
            if (i != skip) product *= roots[i];
        return product.Real;
    }
}
