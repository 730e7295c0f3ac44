using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Studies;

/// <summary>Expected direction of a quantity along increasing β or T.</summary>
public enum Trend
{
    /// <summary>Each value above the previous one.</summary>
    Increasing,
    /// <summary>Each value below the previous one.</summary>
    Decreasing,
}

/// <summary>Pure measures of the β and T studies (docs/science/figures-and-studies.md §8, §9; Fig. 4 claim 9).</summary>
public static class StudyMeasures
{
    /// <summary>
    /// Number of adjacent steps of <paramref name="values"/> (ordered by the study variable) that go against
    /// <paramref name="trend"/>: a step counts unless it is strictly in the expected direction, so ties and steps
    /// touching a non-finite value count as inversions.
    /// </summary>
    public static int Inversions(IReadOnlyList<double> values, Trend trend)
    {
        ArgumentNullException.ThrowIfNull(values);
        int count = 0;
        for (int i = 1; i < values.Count; i++)
        {
            double a = values[i - 1], b = values[i];
            bool ok = double.IsFinite(a) && double.IsFinite(b) && (trend == Trend.Increasing ? b > a : b < a);
            if (!ok) count++;
        }
        return count;
    }

    /// <summary>"Monotone up to <paramref name="allowed"/> inversions" (docs/science/figures-and-studies.md §8: one; Fig. 4 claim 9: one).</summary>
    public static bool IsMonotone(IReadOnlyList<double> values, Trend trend, int allowed = 1) =>
        values.Count >= 2 && Inversions(values, trend) <= allowed;

    /// <summary>
    /// The upper member of the largest-modulus complex pair (|Im| &gt; <see cref="Spectrum.ImaginaryTolerance"/>, Im &gt; 0)
    /// of a spectrum — the "upper dominant eigenvalue" of the Fig. 4 paths, which stays on the pair when a real
    /// eigenvalue becomes dominant in Stage 3; when every eigenvalue is real (the pair has collapsed onto the real
    /// axis), the largest-modulus eigenvalue. NaN for an empty or non-finite spectrum.
    /// </summary>
    public static Complex UpperPairMember(IReadOnlyList<Complex> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        var nan = new Complex(double.NaN, double.NaN);
        if (eigenvalues.Count == 0 || eigenvalues.Any(l => !double.IsFinite(l.Real) || !double.IsFinite(l.Imaginary))) return nan;
        Complex? best = null, dominant = null;
        foreach (var l in eigenvalues)
        {
            if (dominant is null || l.Magnitude > dominant.Value.Magnitude) dominant = l;
            if (l.Imaginary > Spectrum.ImaginaryTolerance && (best is null || l.Magnitude > best.Value.Magnitude)) best = l;
        }
        return best ?? dominant!.Value;
    }

    /// <summary>Median of the finite values; NaN if none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : Descriptive.Median(finite);
    }

    /// <summary>"a: m1, b: m2, ..." — a compact text of per-condition values for claim rows.</summary>
    public static string ByCondition(IReadOnlyList<string> labels, IReadOnlyList<double> values, string format = "G3")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Count) throw new ArgumentException($"labels has {labels.Count} entries but values has {values.Count}", nameof(values));
        return string.Join(", ", labels.Select((l, i) => $"{l}: {(double.IsFinite(values[i]) ? values[i].ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "none")}"));
    }
}
