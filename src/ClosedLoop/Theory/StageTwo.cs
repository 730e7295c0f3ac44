using System.Numerics;

namespace ClosedLoop.Theory;

/// <summary>The perturbative dominant pair of docs/science/analysis-maths.md §5.2: λ₁ ≈ λ₀ + ε with λ₀ = 1 + √σ_zm.</summary>
/// <param name="Lambda0">Base point λ₀ = 1 + √σ_zm (principal complex square root).</param>
/// <param name="Epsilon">Second-order correction ε.</param>
public sealed record PerturbativePair(Complex Lambda0, Complex Epsilon)
{
    /// <summary>The approximate dominant eigenvalue λ₁ = λ₀ + ε.</summary>
    public Complex Lambda1 => Lambda0 + Epsilon;
}

/// <summary>
/// The Stage-2 effective loss ℒ_eff(α) = α ℒ_∞ + (1 − α) ℒ₀ and its exact gradient (docs/science/analysis-maths.md §5.3). Gradients are
/// 4-vectors in the published order (σ_vu, σ_zm, σ_vm, σ_zu).
/// </summary>
public sealed record EffectiveLossValue(
    double Alpha, double Value, double LInf, double L0,
    double[] Gradient, double[] GradientLInf, double[] GradientL0);

/// <summary>
/// Stage 2 of learning, the plateau (docs/science/analysis-maths.md §5): perturbative formulas for the third eigenvalue λ₃ and the dominant
/// pair of the rank-1 cubic, the effective loss that trades short-horizon improvement (ℒ₀) against long-horizon
/// stability (ℒ_∞), and plain gradient descent on it (<see cref="Descend"/>).
/// </summary>
/// <remarks>
/// Parameter vectors of this class use the published order (σ_vu, σ_zm, σ_vm, σ_zu); <see cref="OrderParameters"/>
/// itself is (σ_zm, σ_zu, σ_vm, σ_vu).
/// </remarks>
public static partial class StageTwo
{
    /// <summary>First-order third eigenvalue λ₃ ≈ σ_vu + π/(σ_vu² − 2σ_vu − σ_zm + 1) (§5.1).</summary>
    public static double Lambda3Perturbative(OrderParameters o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.SigmaVu + o.Pi / Denominator(o);
    }

    /// <summary>
    /// |λ₁|² = c₁ + c₂λ₃ + λ₃² evaluated at the perturbative λ₃ (§5.2): the product of the remaining pair after dividing
    /// the cubic by (λ − λ₃); the squared modulus of the dominant pair when that pair is complex.
    /// </summary>
    public static double Lambda1SquaredPerturbative(OrderParameters o)
    {
        var (c2, c1, _) = new RankOneModel(o).CubicCoefficients();
        double l3 = Lambda3Perturbative(o);
        return c1 + c2 * l3 + l3 * l3;
    }

    /// <summary>
    /// Dominant pair by second-order expansion around λ₀ = 1 + √σ_zm (§5.2): ε solves
    /// ½p''(λ₀)ε² + p'(λ₀)ε + p(λ₀) = 0, taking ε = (−p' − √(p'² − 4·½p''·p)) / (2·½p'') with the principal root.
    /// </summary>
    public static PerturbativePair DominantPairPerturbative(OrderParameters o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var model = new RankOneModel(o);
        var (_, c1, _) = model.CubicCoefficients();
        var l0 = 1 + Complex.Sqrt(o.SigmaZm);
        var halfSecond = 3 * l0 - (o.SigmaVu + 2);
        var first = 3 * l0 * l0 - 2 * l0 * (o.SigmaVu + 2) + c1;
        var value = model.Cubic(l0);
        var eps = (-first - Complex.Sqrt(first * first - 4 * halfSecond * value)) / (2 * halfSecond);
        return new PerturbativePair(l0, eps);
    }

    /// <summary>
    /// ℒ_eff(α) = α ℒ_∞ + (1 − α) ℒ₀ with ℒ_∞ = (|λ₁|²)^T∞ (|λ₁|² from <see cref="Lambda1SquaredPerturbative"/>) and
    /// ℒ₀ = ‖[P_effⁿ]_xx‖_F² (the squared Frobenius norm of the state-to-state block after n steps). Returns the
    /// value, both terms and the exact gradients with respect to (σ_vu, σ_zm, σ_vm, σ_zu).
    /// </summary>
    /// <param name="o">Order parameters.</param>
    /// <param name="alpha">Horizon weight α in [0, 1] (not the leak).</param>
    /// <param name="tInf">Exponent T∞ ≥ 1 (10 in the published figure, 20 in the theory material).</param>
    /// <param name="n">Steps n ≥ 1 of the short-horizon term (default 3).</param>
    public static EffectiveLossValue EffectiveLoss(OrderParameters o, double alpha, int tInf = 10, int n = 3)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"alpha = {alpha} is not allowed: it must be in [0, 1]", nameof(alpha));
        CheckHorizons(tInf, n);
        var (lInf, gInf) = LongHorizonTerm(o, tInf);
        var (l0, g0) = ShortHorizonTerm(o, n);
        var g = new double[4];
        for (int i = 0; i < 4; i++) g[i] = alpha * gInf[i] + (1 - alpha) * g0[i];
        return new EffectiveLossValue(alpha, alpha * lInf + (1 - alpha) * l0, lInf, l0, g, gInf, g0);
    }

    /// <summary>
    /// Gradient conflict (docs/science/analysis-maths.md §5.3, §10): the cosine between ∇ℒ_∞ and ∇ℒ₀ with respect to the four parameters.
    /// Values near −1 mean the two terms pull in opposite directions. NaN when either gradient is zero.
    /// </summary>
    public static double GradientConflict(OrderParameters o, int tInf = 10, int n = 3)
    {
        var e = EffectiveLoss(o, 0.5, tInf, n);
        double dot = 0, a = 0, b = 0;
        for (int i = 0; i < 4; i++)
        {
            dot += e.GradientLInf[i] * e.GradientL0[i];
            a += e.GradientLInf[i] * e.GradientLInf[i];
            b += e.GradientL0[i] * e.GradientL0[i];
        }
        return a == 0 || b == 0 ? double.NaN : dot / Math.Sqrt(a * b);
    }

    /// <summary>Parameters in the published order (σ_vu, σ_zm, σ_vm, σ_zu).</summary>
    public static double[] ToPublishedOrder(OrderParameters o) => [o.SigmaVu, o.SigmaZm, o.SigmaVm, o.SigmaZu];

    /// <summary>Order parameters from a vector in the published order (σ_vu, σ_zm, σ_vm, σ_zu).</summary>
    public static OrderParameters FromPublishedOrder(ReadOnlySpan<double> theta)
    {
        if (theta.Length != 4) throw new ArgumentException($"theta has {theta.Length} entries: the published order has 4 (σ_vu, σ_zm, σ_vm, σ_zu)", nameof(theta));
        return new OrderParameters(theta[1], theta[3], theta[2], theta[0]);
    }

    private static double Denominator(OrderParameters o) => o.SigmaVu * o.SigmaVu - 2 * o.SigmaVu - o.SigmaZm + 1;

    private static void CheckHorizons(int tInf, int n)
    {
        if (tInf < 1) throw new ArgumentException($"tInf = {tInf} is not allowed: the exponent T∞ must be >= 1", nameof(tInf));
        if (n < 1) throw new ArgumentException($"n = {n} is not allowed: the short-horizon step count must be >= 1", nameof(n));
    }

    /// <summary>ℒ_∞ = q^T∞ with q = c₁ + c₂λ₃ + λ₃² at the perturbative λ₃, and its gradient (published order).</summary>
    private static (double Value, double[] Gradient) LongHorizonTerm(OrderParameters o, int tInf)
    {
        double d = Denominator(o), pi = o.Pi;
        double l3 = o.SigmaVu + pi / d;
        double c2 = -(o.SigmaVu + 2), c1 = 2 * o.SigmaVu - o.SigmaZm + 1;
        double q = c1 + c2 * l3 + l3 * l3;
        double dqdl3 = c2 + 2 * l3;
        double dl3dVu = 1 - pi * (2 * o.SigmaVu - 2) / (d * d);
        double dl3dZm = pi / (d * d);
        double dl3dPi = 1 / d;
        double[] dq =
        [
            2 - l3 + dqdl3 * dl3dVu,          // σ_vu: ∂c₁ = 2, ∂c₂ = −1
            -1 + dqdl3 * dl3dZm,              // σ_zm: ∂c₁ = −1
            dqdl3 * dl3dPi * o.SigmaZu,       // σ_vm: ∂π = σ_zu
            dqdl3 * dl3dPi * o.SigmaVm,       // σ_zu: ∂π = σ_vm
        ];
        double value = Math.Pow(q, tInf);
        double outer = tInf * Math.Pow(q, tInf - 1);
        return (value, dq.Select(x => outer * x).ToArray());
    }

    /// <summary>ℒ₀ = Σ_{i,j∈{x,v}} (P_effⁿ)_ij² and its gradient via d(Pⁿ) = Σ_k P^k dP P^{n−1−k} (published order).</summary>
    private static (double Value, double[] Gradient) ShortHorizonTerm(OrderParameters o, int n)
    {
        var p = new RankOneModel(o).ReducedMatrix();
        var powers = new double[n + 1][];
        powers[0] = Identity4();
        for (int k = 1; k <= n; k++) powers[k] = Multiply4(powers[k - 1], p.Data);
        var pn = powers[n];
        double value = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) value += pn[4 * i + j] * pn[4 * i + j];
        // Entry (row, column) of P_eff holding each parameter, in the published order σ_vu, σ_zm, σ_vm, σ_zu.
        ReadOnlySpan<(int Row, int Col)> at = [(3, 3), (1, 2), (3, 2), (1, 3)];
        var grad = new double[4];
        for (int q = 0; q < 4; q++)
        {
            var (r, c) = at[q];
            double g = 0;
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                {
                    double d = 0;
                    for (int k = 0; k < n; k++) d += powers[k][4 * i + r] * powers[n - 1 - k][4 * c + j];
                    g += 2 * pn[4 * i + j] * d;
                }
            grad[q] = g;
        }
        return (value, grad);
    }

    private static double[] Identity4() => [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

    private static double[] Multiply4(double[] a, double[] b)
    {
        var c = new double[16];
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 4; k++)
            {
                double aik = a[4 * i + k];
                for (int j = 0; j < 4; j++) c[4 * i + j] += aik * b[4 * k + j];
            }
        return c;
    }
}
