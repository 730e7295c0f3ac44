using MathNet.Numerics.LinearAlgebra;

namespace ClosedLoop.Theory;

/// <summary>
/// The two DARE iterations behind <see cref="Lqr"/>, on MathNet matrices. Both return the last iterate and the
/// number of steps; a null matrix means the iteration produced non-finite values or did not converge.
/// </summary>
internal static class LqrIterations
{
    /// <summary>
    /// Structure-preserving doubling (Chu, Fan &amp; Lin 2005) for S = AᵀS(I + GS)⁻¹A + Q with G = BR⁻¹Bᵀ:
    /// A₊ = A(I + GH)⁻¹A, G₊ = G + A(I + GH)⁻¹GAᵀ, H₊ = H + AᵀH(I + GH)⁻¹A, H → S quadratically.
    /// </summary>
    public static (Matrix<double>? S, int Steps) Doubling(
        Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r, LqrSettings settings)
    {
        int n = a.RowCount;
        var identity = Matrix<double>.Build.DenseIdentity(n);
        var ak = a.Clone();
        var gk = b * r.Inverse() * b.Transpose();
        var hk = q.Clone();
        for (int step = 1; step <= settings.MaxDoublingIterations; step++)
        {
            var w = (identity + gk * hk).LU();
            var wInvA = w.Solve(ak);
            var wInvG = w.Solve(gk);
            var hNext = Symmetrize(hk + ak.Transpose() * hk * wInvA);
            var gNext = Symmetrize(gk + ak * wInvG * ak.Transpose());
            var aNext = ak * wInvA;
            if (!IsFinite(hNext) || !IsFinite(gNext) || !IsFinite(aNext)) return (null, step);
            double change = (hNext - hk).Enumerate().Max(Math.Abs);
            hk = hNext;
            gk = gNext;
            ak = aNext;
            if (change <= settings.Tolerance * Math.Max(1.0, MaxAbs(hk))) return (hk, step);
        }
        return (null, settings.MaxDoublingIterations);
    }

    /// <summary>Riccati value iteration S ← S + residual(S) from S₀ = Q, until the change is below tolerance.</summary>
    public static (Matrix<double>? S, int Steps) ValueIteration(
        Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r, LqrSettings settings)
    {
        var s = q.Clone();
        for (int step = 1; step <= settings.MaxValueIterations; step++)
        {
            var residual = Residual(a, b, q, r, s);
            if (residual is null) return (null, step);
            s = Symmetrize(s + residual);
            if (!IsFinite(s)) return (null, step);
            if (MaxAbs(residual) <= settings.Tolerance * Math.Max(1.0, MaxAbs(s))) return (s, step);
        }
        return (null, settings.MaxValueIterations);
    }

    /// <summary>
    /// Applies S ← S + residual(S) while that lowers the max-abs residual below the previous value and the
    /// target is not met; returns the improved S and the number of accepted steps.
    /// </summary>
    public static (Matrix<double> S, int Steps) Refine(
        Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r, Matrix<double> s, double target, int maxSteps)
    {
        var residual = Residual(a, b, q, r, s);
        if (residual is null) return (s, 0);
        double current = MaxAbs(residual);
        int steps = 0;
        while (steps < maxSteps && current > target)
        {
            var candidate = Symmetrize(s + residual);
            var next = Residual(a, b, q, r, candidate);
            if (next is null) break;
            double value = MaxAbs(next);
            if (!(value < current)) break;
            s = candidate;
            residual = next;
            current = value;
            steps++;
        }
        return (s, steps);
    }

    /// <summary>AᵀSA − S − AᵀSB(R + BᵀSB)⁻¹BᵀSA + Q, or null when R + BᵀSB is singular or the result is not finite.</summary>
    public static Matrix<double>? Residual(Matrix<double> a, Matrix<double> b, Matrix<double> q, Matrix<double> r, Matrix<double> s)
    {
        var k = Gain(a, b, r, s);
        if (k is null) return null;
        var sa = s * a;
        var res = a.Transpose() * sa - s - (a.Transpose() * s * b) * k + q;
        return IsFinite(res) ? res : null;
    }

    /// <summary>K = (R + BᵀSB)⁻¹BᵀSA, or null when R + BᵀSB is singular.</summary>
    public static Matrix<double>? Gain(Matrix<double> a, Matrix<double> b, Matrix<double> r, Matrix<double> s)
    {
        var m = r + b.Transpose() * s * b;
        var lu = m.LU();
        double det = lu.Determinant;
        if (det == 0 || !double.IsFinite(det)) return null;
        var k = lu.Solve(b.Transpose() * s * a);
        return IsFinite(k) ? k : null;
    }

    public static double MaxAbs(Matrix<double> m) => m.Enumerate().Aggregate(0.0, (acc, x) => Math.Max(acc, Math.Abs(x)));

    public static bool IsFinite(Matrix<double> m) => m.Enumerate().All(double.IsFinite);

    private static Matrix<double> Symmetrize(Matrix<double> m) => 0.5 * (m + m.Transpose());
}
