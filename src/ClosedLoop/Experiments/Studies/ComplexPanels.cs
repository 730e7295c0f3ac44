using System.Numerics;
using ClosedLoop.Reporting.Plotting;
using ScottPlot;

namespace ClosedLoop.Experiments;

/// <summary>Complex-plane and log–log helpers shared by the Adam and nonlinear studies.</summary>
internal static class ComplexPanels
{
    /// <summary>The Fig. 4c window of the dominant pair: Re [0.98, 1.005], Im [0.12, 0.2] (docs/science/figures-and-studies.md §5).</summary>
    public static ComplexWindow Fig4cWindow { get; } = new(0.98, 1.005, 0.12, 0.2);

    /// <summary>
    /// <paramref name="window"/> grown to contain every finite point (5 % margin), then widened so that its aspect lies
    /// in [<paramref name="minAspect"/>, <paramref name="maxAspect"/>] and the figure stays legible.
    /// </summary>
    public static ComplexWindow Enlarge(ComplexWindow window, IEnumerable<Complex> points, double minAspect = 0.7, double maxAspect = 1.8) =>
        window.Including(points).WithAspectWithin(minAspect, maxAspect);

    /// <summary>Colours of the optimiser configurations (SGD dark grey, Adam 1e-3 orange, Adam 1e-2 green) and other series.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
        [Color.FromHex("#333333"), Color.FromHex("#FF7F0E"), Color.FromHex("#2CA02C"), Color.FromHex("#9467BD"), Color.FromHex("#8C564B")];

    /// <summary>A complex-plane plot without colour bar: unit circle, axis labels, window with equal units.</summary>
    public static Plot ComplexPlot(string title, ComplexWindow window)
    {
        var plot = Figures.Create(title);
        ComplexPlane.AddUnitCircle(plot);
        plot.XLabel("Re λ", 14);
        plot.YLabel("Im λ", 14);
        ComplexPlane.SetWindow(plot, window);
        return plot;
    }

    /// <summary>Log–log axes with the log-epoch abscissa from 0.7 to <paramref name="epochs"/> + 5.</summary>
    public static void LogLog(Plot plot, int epochs)
    {
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.Axes.SetLimitsX(LogAxis.Map(0.7), LogAxis.Map(epochs + 5));
    }
}
