using System.Numerics;

namespace ClosedLoop.Theory;

/// <summary>Class of the gain system P_red(k) (docs/science/analysis-maths.md §8.2); the numeric values are the plotted labels.</summary>
public enum GainClass
{
    /// <summary>Unstable with real eigenvalues (e.g. k₁ &gt; 0: an eigenvalue above +1).</summary>
    UnstableReal = 0,
    /// <summary>Unstable with a complex pair outside the unit circle (the Stage-1/2 policies).</summary>
    UnstableOscillatory = 1,
    /// <summary>Both eigenvalues strictly inside the unit circle.</summary>
    Stable = 2,
}

/// <summary>
/// Stability map of the double integrator under the linear policy u = k₁x + k₂v (docs/science/analysis-maths.md §8.2):
/// P_red(k) = [[1, 1], [k₁, 1 + k₂]], χ(λ) = λ² − (2 + k₂)λ + (1 + k₂ − k₁).
/// </summary>
/// <remarks>
/// Stable iff k₁ &lt; 0, k₂ &lt; k₁ and k₂ &gt; k₁/2 − 2 (the Jury triangle with vertices (0, 0), (0, −2), (−4, −4)).
/// Complex pair iff k₂² + 4k₁ &lt; 0. Classification: stable if max|λ| &lt; 1; otherwise oscillatory if the pair is
/// complex, else real. On the measure-zero boundary where a complex pair lies exactly on the unit circle the
/// spec's literal rule ("an eigenvalue with |λ| &gt; 1 has Im ≠ 0") would say "real"; this implementation calls it
/// oscillatory, which matches every point off the boundary.
/// </remarks>
public static class StabilityMap
{
    /// <summary>
    /// Eigenvalues of P_red(k): the first has the largest modulus (for a complex pair, the member with Im &gt; 0).
    /// </summary>
    public static (Complex First, Complex Second) Eigenvalues(double k1, double k2)
    {
        double trace = 2 + k2, det = 1 + k2 - k1, disc = k2 * k2 + 4 * k1;
        if (disc < 0)
        {
            double im = 0.5 * Math.Sqrt(-disc);
            return (new Complex(0.5 * trace, im), new Complex(0.5 * trace, -im));
        }
        // Numerically stable real roots: the larger-modulus root first, the other from the product.
        double big = 0.5 * (trace + (trace >= 0 ? 1 : -1) * Math.Sqrt(disc));
        double small = big == 0 ? 0 : det / big;
        return Math.Abs(big) >= Math.Abs(small) ? (big, small) : (small, big);
    }

    /// <summary>Largest eigenvalue modulus of P_red(k).</summary>
    public static double SpectralRadius(double k1, double k2) => Eigenvalues(k1, k2).First.Magnitude;

    /// <summary>Classifies the gain pair (k₁, k₂).</summary>
    public static GainClass Classify(double k1, double k2)
    {
        if (!double.IsFinite(k1) || !double.IsFinite(k2))
            throw new ArgumentException($"stability_map.k = ({k1}, {k2}) is not allowed: both gains must be finite");
        var (first, _) = Eigenvalues(k1, k2);
        if (first.Magnitude < 1) return GainClass.Stable;
        return first.Imaginary != 0 ? GainClass.UnstableOscillatory : GainClass.UnstableReal;
    }

    /// <summary>Classifies fitted gains (throws for gains that are not <see cref="Gains.IsValid"/>).</summary>
    public static GainClass Classify(Gains gains)
    {
        if (!gains.IsValid) throw new ArgumentException($"stability_map.gains has status {gains.Status}; only valid gains can be classified");
        return Classify(gains.K1, gains.K2);
    }

    /// <summary>
    /// n×n classes over [min, max]²: element [i2, i1] is the class at k₁ = v[i1], k₂ = v[i2] with
    /// v = <see cref="GainGrid.Linspace"/>(min, max, n) (k₂ along the first index, as an image with origin lower left).
    /// The plotted map uses n = 200 on [−1.2, 0.6].
    /// </summary>
    public static GainClass[,] Grid(double min = -1.2, double max = 0.6, int n = 200) => GainGrid.Evaluate<GainClass>(Classify, min, max, n);

    /// <summary>
    /// The same grid as CSV-friendly rows (k₁, k₂, class), k₂ in the outer loop and k₁ in the inner loop.
    /// </summary>
    public static IEnumerable<(double K1, double K2, GainClass Class)> GridPoints(double min = -1.2, double max = 0.6, int n = 200) =>
        GainGrid.Points<GainClass>(Classify, min, max, n);
}
