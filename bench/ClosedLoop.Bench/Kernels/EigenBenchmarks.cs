using System.Numerics;
using BenchmarkDotNet.Attributes;
using ClosedLoop.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ClosedLoop.Bench.Kernels;

/// <summary>
/// <see cref="RealEigen.Eigenvalues"/> against MathNet's <c>Evd(Symmetricity.Asymmetric)</c> (which also computes
/// eigenvectors) on random Gaussian matrices and on a rank-1 joint matrix P of size 102 (N = 100, 99 zero
/// eigenvalues), the matrix the analysis decomposes every epoch.
/// </summary>
[Config(typeof(KernelConfig))]
public class EigenBenchmarks
{
    private Mat _a = new(0, 0);
    private Matrix<double> _mathNet = Matrix<double>.Build.Dense(1, 1);

    [Params("random 5", "random 102", "rank-1 joint 102", "random 150", "random 400")]
    public string Case { get; set; } = "random 102";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomStream(7);
        int n = int.Parse(Case[(Case.LastIndexOf(' ') + 1)..]);
        _a = Case.StartsWith("rank-1") ? RankOneJoint(n - 2, rng) : RandomMatrix(n, rng);
        var arr = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) arr[i, j] = _a[i, j];
        _mathNet = Matrix<double>.Build.DenseOfArray(arr);
    }

    [Benchmark(Baseline = true)]
    public Complex[] MathNetEvd() => _mathNet.Evd(Symmetricity.Asymmetric).EigenValues.ToArray();

    [Benchmark]
    public Complex[] RealEigenValues() => RealEigen.Eigenvalues(_a);

    private static Mat RandomMatrix(int n, RandomStream rng)
    {
        var a = new Mat(n, n);
        rng.FillNormal(a.Data, 0, 1);
        return a;
    }

    /// <summary>P = [[1, 1, 0], [0, 1, zᵀ], [m, m, u vᵀ]] (double integrator, γ = 1, rank-1 recurrence).</summary>
    private static Mat RankOneJoint(int n, RandomStream rng)
    {
        double[] Vec()
        {
            var v = new double[n];
            rng.FillNormal(v, 0, 1 / Math.Sqrt(n));
            return v;
        }

        double[] m = Vec(), z = Vec(), u = Vec(), v = Vec();
        var p = new Mat(n + 2, n + 2);
        p[0, 0] = 1; p[0, 1] = 1; p[1, 1] = 1;
        for (int i = 0; i < n; i++)
        {
            p[1, 2 + i] = 0.1 * z[i];
            p[2 + i, 0] = 0.1 * m[i];
            p[2 + i, 1] = 0.1 * m[i];
            for (int j = 0; j < n; j++) p[2 + i, 2 + j] = u[i] * v[j];
        }

        return p;
    }
}
