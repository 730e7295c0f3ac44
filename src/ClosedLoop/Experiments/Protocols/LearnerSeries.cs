using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The per-epoch series of one learner that the protocol measures read (NaN where a quantity was not recorded or could
/// not be computed): deployed loss D (<c>test_loss</c>), spectral radius ρ(P) of the linearised joint matrix, ρ(W),
/// effective gains k₁, k₂ (code sign, u ≈ k₁x + k₂v), the unstable-complex flag and |λ₃|.
/// </summary>
public sealed record LearnerSeries(
    IReadOnlyList<double> Deployed,
    IReadOnlyList<double> SpectralRadius,
    IReadOnlyList<double> NetworkRadius,
    IReadOnlyList<double> PositionGain,
    IReadOnlyList<double> VelocityGain,
    IReadOnlyList<bool> UnstableComplex,
    IReadOnlyList<double> Lambda3Modulus)
{
    /// <summary>Number of epochs.</summary>
    public int Count => Deployed.Count;

    /// <summary>
    /// The series of a finished run (absent columns read as NaN); the deployed loss is read from
    /// <paramref name="deployedColumn"/> (default <c>test_loss</c>, D over the episode length; <c>test_loss_h50</c> for
    /// D₅₀ when the episode length is varied).
    /// </summary>
    public static LearnerSeries Of(RunRecord run, string deployedColumn = "test_loss")
    {
        int n = run.Epochs;
        double[] Read(string name) => run.TryColumn(name) is { } c ? c.Select(v => v ?? double.NaN).ToArray() : Enumerable.Repeat(double.NaN, n).ToArray();
        var flag = Read("has_unstable_complex");
        return new LearnerSeries(run.Column(deployedColumn).Select(v => v ?? double.NaN).ToArray(), Read("spectral_radius"), Read("rho_w"), Read("k1"), Read("k2"),
            flag.Select(f => f == 1).ToArray(), Read("lambda3").Select(Math.Abs).ToArray());
    }

    /// <summary>True when every recorded deployed loss is finite (a non-finite one makes the run a failure).</summary>
    public bool Finite => Deployed.All(double.IsFinite);

    /// <summary>
    /// The input of the spectral detector (docs/science/analysis-maths.md §7.2) over the epochs whose ρ(P) is recorded and finite, with the
    /// deployed loss as the final-loss check.
    /// </summary>
    public SpectralSeries Spectral()
    {
        var idx = Enumerable.Range(0, Count).Where(e => double.IsFinite(SpectralRadius[e])).ToList();
        return new SpectralSeries(
            idx.Select(e => PositionGain[e]).ToList(),
            idx.Select(e => SpectralRadius[e]).ToList(),
            idx.Select(e => UnstableComplex[e]).ToList(),
            idx.Select(e => double.IsFinite(Lambda3Modulus[e]) ? Lambda3Modulus[e] : (double?)null).ToList())
        {
            Epochs = idx,
            Loss = idx.Select(e => Deployed[e]).ToList(),
        };
    }

    /// <summary>The last finite value of <paramref name="series"/> (NaN if none).</summary>
    public static double LastFinite(IReadOnlyList<double> series)
    {
        for (int e = series.Count - 1; e >= 0; e--)
            if (double.IsFinite(series[e])) return series[e];
        return double.NaN;
    }

    /// <summary>The value at <paramref name="epoch"/>, NaN when the epoch is null or outside the series.</summary>
    public static double At(IReadOnlyList<double> series, int? epoch) =>
        epoch is { } e && e >= 0 && e < series.Count ? series[e] : double.NaN;
}
