using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Theory;

/// <summary>Which algorithm produced an <see cref="LqrResult"/>.</summary>
public enum LqrMethod
{
    /// <summary>Structure-preserving doubling algorithm (SDA); needs R positive definite.</summary>
    Doubling = 0,
    /// <summary>Plain Riccati value iteration S ← Q + AᵀSA − AᵀSB(R + BᵀSB)⁻¹BᵀSA from S₀ = Q.</summary>
    ValueIteration = 1,
}

/// <summary>
/// Settings of the discrete algebraic Riccati solver (<see cref="Lqr"/>, docs/science/analysis-maths.md §8.4).
/// </summary>
/// <remarks>
/// Convergence of an iteration is declared when the max-abs change of S is at most
/// <see cref="Tolerance"/>·max(1, ‖S‖_max). A solution is accepted when it is finite, symmetric positive
/// semi-definite, its DARE residual is at most <see cref="ResidualTolerance"/>·max(1, ‖S‖_max) and the closed
/// loop A − BK is strictly stable (spectral radius below 1): the solver returns the stabilising solution or
/// reports failure.
/// </remarks>
public sealed record LqrSettings
{
    /// <summary>Relative change of S at which an iteration stops (default 1e−14).</summary>
    public double Tolerance { get; init; } = 1e-14;

    /// <summary>Accepted DARE residual relative to max(1, ‖S‖_max) (default 1e−10).</summary>
    public double ResidualTolerance { get; init; } = 1e-10;

    /// <summary>Maximum number of doubling steps (default 64; each step doubles the horizon).</summary>
    public int MaxDoublingIterations { get; init; } = 64;

    /// <summary>Maximum number of value-iteration steps of the fallback (default 50 000).</summary>
    public int MaxValueIterations { get; init; } = 50_000;

    /// <summary>Maximum number of residual-correction steps S ← S + residual applied after doubling (default 50).</summary>
    public int MaxRefinementSteps { get; init; } = 50;

    /// <summary>Default settings.</summary>
    public static LqrSettings Default { get; } = new();

    /// <summary>Checks the fields; throws <see cref="ArgumentException"/> naming the field and the allowed range.</summary>
    public LqrSettings Validated()
    {
        if (!(Tolerance > 0 && Tolerance < 1)) throw new ArgumentException($"lqr.tolerance = {Tolerance} is not allowed: it must be in (0, 1)");
        if (!(ResidualTolerance > 0 && ResidualTolerance < 1)) throw new ArgumentException($"lqr.residual_tolerance = {ResidualTolerance} is not allowed: it must be in (0, 1)");
        if (MaxDoublingIterations < 1) throw new ArgumentException($"lqr.max_doubling_iterations = {MaxDoublingIterations} is not allowed: it must be >= 1");
        if (MaxValueIterations < 1) throw new ArgumentException($"lqr.max_value_iterations = {MaxValueIterations} is not allowed: it must be >= 1");
        if (MaxRefinementSteps < 0) throw new ArgumentException($"lqr.max_refinement_steps = {MaxRefinementSteps} is not allowed: it must be >= 0");
        return this;
    }
}

/// <summary>
/// Solution of the discrete algebraic Riccati equation and the LQR policy u = −Kx (docs/science/analysis-maths.md §8.4).
/// </summary>
/// <param name="Gain">K, shape n_u×k, in the paper's sign convention u = −Kx. The code's effective gains are k = −K.</param>
/// <param name="Solution">S (k×k, symmetric positive semi-definite): S = AᵀSA − AᵀSB(R + BᵀSB)⁻¹BᵀSA + Q.</param>
/// <param name="ClosedLoopEigenvalues">Eigenvalues of A − BK, sorted as <see cref="Spectrum"/> sorts (descending modulus, then descending imaginary part).</param>
/// <param name="Residual">Max-abs of the DARE residual AᵀSA − S − AᵀSB(R + BᵀSB)⁻¹BᵀSA + Q.</param>
/// <param name="Iterations">Steps of <paramref name="Method"/> (doubling steps or value-iteration steps).</param>
/// <param name="Method">The algorithm that produced S.</param>
/// <param name="RefinementSteps">Residual-correction steps S ← S + residual applied after doubling (0 for value iteration).</param>
/// <param name="Settings">The settings used.</param>
public sealed record LqrResult(
    Mat Gain,
    Mat Solution,
    Complex[] ClosedLoopEigenvalues,
    double Residual,
    int Iterations,
    LqrMethod Method,
    int RefinementSteps,
    LqrSettings Settings)
{
    /// <summary>Spectral radius of the closed loop A − BK.</summary>
    public double ClosedLoopSpectralRadius => ClosedLoopEigenvalues.Length == 0 ? 0 : ClosedLoopEigenvalues[0].Magnitude;
}

/// <summary>
/// Thrown by <see cref="Lqr.Solve(Mat, Mat, Mat, Mat, LqrSettings?)"/> when no stabilising solution was found;
/// carries the residual and the last attempt.
/// </summary>
public sealed class LqrNotConvergedException : Exception
{
    /// <summary>Max-abs DARE residual of the last attempt (NaN or +∞ when the iteration diverged).</summary>
    public double Residual { get; }

    /// <summary>The last attempt, or null when it was not finite.</summary>
    public LqrResult? Attempt { get; }

    public LqrNotConvergedException(string message, double residual, LqrResult? attempt)
        : base(message)
    {
        Residual = residual;
        Attempt = attempt;
    }
}
