using ScottPlot;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>Pixel size of a rendered figure.</summary>
/// <param name="Width">Width in pixels (1 to 10 000).</param>
/// <param name="Height">Height in pixels (1 to 10 000).</param>
public readonly record struct FigureSize(int Width, int Height)
{
    /// <summary>The project default, 800 × 600.</summary>
    public static FigureSize Default => new(800, 600);

    /// <summary>Throws <see cref="ArgumentException"/> unless both sides are in 1..10 000.</summary>
    public FigureSize Checked()
    {
        if (Width is < 1 or > 10_000) throw new ArgumentException($"Width = {Width} must be in 1..10000 pixels", nameof(Width));
        if (Height is < 1 or > 10_000) throw new ArgumentException($"Height = {Height} must be in 1..10000 pixels", nameof(Height));
        return this;
    }
}

/// <summary>
/// Global plot setup and the project's colours. Every figure is created by <see cref="Create"/>, which sets the
/// font to <see cref="FontFamily"/> (ScottPlot's own default resolves to DejaVu Serif here) so that output is the
/// same on every machine with the font installed (Debian: <c>apt-get install fonts-dejavu-core</c>). If the font is
/// missing, ScottPlot's fallback is used and <see cref="FontFound"/> is false.
/// </summary>
public static class Figures
{
    /// <summary>The font family of every figure.</summary>
    public const string FontFamily = "DejaVu Sans";

    private static readonly Lazy<bool> Setup = new(ConfigureFonts, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether <see cref="FontFamily"/> was found on this machine.</summary>
    public static bool FontFound => Setup.Value;

    /// <summary>Closed-loop learner (blue).</summary>
    public static Color ClosedLoop { get; } = Color.FromHex("#1F77B4");

    /// <summary>Open-loop learner (red).</summary>
    public static Color OpenLoop { get; } = Color.FromHex("#D62728");

    /// <summary>Separation-epoch marker (silver).</summary>
    public static Color Silver { get; } = Color.FromHex("#A8A9AD");

    /// <summary>Stabilisation-epoch marker (gold).</summary>
    public static Color Gold { get; } = Color.FromHex("#D4AF37");

    /// <summary>Start markers (crimson).</summary>
    public static Color Crimson { get; } = Color.FromHex("#DC143C");

    /// <summary>Light fills of the Stage 1, 2 and 3 spans (salmon, yellow, green; partly transparent so the grid shows).</summary>
    public static IReadOnlyList<Color> StageFills { get; } =
        [Color.FromHex("#F4A582").WithAlpha(0.35), Color.FromHex("#FEE08B").WithAlpha(0.45), Color.FromHex("#A6D96A").WithAlpha(0.35)];

    /// <summary>Thin dotted reference lines (published boundaries).</summary>
    public static Color Reference { get; } = Color.FromHex("#505050");

    /// <summary>Creates a plot with the project font, white background and the given labels.</summary>
    public static Plot Create(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        bool found = Setup.Value;
        var plot = new Plot();
        if (found) plot.Font.Set(FontFamily);
        if (title is not null) plot.Title(title, 16);
        if (xLabel is not null) plot.XLabel(xLabel, 14);
        if (yLabel is not null) plot.YLabel(yLabel, 14);
        return plot;
    }

    private static bool ConfigureFonts()
    {
        var typeface = Fonts.GetTypeface(FontFamily, bold: false, italic: false);
        bool found = typeface is not null && typeface.FamilyName == FontFamily;
        if (found) Fonts.Default = FontFamily;
        return found;
    }
}
