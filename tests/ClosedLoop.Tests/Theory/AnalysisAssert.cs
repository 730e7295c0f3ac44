namespace ClosedLoop.Tests.Theory;

/// <summary>Comparisons against values quoted in docs/science/reference-values.md.</summary>
internal static class AnalysisAssert
{
    /// <summary>Number of significant digits docs/science/reference-values.md quotes (parts A–C) unless more are shown.</summary>
    public const int QuotedDigits = 6;

    /// <summary>
    /// Asserts that <paramref name="actual"/> rounds to <paramref name="expected"/> at <paramref name="digits"/>
    /// significant digits: |actual − expected| ≤ half a unit of the last quoted digit (plus 1 % slack for the
    /// rounding of the quote itself).
    /// </summary>
    public static void Quoted(double expected, double actual, int digits = QuotedDigits, string? what = null)
    {
        double tol = expected == 0 ? 1e-12 : 0.505 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - (digits - 1));
        Assert.True(Math.Abs(actual - expected) <= tol,
            $"{what ?? "value"}: expected {expected} (to {digits} significant digits), got {actual}");
    }
}
