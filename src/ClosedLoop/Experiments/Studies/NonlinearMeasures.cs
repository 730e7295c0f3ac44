using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>Pure measures of the nonlinear study.</summary>
public static class NonlinearMeasures
{
    /// <summary>Half-width (epochs) of the window "around the crossing" of claim 2.</summary>
    public const int CrossingHalfWidth = 25;

    /// <summary>Claim 2's bound on ρ(W) around the crossing.</summary>
    public const double RadiusBound = 0.5;

    /// <summary>Claim 3's bound on the difference of the two stabilisation epochs.</summary>
    public const int StabilizationGapBound = 30;

    /// <summary>
    /// Largest ρ(W) over the known epochs within ±<paramref name="halfWidth"/> of <paramref name="crossing"/>; when no
    /// known epoch lies in that window (sparse snapshots), the largest of the nearest known epochs before and after
    /// it. NaN when nothing is known.
    /// </summary>
    public static double AroundCrossing(IReadOnlyList<(int Epoch, double Value)> radius, int crossing, int halfWidth = CrossingHalfWidth)
    {
        var inside = radius.Where(p => Math.Abs(p.Epoch - crossing) <= halfWidth).Select(p => p.Value).ToList();
        if (inside.Count > 0) return inside.Max();
        var before = radius.Where(p => p.Epoch < crossing).OrderBy(p => p.Epoch).LastOrDefault(p => true, (-1, double.NaN));
        var after = radius.Where(p => p.Epoch > crossing).OrderBy(p => p.Epoch).FirstOrDefault(p => true, (-1, double.NaN));
        var near = new[] { before, after }.Where(p => p.Item1 >= 0).Select(p => p.Item2).ToList();
        return near.Count == 0 ? double.NaN : near.Max();
    }

    /// <summary>
    /// Shape of a final W spectrum: the largest-modulus eigenvalue (the outlier) and the largest modulus of the rest
    /// (the bulk radius); NaN for an empty spectrum.
    /// </summary>
    public static (Complex Outlier, double BulkRadius) Shape(IReadOnlyList<Complex> eigenvalues)
    {
        if (eigenvalues.Count == 0) return (new Complex(double.NaN, double.NaN), double.NaN);
        var sorted = eigenvalues.OrderByDescending(z => z.Magnitude).ToList();
        var outlier = sorted[0];
        int skip = Math.Abs(outlier.Imaginary) > Spectrum.ImaginaryTolerance ? 2 : 1;
        return (outlier, sorted.Count > skip ? sorted[skip].Magnitude : double.NaN);
    }
}
