using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using SkiaSharp;

namespace ClosedLoop.Tests.Reporting.Plotting;

/// <summary>Renders every gallery panel: size, decodability, non-emptiness, determinism, CSV beside the figure.</summary>
public class PlotGalleryTests
{
    /// <summary>Distinct colours a real figure has at least (text antialiasing alone gives dozens).</summary>
    private const int MinDistinctColours = 20;

    public static TheoryData<string> PanelNames() => [.. PlotGallery.All().Select(p => p.Name)];

    private static GalleryPanel Build(string name) => PlotGallery.All().Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(PanelNames))]
    public void Panel_renders_a_decodable_png_of_the_requested_size(string name)
    {
        GalleryPanel panel = Build(name);
        byte[] png = FigureWriter.RenderPng(panel.Plot, panel.Size);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((panel.Size.Width, panel.Size.Height), (bitmap.Width, bitmap.Height));
        Assert.True(DistinctColours(bitmap) >= MinDistinctColours, $"{name} looks empty");
    }

    [Theory]
    [MemberData(nameof(PanelNames))]
    public void Two_builds_of_the_same_panel_render_identical_bytes(string name)
    {
        GalleryPanel a = Build(name), b = Build(name);
        Assert.Equal(FigureWriter.RenderPng(a.Plot, a.Size), FigureWriter.RenderPng(b.Plot, b.Size));
    }

    [Theory]
    [MemberData(nameof(PanelNames))]
    public void Saved_panel_has_png_csv_and_svg_only_without_dashes(string name)
    {
        using var dir = new TempDirectory();
        GalleryPanel panel = Build(name);
        SavedFigure saved = FigureWriter.Save(panel.Plot, dir.File("figures"), panel.Name, panel.Data, panel.Size);
        Assert.True(File.Exists(saved.PngPath));
        Assert.Equal(FigureWriter.HasDashedLines(panel.Plot), saved.SvgPath is null);
        if (saved.SvgPath is not null) Assert.Contains("<svg", File.ReadAllText(saved.SvgPath));
        CsvTable table = CsvTable.Read(saved.CsvPath);
        Assert.Equal(panel.Data.Header, table.Header);
        Assert.Equal(panel.Data.Rows.Count, table.Rows.Count);
        for (int r = 0; r < table.Rows.Count; r++)
            for (int c = 0; c < table.Header.Count; c++)
                Assert.Equal(CsvFormat.Cell(panel.Data.Rows[r][c]), CsvFormat.Quote(table.Rows[r][c]));
    }

    internal static int DistinctColours(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
            for (int x = 0; x < bitmap.Width; x += 3)
                colours.Add((uint)bitmap.GetPixel(x, y));
        return colours.Count;
    }
}
