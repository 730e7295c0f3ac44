using ClosedLoop.Numerics;

namespace ClosedLoop.Controllers;

/// <summary>Draws network weights by the schemes of docs/science/model-and-training.md §2.5, block by block in the listed order.</summary>
public static class Initializer
{
    /// <summary>Creates parameters for <paramref name="settings"/> drawn from the init stream.</summary>
    public static NetworkParameters Create(NetworkSettings settings, RandomStream init)
    {
        settings.Validated();
        var p = new NetworkParameters(settings);
        int n = settings.Hidden;
        double invSqrtN = 1.0 / Math.Sqrt(n);
        switch (settings.Init)
        {
            case InitScheme.RankOnePaper:
                init.FillUniform(p.Input, -invSqrtN, invSqrtN);
                init.FillUniform(p.Readout, -invSqrtN, invSqrtN);
                init.FillNormal(p.U, 0, invSqrtN);
                init.FillNormal(p.V, 0, invSqrtN);
                FillBulk(p, init, settings.BulkGain * invSqrtN);
                break;
            case InitScheme.SmallScale:
                init.FillNormal(p.Input, 0, 1.0 / n);
                FillBulk(p, init, settings.BulkGain * invSqrtN);
                init.FillNormal(p.Readout, 0, 1.0 / n);
                FillFactors(p, init, invSqrtN);
                break;
            case InitScheme.TrackingPaper:
                init.FillUniform(p.Input, -invSqrtN, invSqrtN);
                FillBulk(p, init, settings.BulkGain * invSqrtN);
                init.FillUniform(p.Readout, -invSqrtN, invSqrtN);
                FillFactors(p, init, invSqrtN);
                break;
            case InitScheme.Reproduction:
                init.FillNormal(p.Input, 0, settings.InputScale * invSqrtN);
                FillBulk(p, init, settings.RecurrentScale * invSqrtN);
                init.FillNormal(p.Readout, 0, settings.OutputScale * invSqrtN);
                FillFactors(p, init, invSqrtN);
                break;
            case InitScheme.ReproductionLowRank:
                init.FillNormal(p.U, 0, invSqrtN);
                init.FillNormal(p.V, 0, invSqrtN);
                FillBulk(p, init, settings.RecurrentScale * invSqrtN);
                init.FillNormal(p.Input, 0, settings.InputScale * invSqrtN);
                init.FillNormal(p.Readout, 0, settings.OutputScale * invSqrtN);
                break;
            default:
                throw new ArgumentException($"network.init = {settings.Init} is not a known scheme");
        }
        if (settings.OverlapTarget is { } s) SetOverlap(p.Readout, p.Input, s);
        return p;
    }

    /// <summary>
    /// The "over" construction (docs/science/model-and-training.md §2.5): rebuilds z so that zᵀa = s exactly, keeping 10 % of the parallel
    /// norm as a perpendicular part along the drawn z. Works in place on <paramref name="z"/>.
    /// </summary>
    public static void SetOverlap(double[] z, double[] a, double s)
    {
        if (z.Length != a.Length) throw new ArgumentException($"z has {z.Length} entries and m has {a.Length}");
        double aa = Gemm.Dot(a, a);
        if (!(aa > 0)) throw new ArgumentException("the input weights m are zero: σ_zm cannot be set");
        double za = Gemm.Dot(z, a);
        var b = new double[z.Length];
        for (int i = 0; i < z.Length; i++) b[i] = z[i] - za / aa * a[i];
        double bn = Math.Sqrt(Gemm.Dot(b, b));
        double scale = bn < 1e-10 ? 0.0 : 0.1 * Math.Abs(s) / Math.Sqrt(aa) / bn;
        for (int i = 0; i < z.Length; i++) z[i] = s / aa * a[i] + scale * b[i];
    }

    private static void FillBulk(NetworkParameters p, RandomStream init, double sd)
    {
        if (sd == 0) return; // g = 0: the bulk is identically zero and no values are drawn
        init.FillNormal(p.Recurrent, 0, sd);
    }

    private static void FillFactors(NetworkParameters p, RandomStream init, double sd)
    {
        if (p.U.Length == 0) return;
        init.FillNormal(p.U, 0, sd);
        init.FillNormal(p.V, 0, sd);
    }
}
