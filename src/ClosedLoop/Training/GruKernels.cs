using System.Numerics;
using System.Runtime.InteropServices;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// The element-wise parts of one GRU step on one sample (row form, gate blocks side by side in the order r, q, n;
/// docs/science/model-and-training.md §2.6, docs/generalisation.md). Every loop evaluates the same IEEE operations in its vector lanes and its
/// scalar tail (no fused multiply–add), so a result depends only on the values, not on N or the vector width.
/// </summary>
internal static class GruKernels
{
    /// <summary>
    /// Gates of one sample from the input-side pre-activations gi = o W_ih + b_i and the recurrent-side ones
    /// gh = h W_hh + b_h (each 3N): r = σ(gi_r + gh_r), q = σ(gi_q + gh_q), n = tanh(gi_n + r ⊙ gh_n), written to
    /// <paramref name="gates"/> as [r | q | n]; gh_n is kept in <paramref name="ghn"/>; h' = n + q ⊙ (h − n).
    /// </summary>
    public static void Forward(ReadOnlySpan<double> gi, ReadOnlySpan<double> gh, ReadOnlySpan<double> hPrev, Span<double> gates, Span<double> ghn, Span<double> hNew, int n)
    {
        var rq = gates[..(2 * n)];
        Add(gi[..(2 * n)], gh[..(2 * n)], rq);
        FastMath.Sigmoid(rq, rq);
        var r = gates[..n];
        var q = gates.Slice(n, n);
        var cand = gates.Slice(2 * n, n);
        gh.Slice(2 * n, n).CopyTo(ghn);
        MultiplyAdd(r, ghn, gi.Slice(2 * n, n), cand);
        FastMath.Tanh(cand, cand);
        Interpolate(cand, q, hPrev, hNew);
    }

    /// <summary>z = a ⊙ b + c (rounded twice, in every lane and in the tail).</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> z)
    {
        int i = 0, n = z.Length;
        if (Vector.IsHardwareAccelerated)
            for (int w = Vector<double>.Count; i <= n - w; i += w)
                (new Vector<double>(a[i..]) * new Vector<double>(b[i..]) + new Vector<double>(c[i..])).CopyTo(z[i..]);
        for (; i < n; i++) z[i] = a[i] * b[i] + c[i];
    }

    /// <summary>h' = n + q ⊙ (h − n) = (1 − q) ⊙ n + q ⊙ h.</summary>
    private static void Interpolate(ReadOnlySpan<double> cand, ReadOnlySpan<double> q, ReadOnlySpan<double> h, Span<double> hNew)
    {
        int i = 0, n = hNew.Length;
        if (Vector.IsHardwareAccelerated)
            for (int w = Vector<double>.Count; i <= n - w; i += w)
            {
                var c = new Vector<double>(cand[i..]);
                (c + new Vector<double>(q[i..]) * (new Vector<double>(h[i..]) - c)).CopyTo(hNew[i..]);
            }
        for (; i < n; i++) hNew[i] = cand[i] + q[i] * (h[i] - cand[i]);
    }

    /// <summary>
    /// Backward through the gates of one sample given g = dL/dh' (N): writes dL/dgi = [da_r | da_q | da_n] and
    /// dL/dgh = [da_r | da_q | da_n ⊙ r] (3N each) and the direct path dL/dh = g ⊙ q into <paramref name="ghPrev"/>.
    /// </summary>
    /// <remarks>
    /// With dn = g(1 − q), dq = g(h − n): da_n = dn(1 − n²), da_q = dq·q(1 − q), da_r = da_n·gh_n·r(1 − r).
    /// </remarks>
    public static void Backward(ReadOnlySpan<double> g, ReadOnlySpan<double> gates, ReadOnlySpan<double> ghn, ReadOnlySpan<double> hPrev,
        Span<double> dgi, Span<double> dgh, Span<double> ghPrev, int n)
    {
        var r = gates[..n];
        var q = gates.Slice(n, n);
        var c = gates.Slice(2 * n, n);
        int j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int w = Vector<double>.Count;
            var one = Vector<double>.One;
            for (; j <= n - w; j += w)
            {
                var gv = new Vector<double>(g[j..]);
                var rv = new Vector<double>(r[j..]);
                var qv = new Vector<double>(q[j..]);
                var cv = new Vector<double>(c[j..]);
                var an = gv * (one - qv) * (one - cv * cv);
                var aq = gv * (new Vector<double>(hPrev[j..]) - cv) * (qv * (one - qv));
                var ar = an * new Vector<double>(ghn[j..]) * (rv * (one - rv));
                ar.CopyTo(dgi[j..]);
                aq.CopyTo(dgi[(n + j)..]);
                an.CopyTo(dgi[(2 * n + j)..]);
                ar.CopyTo(dgh[j..]);
                aq.CopyTo(dgh[(n + j)..]);
                (an * rv).CopyTo(dgh[(2 * n + j)..]);
                (gv * qv).CopyTo(ghPrev[j..]);
            }
        }
        for (; j < n; j++)
        {
            double an = g[j] * (1 - q[j]) * (1 - c[j] * c[j]);
            double aq = g[j] * (hPrev[j] - c[j]) * (q[j] * (1 - q[j]));
            double ar = an * ghn[j] * (r[j] * (1 - r[j]));
            dgi[j] = dgh[j] = ar;
            dgi[n + j] = dgh[n + j] = aq;
            dgi[2 * n + j] = an;
            dgh[2 * n + j] = an * r[j];
            ghPrev[j] = g[j] * q[j];
        }
    }

    /// <summary>z = x + y element-wise (vectorised; exact, so the same bits in every lane).</summary>
    private static void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        int i = 0, n = z.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var zv = MemoryMarshal.Cast<double, Vector<double>>(z);
            for (int v = 0; v < zv.Length; v++) zv[v] = xv[v] + yv[v];
            i = zv.Length * Vector<double>.Count;
        }
        for (; i < n; i++) z[i] = x[i] + y[i];
    }
}
