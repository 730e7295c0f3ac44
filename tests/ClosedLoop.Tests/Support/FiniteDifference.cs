using ClosedLoop.Controllers;

namespace ClosedLoop.Tests.Support;

/// <summary>Central finite differences of a scalar function of the trainable network parameters.</summary>
public static class FiniteDifference
{
    /// <summary>Relative tolerance of the gradient checks (issue: below 1e−6 in float64).</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>
    /// Compares <paramref name="analytic"/> (same layout as <paramref name="p"/>) with central differences of
    /// <paramref name="loss"/> over every trainable element. Returns the worst relative error, measured as
    /// |fd − an| / max(|an|, 1e−3·‖an‖_∞ of the whole gradient, 1e−12).
    /// </summary>
    public static double WorstRelativeError(NetworkParameters p, NetworkParameters analytic, Func<NetworkParameters, double> loss, double step = 1e-5)
    {
        double scale = 0;
        foreach (var b in analytic.TrainableBlocks().Where(b => (p.Settings.Trainable & b.Id) != 0))
            foreach (var v in b.Values) scale = Math.Max(scale, Math.Abs(v));
        double worst = 0;
        var pb = p.Blocks().ToList();
        var ab = analytic.Blocks().ToList();
        for (int bi = 0; bi < pb.Count; bi++)
        {
            if ((p.Settings.Trainable & pb[bi].Id) == 0) continue;
            var values = pb[bi].Values;
            for (int i = 0; i < values.Length; i++)
            {
                double orig = values[i];
                values[i] = orig + step;
                double up = loss(p);
                values[i] = orig - step;
                double down = loss(p);
                values[i] = orig;
                double fd = (up - down) / (2 * step);
                double an = ab[bi].Values[i];
                double err = Math.Abs(fd - an) / Math.Max(Math.Max(Math.Abs(an), 1e-3 * scale), 1e-12);
                worst = Math.Max(worst, err);
            }
        }
        return worst;
    }
}
