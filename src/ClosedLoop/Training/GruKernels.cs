using System.Numerics;
using System.Runtime.InteropServices;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// The element-wise parts of one GRU step on one sample in the engine's element type T (row form, gate blocks side by side in the order r, q, n;
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
    public static void Forward<T>(ReadOnlySpan<T> gi, ReadOnlySpan<T> gh, ReadOnlySpan<T> hPrev, Span<T> gates, Span<T> ghn, Span<T> hNew, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
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
    private static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = z.Length;
        if (Vector.IsHardwareAccelerated)
            for (int w = Vector<T>.Count; i <= n - w; i += w)
                (new Vector<T>(a[i..]) * new Vector<T>(b[i..]) + new Vector<T>(c[i..])).CopyTo(z[i..]);
        for (; i < n; i++) z[i] = a[i] * b[i] + c[i];
    }

    /// <summary>h' = n + q ⊙ (h − n) = (1 − q) ⊙ n + q ⊙ h.</summary>
    private static void Interpolate<T>(ReadOnlySpan<T> cand, ReadOnlySpan<T> q, ReadOnlySpan<T> h, Span<T> hNew) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = hNew.Length;
        if (Vector.IsHardwareAccelerated)
            for (int w = Vector<T>.Count; i <= n - w; i += w)
            {
                var c = new Vector<T>(cand[i..]);
                (c + new Vector<T>(q[i..]) * (new Vector<T>(h[i..]) - c)).CopyTo(hNew[i..]);
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
    public static void Backward<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> gates, ReadOnlySpan<T> ghn, ReadOnlySpan<T> hPrev,
        Span<T> dgi, Span<T> dgh, Span<T> ghPrev, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = gates[..n];
        var q = gates.Slice(n, n);
        var c = gates.Slice(2 * n, n);
        int j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            int w = Vector<T>.Count;
            var one = Vector<T>.One;
            for (; j <= n - w; j += w)
            {
                var gv = new Vector<T>(g[j..]);
                var rv = new Vector<T>(r[j..]);
                var qv = new Vector<T>(q[j..]);
                var cv = new Vector<T>(c[j..]);
                var an = gv * (one - qv) * (one - cv * cv);
                var aq = gv * (new Vector<T>(hPrev[j..]) - cv) * (qv * (one - qv));
                var ar = an * new Vector<T>(ghn[j..]) * (rv * (one - rv));
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
            T an = g[j] * (T.One - q[j]) * (T.One - c[j] * c[j]);
            T aq = g[j] * (hPrev[j] - c[j]) * (q[j] * (T.One - q[j]));
            T ar = an * ghn[j] * (r[j] * (T.One - r[j]));
            dgi[j] = dgh[j] = ar;
            dgi[n + j] = dgh[n + j] = aq;
            dgi[2 * n + j] = an;
            dgh[2 * n + j] = an * r[j];
            ghPrev[j] = g[j] * q[j];
        }
    }

    /// <summary>z = x + y element-wise (vectorised; exact, so the same bits in every lane).</summary>
    private static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = z.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x[..n]);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y[..n]);
            var zv = MemoryMarshal.Cast<T, Vector<T>>(z);
            for (int v = 0; v < zv.Length; v++) zv[v] = xv[v] + yv[v];
            i = zv.Length * Vector<T>.Count;
        }
        for (; i < n; i++) z[i] = x[i] + y[i];
    }
}
