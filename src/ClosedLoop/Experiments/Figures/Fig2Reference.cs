using System.Numerics;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>One LQR case of the Fig. 2 reference file: S, K (paper sign u = −Kx), k = −K (code sign) and the closed loop.</summary>
public sealed record LqrCase(string Name, double R, bool Solved, double[][]? Solution, double[]? K, double[]? CodeGains,
    IReadOnlyList<Complex>? ClosedLoopEigenvalues, double Residual, int Iterations, string? Method, string? Note);

/// <summary>
/// The deterministic references of Fig. 2: the LQR solutions of the double integrator with Q = I (docs/science/analysis-maths.md §8.4;
/// R = 10⁻⁸ as published, R = 0 as in the older version, decision 27 of docs/science/decisions.md) and the landscape and stability-map
/// values of docs/science/reference-values.md §A6–A7 that claim 1 checks.
/// </summary>
public static class Fig2Reference
{
    /// <summary>Relative tolerance of claim 1: the reference values are printed to 6 significant digits.</summary>
    public const double PrintedTolerance = 5e-6;

    /// <summary>docs/science/reference-values.md §A6: (k₁, k₂) and ln(L/50) from x₀ = (1, 1).</summary>
    public static readonly (double K1, double K2, double Value)[] Landscape =
    [
        (0, 0, 6.81509), (-0.02, 0, 3.72026), (-0.365, -1.003, -1.74200), (-1.2, -1.2, 1.50284), (0.6, 0.6, 72.6397),
        (-0.618034, -1.618034, -2.04452), (-0.422082, -1.243929, -1.91346),
    ];

    /// <summary>docs/science/reference-values.md §A6: grid minimum and maximum on linspace(−1.2, 0.6, 50)².</summary>
    public static readonly (double K1, double K2, double Value) GridMinimum = (-0.465306, -1.2, -1.90898), GridMaximum = (0.6, 0.6, 72.6397);

    /// <summary>docs/science/reference-values.md §A7: (k₁, k₂), class and max|λ| of P_red(k).</summary>
    public static readonly (double K1, double K2, GainClass Class, double Radius)[] Stability =
    [
        (-0.365, -1.003, GainClass.Stable, 0.601664), (-0.1, -0.5, GainClass.Stable, 0.774597),
        (-0.02, 0, GainClass.UnstableOscillatory, 1.00995), (-0.105, -0.028, GainClass.UnstableOscillatory, 1.03779),
        (-0.002, 0.084, GainClass.UnstableOscillatory, 1.04211), (-0.5, -0.2, GainClass.UnstableOscillatory, 1.14018),
        (0.05, 0, GainClass.UnstableReal, 1.22361), (-1, -3, GainClass.UnstableReal, 1.61803),
    ];

    /// <summary>Largest relative error of the landscape values at the §A6 points (relative to max(1, |reference|)).</summary>
    public static double LandscapeError() =>
        Landscape.Max(p => RelativeError(GainLandscape.Value(p.K1, p.K2), p.Value));

    /// <summary>
    /// Largest relative error of the grid minimum and maximum (value and position) on the 50×50 grid; the minimum's
    /// position is compared with the printed −0.465306.
    /// </summary>
    public static double GridExtremaError()
    {
        var v = GainGrid.Linspace(-1.2, 0.6, 50);
        var grid = GainLandscape.Grid();
        (int i2, int i1) min = (0, 0), max = (0, 0);
        for (int a = 0; a < 50; a++)
            for (int b = 0; b < 50; b++)
            {
                if (grid[a, b] < grid[min.i2, min.i1]) min = (a, b);
                if (grid[a, b] > grid[max.i2, max.i1]) max = (a, b);
            }
        return new[]
        {
            RelativeError(grid[min.i2, min.i1], GridMinimum.Value), RelativeError(v[min.i1], GridMinimum.K1), RelativeError(v[min.i2], GridMinimum.K2),
            RelativeError(grid[max.i2, max.i1], GridMaximum.Value), RelativeError(v[max.i1], GridMaximum.K1), RelativeError(v[max.i2], GridMaximum.K2),
        }.Max();
    }

    /// <summary>Number of §A7 points whose class differs, and the largest relative error of max|λ|.</summary>
    public static (int ClassMismatches, double RadiusError) StabilityErrors() =>
        (Stability.Count(p => StabilityMap.Classify(p.K1, p.K2) != p.Class),
         Stability.Max(p => RelativeError(StabilityMap.SpectralRadius(p.K1, p.K2), p.Radius)));

    /// <summary>The LQR cases written to <c>lqr.json</c>: Q = I₂ with R = 10⁻⁸ (the published reference) and R = 0 (older version).</summary>
    public static IReadOnlyList<LqrCase> LqrCases()
    {
        var plant = Plants.DoubleIntegrator();
        return [Solve(plant, "published (R = 1e-8)", 1e-8), Solve(plant, "older version (R = 0)", 0)];
    }

    private static LqrCase Solve(LinearPlant plant, string name, double r)
    {
        bool ok = Lqr.TrySolve(plant.A, plant.EffectiveB, Mat.Identity(2), new Mat(1, 1, [r]), out var res);
        if (res is null) return new LqrCase(name, r, false, null, null, null, null, double.NaN, 0, null, "no finite solution");
        var s = res.Solution;
        var k = res.Gain.Data.ToArray();
        return new LqrCase(name, r, ok, [[s[0, 0], s[0, 1]], [s[1, 0], s[1, 1]]], k, k.Select(x => -x).ToArray(),
            res.ClosedLoopEigenvalues, res.Residual, res.Iterations, res.Method.ToString(),
            ok ? "not drawn: k = -K lies below the plotted box" : "not accepted by the solver (best attempt)");
    }

    private static double RelativeError(double measured, double expected) => Math.Abs(measured - expected) / Math.Max(1.0, Math.Abs(expected));
}
