using System.Numerics;
using ClosedLoop.Analysis;
using ClosedLoop.Reporting;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Analysis;

public class OrderParameterTableTests
{
    /// <summary>Cubic roots versus eigenvalues of P (issue 3 item 2: 10⁻⁹).</summary>
    private const double RootTolerance = 1e-9;
    /// <summary>Exact algebraic identities between columns (round-off only).</summary>
    private const double IdentityTolerance = 1e-12;

    [Fact]
    public void The_cubic_roots_in_order_parameters_csv_are_the_eigenvalues_of_P()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        AnalysisWriter.Write(RunAnalysis.Analyze(dir));
        var run = RunDirectory.Open(dir);
        var csv = CsvTable.Read(Path.Combine(run.AnalysisDirectory, "order_parameters.csv"));
        Assert.Equal(OrderParameterTable.Header, csv.Header);
        Assert.Equal(run.EpochCount, csv.Rows.Count);
        var eig = run.Eigenvalues("eig_p")!;
        var roots = Enumerable.Range(1, 3).Select(i => (Re: csv.Doubles($"root{i}_re"), Im: csv.Doubles($"root{i}_im"))).ToArray();
        for (int e = 0; e < run.EpochCount; e++)
            for (int i = 0; i < 3; i++)
                Near(eig.Rows[e][i], new Complex(roots[i].Re[e]!.Value, roots[i].Im[e]!.Value), $"epoch {e}, root {i + 1} vs eig_p");

        // Independently of the monitor: the non-zero eigenvalues of the full (N+2)×(N+2) joint matrix of the snapshot.
        var plant = run.Settings.Plant.Build();
        foreach (int e in new[] { 0, 12, 37, 99 })
        {
            var p = Spectrum.Of(JointMatrix.Build(plant, run.Snapshot(e)!)).Eigenvalues;
            for (int i = 0; i < 3; i++)
                Near(p[i], new Complex(roots[i].Re[e]!.Value, roots[i].Im[e]!.Value), $"epoch {e}, root {i + 1} vs eig(P)");
        }
    }

    [Fact]
    public void Exact_lambda3_and_pair_modulus_are_consistent_with_the_roots()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var rows = OrderParameterTable.Of(RunDirectory.Open(dir))!;
        int complexRows = 0;
        foreach (var r in rows)
        {
            Assert.Equal(r.Parameters.SigmaVm * r.Parameters.SigmaZu, r.Parameters.Pi);
            Assert.Equal(StageTwo.Lambda3Perturbative(r.Parameters), r.Lambda3Perturbative);
            Assert.Equal(1 + Complex.Sqrt(r.Parameters.SigmaZm), r.StageOnePlus);
            if (r.Roots[0].Imaginary == 0) continue;
            complexRows++;
            // One real root: λ₃ is it, and |λ₁|² = λ₁ λ̄₁ = c₁ + c₂λ₃ + λ₃² (docs/science/analysis-maths.md §5.2) with the exact λ₃.
            Assert.Equal(r.Roots[2].Real, r.Lambda3Exact);
            Near(r.Roots[0].Magnitude * r.Roots[0].Magnitude, r.Lambda1SquaredExact!.Value, "|lambda1|^2");
            var (c2, c1, _) = new RankOneModel(r.Parameters).CubicCoefficients();
            double l3 = r.Lambda3Exact!.Value;
            Near(c1 + c2 * l3 + l3 * l3, r.Lambda1SquaredExact.Value, "c1 + c2 l3 + l3^2");
        }
        Assert.True(complexRows > 50, $"only {complexRows} checkpoints with a complex dominant pair");
    }

    [Fact]
    public void With_three_real_roots_lambda3_is_the_root_nearest_sigma_vu()
    {
        Complex[] roots = [1.5, 0.4, -0.2];
        Assert.Equal(0.4, OrderParameterTable.ExactLambda3(roots, 0.3));
        Assert.Equal(-0.2, OrderParameterTable.ExactLambda3(roots, -0.5));
        Assert.Null(OrderParameterTable.ExactLambda3([Complex.NaN, Complex.NaN, Complex.NaN], 0.1));
        var row = OrderParameterTable.Row(3, new OrderParameters(double.NaN, 0, 0, 0));
        Assert.Null(row.Lambda3Exact);
        Assert.True(double.IsNaN(row.Lambda3Perturbative));
    }

    private static void Near(Complex expected, Complex actual, string what) =>
        Assert.True(Complex.Abs(expected - actual) <= RootTolerance, $"{what}: expected {expected}, got {actual}");

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= IdentityTolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
