using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Fig. 3d (docs/science/figures-and-studies.md §4): the Stage-1 loss ln ℒ against σ_zm, simulated on fresh rank-1 models and from the
/// geometric-sum formula. Model j of a seed is drawn by I-LR from the stream <c>Derive(seed, "fig3d-&lt;tag&gt;")</c> and
/// rebuilt by the "over" construction so that σ_zm = zᵀm is exactly the grid value (u, v stay random); it is rolled out
/// from (1, −1), h = 0, for 100 steps, ℒ = Σ_{t=0}^{99} ½(x_t² + v_t²) (<see cref="StageOne.SimulatedLoss"/>). The theory
/// is <see cref="StageOne.GeometricSumLoss"/> with T_g = 101 terms.
/// </summary>
/// <param name="Seed">Root seed of the fresh models.</param>
/// <param name="Sigma">σ_zm values.</param>
/// <param name="LnSimulated">ln ℒ of the simulated model at each value.</param>
/// <param name="LnTheory">ln ℒ of the geometric-sum formula at each value.</param>
public sealed record StageOneLandscape(long Seed, double[] Sigma, double[] LnSimulated, double[] LnTheory)
{
    /// <summary>Recorded states s₀..s₉₉ of the simulation.</summary>
    public const int SimulatedSteps = 100;

    /// <summary>Terms of the geometric sum (one more than the simulated states, decision 28 of docs/science/decisions.md).</summary>
    public const int TheoryTerms = 101;

    /// <summary>The asymmetry magnitudes s of claim 3.2, evaluated at ±s.</summary>
    public static readonly double[] AsymmetryPoints = [0.01, 0.05, 0.1, 0.2, 0.3];

    /// <summary>The panel's grid: linspace(−0.5, −10⁻⁴, 100) ∪ linspace(10⁻⁴, 0.3, 100).</summary>
    public static double[] Grid() =>
        [.. RankOneMeasures.Linspace(-0.5, -1e-4, 100), .. RankOneMeasures.Linspace(1e-4, 0.3, 100)];

    /// <summary>ln ℒ simulated and in theory at every value of <paramref name="sigmas"/>; <paramref name="tag"/> names the streams.</summary>
    public static StageOneLandscape Compute(NetworkSettings network, long seed, IReadOnlyList<double> sigmas, string tag = "grid")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sigmas);
        var sim = new double[sigmas.Count];
        var theory = new double[sigmas.Count];
        for (int j = 0; j < sigmas.Count; j++)
        {
            var p = Initializer.Create(network with { OverlapTarget = sigmas[j] }, RandomStream.Derive(seed, $"fig3d-{tag}-{j}"));
            sim[j] = Math.Log(StageOne.SimulatedLoss(p, SimulatedSteps));
            theory[j] = Math.Log(StageOne.GeometricSumLoss(sigmas[j], TheoryTerms));
        }
        return new StageOneLandscape(seed, sigmas.ToArray(), sim, theory);
    }

    /// <summary>The asymmetry points −s then +s for every s of <see cref="AsymmetryPoints"/>.</summary>
    public static StageOneLandscape Asymmetry(NetworkSettings network, long seed) =>
        Compute(network, seed, AsymmetryPoints.SelectMany(s => new[] { -s, s }).ToArray(), "asym");
}
