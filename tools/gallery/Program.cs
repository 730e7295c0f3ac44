using ClosedLoop.Reporting;
using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Tests.Reporting.Plotting;

// Writes one PNG per gallery panel (docs/reporting.md, "Figures"): dotnet run --project tools/gallery -c Release -- docs/img
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: gallery DIRECTORY (the folder the gallery_*.png files are written to, e.g. docs/img)");
    return 2;
}
Directory.CreateDirectory(args[0]);
foreach (GalleryPanel panel in PlotGallery.All())
{
    string path = Path.Combine(args[0], panel.Name + ".png");
    AtomicFile.WriteAllBytes(path, FigureWriter.RenderPng(panel.Plot, panel.Size));
    Console.WriteLine(path);
}
return 0;
