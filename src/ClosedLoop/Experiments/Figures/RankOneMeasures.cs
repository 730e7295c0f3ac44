using System.Globalization;
using System.Numerics;

namespace ClosedLoop.Experiments;

/// <summary>
/// Small pure measures behind the claims of Figs 3–5 (docs/science/figures-and-studies.md §4–§6): trajectory shape (sign changes,
/// excursions, maxima over step windows), ordering (inversions), windows of the complex plane and agreement with a
/// value quoted to a number of digits in docs/science/reference-values.md.
/// </summary>
public static class RankOneMeasures
{
    /// <summary>Number of sign changes of <paramref name="x"/>, exact zeros skipped (x₁ = 0 from (1, −1) is not a change).</summary>
    public static int SignChanges(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int changes = 0, last = 0;
        foreach (var v in x)
        {
            int s = Math.Sign(v);
            if (s == 0 || double.IsNaN(v)) continue;
            if (last != 0 && s != last) changes++;
            last = s;
        }
        return changes;
    }

    /// <summary>max |x_t| over steps [from, to] (inclusive, clipped to the series); NaN when the range is empty.</summary>
    public static double MaxAbs(IReadOnlyList<double> x, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(x);
        double m = double.NaN;
        for (int t = Math.Max(0, from); t <= Math.Min(to, x.Count - 1); t++)
            m = double.IsNaN(m) ? Math.Abs(x[t]) : Math.Max(m, Math.Abs(x[t]));
        return m;
    }

    /// <summary>Number of maximal runs of consecutive steps with x_t &lt; <paramref name="level"/> (excursions below it).</summary>
    public static int ExcursionsBelow(IReadOnlyList<double> x, double level)
    {
        ArgumentNullException.ThrowIfNull(x);
        int runs = 0;
        bool inside = false;
        foreach (var v in x)
        {
            bool below = v < level;
            if (below && !inside) runs++;
            inside = below;
        }
        return runs;
    }

    /// <summary>
    /// Pairs i &lt; j with values[j] ≥ values[i]: the inversions of a sequence expected to decrease strictly (0 for a
    /// strictly decreasing one). NaN entries count as inversions with everything.
    /// </summary>
    public static int IncreasingPairs(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = 0;
        for (int i = 0; i < values.Count; i++)
            for (int j = i + 1; j < values.Count; j++)
                if (!(values[j] < values[i])) n++;
        return n;
    }

    /// <summary>True when the values decrease strictly from each entry to the next (true for fewer than two).</summary>
    public static bool DecreasesStrictly(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (int i = 1; i < values.Count; i++)
            if (!(values[i] < values[i - 1])) return false;
        return true;
    }

    /// <summary>The leading part of <paramref name="path"/> that stays inside the window (up to the first point outside).</summary>
    public static IReadOnlyList<Complex> WhileInside(IReadOnlyList<Complex> path, double reMin, double reMax, double imMin, double imMax)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kept = new List<Complex>();
        foreach (var z in path)
        {
            if (!(z.Real >= reMin && z.Real <= reMax && z.Imaginary >= imMin && z.Imaginary <= imMax)) break;
            kept.Add(z);
        }
        return kept;
    }

    /// <summary>
    /// How far <paramref name="measured"/> is from a value quoted as <paramref name="quoted"/> (e.g. "6.09842e17",
    /// "-0.0704"), in units of the quoted last digit. A quoted value agrees when this is at most 1 (rounding of
    /// the quote plus the last bit of a different float64 computation).
    /// </summary>
    public static double QuotedUnits(double measured, string quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        double value = double.Parse(quoted, NumberStyles.Float, CultureInfo.InvariantCulture);
        string s = quoted.Trim().TrimStart('-', '+');
        int exponent = 0;
        int e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        int decimals = dot < 0 ? 0 : s.Length - dot - 1;
        double unit = Math.Pow(10, exponent - decimals);
        return Math.Abs(measured - value) / unit;
    }

    /// <summary>|Δσ| per epoch of a series: the largest absolute difference between consecutive finite entries.</summary>
    public static double MaxStep(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        double m = 0;
        for (int i = 1; i < series.Count; i++)
            if (double.IsFinite(series[i]) && double.IsFinite(series[i - 1])) m = Math.Max(m, Math.Abs(series[i] - series[i - 1]));
        return m;
    }

    /// <summary>linspace(a, b, n) including both ends (numpy's).</summary>
    public static double[] Linspace(double a, double b, int n)
    {
        if (n < 2) throw new ArgumentException($"n = {n} is not allowed: linspace needs at least 2 points");
        return Enumerable.Range(0, n).Select(i => i == n - 1 ? b : a + (b - a) * i / (n - 1)).ToArray();
    }
}
