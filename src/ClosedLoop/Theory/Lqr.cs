using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ClosedLoop.Theory;

/// <summary>
/// Infinite-horizon discrete-time LQR through the discrete algebraic Riccati equation (DARE, docs/science/analysis-maths.md §8.4):
/// S = AᵀSA − AᵀSB(R + BᵀSB)⁻¹BᵀSA + Q, K = (R + BᵀSB)⁻¹BᵀSA, policy u = −Kx, closed loop A − BK.
/// </summary>
/// <remarks>
/// Shapes (column-vector convention): A k×k, B k×n_u, Q k×k symmetric positive semi-definite, R n_u×n_u
/// symmetric positive semi-definite. The primary method is the structure-preserving doubling algorithm (needs
/// R positive definite), polished by residual-correction steps; the fallback, and the only method for a singular R
/// (e.g. the R = 0 limit), is plain Riccati value iteration. Only the stabilising solution (ρ(A − BK) &lt; 1) is
/// accepted. In the code's gain convention the LQR policy is k = −K (decision 7 of docs/science/decisions.md).
/// </remarks>
public static class Lqr
{
    /// <summary>Solves the DARE; throws <see cref="LqrNotConvergedException"/> (with the residual) on failure.</summary>
    public static LqrResult Solve(Mat a, Mat b, Mat q, Mat r, LqrSettings? settings = null)
    {
        if (TrySolve(a, b, q, r, out var result, settings)) return result;
        string residual = result is null ? "not finite" : result.Residual.ToString("G4", CultureInfo.InvariantCulture);
        string radius = result is null ? "n/a" : result.ClosedLoopSpectralRadius.ToString("G6", CultureInfo.InvariantCulture);
        throw new LqrNotConvergedException(
            $"no stabilising DARE solution found (residual {residual}, closed-loop spectral radius {radius}); " +
            "the pair (A, B) may not be stabilisable or (Q, A) may not be detectable",
            result?.Residual ?? double.NaN, result);
    }

    /// <summary>Solves the DARE for a plant's A and effective B (f_B·B).</summary>
    public static LqrResult Solve(LinearPlant plant, Mat q, Mat r, LqrSettings? settings = null)
        => Solve(plant.A, plant.EffectiveB, q, r, settings);

    /// <summary>
    /// Tries to solve the DARE. Returns true with the stabilising solution; otherwise false, with
    /// <paramref name="result"/> the best finite attempt (lowest residual) or null.
    /// </summary>
    public static bool TrySolve(Mat a, Mat b, Mat q, Mat r, [NotNullWhen(true)] out LqrResult? result, LqrSettings? settings = null)
    {
        var s = (settings ?? LqrSettings.Default).Validated();
        Validate(a, b, q, r);
        var (ma, mb, mq, mr) = (ToMathNet(a), ToMathNet(b), ToMathNet(q), ToMathNet(r));
        result = null;
        if (IsPositiveDefinite(mr))
        {
            var (sol, steps) = LqrIterations.Doubling(ma, mb, mq, mr, s);
            if (sol is not null)
            {
                double target = 0.01 * s.ResidualTolerance * Math.Max(1.0, LqrIterations.MaxAbs(sol));
                var (refined, refineSteps) = LqrIterations.Refine(ma, mb, mq, mr, sol, target, s.MaxRefinementSteps);
                result = Evaluate(ma, mb, mq, mr, refined, steps, LqrMethod.Doubling, refineSteps, s);
                if (result is not null && IsAccepted(result, s)) return true;
            }
        }
        var (viSol, viSteps) = LqrIterations.ValueIteration(ma, mb, mq, mr, s);
        var vi = viSol is null ? null : Evaluate(ma, mb, mq, mr, viSol, viSteps, LqrMethod.ValueIteration, 0, s);
        if (vi is not null && IsAccepted(vi, s))
        {
            result = vi;
            return true;
        }
        if (vi is not null && (result is null || vi.Residual < result.Residual)) result = vi;
        return false;
    }

    /// <summary>The DARE residual AᵀSA − S − AᵀSB(R + BᵀSB)⁻¹BᵀSA + Q for a candidate S (NaN entries if R + BᵀSB is singular).</summary>
    public static Mat Residual(Mat a, Mat b, Mat q, Mat r, Mat s)
    {
        Validate(a, b, q, r);
        if (s.Rows != a.Rows || s.Cols != a.Rows) throw new ArgumentException($"lqr.s must be {a.Rows}x{a.Rows}, got {s.Rows}x{s.Cols}");
        var res = LqrIterations.Residual(ToMathNet(a), ToMathNet(b), ToMathNet(q), ToMathNet(r), ToMathNet(s));
        if (res is null)
        {
            var nan = new Mat(a.Rows, a.Rows);
            Array.Fill(nan.Data, double.NaN);
            return nan;
        }
        return FromMathNet(res);
    }

    private static LqrResult? Evaluate(Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r,
        Matrix<double> s, int iterations, LqrMethod method, int refinement, LqrSettings settings)
    {
        var k = LqrIterations.Gain(a, b, r, s);
        var res = LqrIterations.Residual(a, b, q, r, s);
        if (k is null || res is null) return null;
        var eig = Spectrum.Of(FromMathNet(a - b * k)).Eigenvalues.ToArray();
        return new LqrResult(FromMathNet(k), FromMathNet(s), eig, LqrIterations.MaxAbs(res), iterations, method, refinement, settings);
    }

    private static bool IsAccepted(LqrResult result, LqrSettings settings)
    {
        double scale = Math.Max(1.0, result.Solution.MaxAbs());
        if (!(result.Residual <= settings.ResidualTolerance * scale)) return false;
        if (!(result.ClosedLoopSpectralRadius < 1.0)) return false;
        double minEig = ToMathNet(result.Solution).Evd(Symmetricity.Symmetric)
            .EigenValues.Min(z => z.Real);
        return minEig >= -settings.ResidualTolerance * scale;
    }

    private static void Validate(Mat a, Mat b, Mat q, Mat r)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(r);
        if (!a.IsSquare || a.Rows == 0) throw new ArgumentException($"lqr.a must be square and non-empty, got {a.Rows}x{a.Cols}");
        int n = a.Rows;
        if (b.Rows != n || b.Cols == 0) throw new ArgumentException($"lqr.b must have {n} rows and at least one column, got {b.Rows}x{b.Cols}");
        if (q.Rows != n || q.Cols != n) throw new ArgumentException($"lqr.q must be {n}x{n}, got {q.Rows}x{q.Cols}");
        if (r.Rows != b.Cols || r.Cols != b.Cols) throw new ArgumentException($"lqr.r must be {b.Cols}x{b.Cols}, got {r.Rows}x{r.Cols}");
        foreach (var (name, m) in new[] { ("a", a), ("b", b), ("q", q), ("r", r) })
            if (!m.Data.All(double.IsFinite)) throw new ArgumentException($"lqr.{name} contains a non-finite entry; all entries must be finite");
        CheckSymmetricPsd("q", q);
        CheckSymmetricPsd("r", r);
    }

    private static void CheckSymmetricPsd(string name, Mat m)
    {
        double scale = Math.Max(1.0, m.MaxAbs());
        double asym = (m - m.Transpose()).MaxAbs();
        if (asym > 1e-12 * scale)
            throw new ArgumentException($"lqr.{name} is not symmetric (max |{name} − {name}ᵀ| = {asym:G3}); it must be symmetric positive semi-definite");
        double minEig = ToMathNet(m).Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
        if (minEig < -1e-12 * scale)
            throw new ArgumentException($"lqr.{name} has a negative eigenvalue {minEig:G4}; it must be positive semi-definite");
    }

    private static bool IsPositiveDefinite(Matrix<double> m)
        => m.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real) > 0;

    private static Matrix<double> ToMathNet(Mat m) => Matrix<double>.Build.DenseOfRowMajor(m.Rows, m.Cols, m.Data);

    private static Mat FromMathNet(Matrix<double> m) => new(m.RowCount, m.ColumnCount, m.ToRowMajorArray());
}
