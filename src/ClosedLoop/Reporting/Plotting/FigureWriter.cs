using System.Text.RegularExpressions;
using ScottPlot;

namespace ClosedLoop.Reporting.Plotting;

/// <summary>Paths written for one panel; <see cref="SvgPath"/> is null when the plot has dashed or dotted lines.</summary>
public sealed record SavedFigure(string PngPath, string? SvgPath, string CsvPath);

/// <summary>
/// Writes a figure panel atomically: <c>&lt;panel&gt;.png</c>; <c>&lt;panel&gt;.svg</c> only when no visible line of
/// the plot is dashed or dotted (ScottPlot's SVG export draws dashes solid; a stale SVG of the same panel is removed);
/// and <c>&lt;panel&gt;.csv</c> with the plotted data. Rendering is deterministic: the same plot gives the same bytes, in any
/// process and whatever was drawn before (<see cref="CanonicalIds"/>).
/// </summary>
public static partial class FigureWriter
{
    /// <summary>Saves the panel <paramref name="panelName"/> (letters, digits, <c>_ - .</c>) into <paramref name="directory"/>.</summary>
    public static SavedFigure Save(Plot plot, string directory, string panelName, FigureData data, FigureSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException($"directory = '{directory}' must be a non-empty path", nameof(directory));
        if (panelName is null || !PanelPattern().IsMatch(panelName))
            throw new ArgumentException($"panelName = '{panelName}' must be letters, digits, '_', '-' or '.' and not start with '.'", nameof(panelName));
        FigureSize s = (size ?? FigureSize.Default).Checked();
        string stem = Path.Combine(directory, panelName);
        string png = stem + ".png", svg = stem + ".svg", csv = stem + ".csv";
        AtomicFile.WriteAllBytes(png, RenderPng(plot, s));
        string? svgPath = null;
        if (HasDashedLines(plot)) File.Delete(svg);
        else
        {
            AtomicFile.WriteAllText(svg, CanonicalIds(plot.GetSvgXml(s.Width, s.Height)));
            svgPath = svg;
        }
        CsvWriter.WriteTable(csv, data.Header, data.Rows);
        return new SavedFigure(png, svgPath, csv);
    }

    /// <summary>The PNG bytes of <paramref name="plot"/> at <paramref name="size"/>.</summary>
    public static byte[] RenderPng(Plot plot, FigureSize size)
    {
        ArgumentNullException.ThrowIfNull(plot);
        size.Checked();
        return plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png);
    }

    /// <summary>
    /// <paramref name="svg"/> with its element ids renumbered in order of appearance (<c>cl_0</c>, <c>cl_1</c>, …, with
    /// every <c>url(#…)</c> reference): Skia numbers the clip paths of an SVG with a counter shared by the whole process,
    /// so without this the same plot gave different bytes depending on what the process had drawn before.
    /// </summary>
    public static string CanonicalIds(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in SvgId().Matches(svg))
            names.TryAdd(m.Groups[2].Value, $"{m.Groups[3].Value}_{names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return names.Count == 0 ? svg : SvgIdOrReference().Replace(svg, m => names.TryGetValue(m.Groups[2].Value, out var n) ? m.Groups[1].Value + n : m.Value);
    }

    /// <summary>Whether any visible line of the plot (plottables and grid) has a dash or dot pattern.</summary>
    public static bool HasDashedLines(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        foreach (IPlottable p in plot.GetPlottables())
            if (p.IsVisible && p is IHasLine line && IsPatterned(line.LineStyle)) return true;
        if (!plot.Grid.IsVisible) return false;
        GridStyle[] grids = [plot.Grid.XAxisStyle, plot.Grid.YAxisStyle];
        return grids.Any(g => g.IsVisible && (IsPatterned(g.MajorLineStyle) || IsPatterned(g.MinorLineStyle)));
    }

    private static bool IsPatterned(LineStyle style) =>
        style.IsVisible && style.Width > 0 && style.Pattern.Intervals is { Length: > 0 };

    [GeneratedRegex(@"^[A-Za-z0-9_\-][A-Za-z0-9_.\-]*$")]
    private static partial Regex PanelPattern();

    [GeneratedRegex(@"(\bid="")(([A-Za-z]+)_[0-9A-Za-z]+)(?="")")]
    private static partial Regex SvgId();

    [GeneratedRegex(@"(\bid=""|url\(#)([A-Za-z]+_[0-9A-Za-z]+)(?=[""\)])")]
    private static partial Regex SvgIdOrReference();
}
