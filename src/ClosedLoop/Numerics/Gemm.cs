using System.Numerics;
using System.Runtime.InteropServices;

namespace ClosedLoop.Numerics;

/// <summary>
/// Dense matrix products on row-major spans. Every method computes <c>C = op(A)·op(B)</c>, or adds it to
/// <c>C</c> when <c>accumulate</c> is true. Shapes are given as the shape of the product: <c>C</c> is m×n and
/// the inner dimension is k. No allocation.
/// </summary>
public static class Gemm
{
    /// <summary>C (m×n) (+)= A (m×k, row-major) · B (k×n, row-major).</summary>
    public static void AB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        CheckShapes(a.Length, m * k, b.Length, k * n, c.Length, m * n);
        if (!accumulate) c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            var ci = c.Slice(i * n, n);
            var ai = a.Slice(i * k, k);
            for (int p = 0; p < k; p++)
            {
                double s = ai[p];
                if (s == 0) continue;
                Axpy(s, b.Slice(p * n, n), ci);
            }
        }
    }

    /// <summary>C (m×n) (+)= Aᵀ · B with A stored k×m and B stored k×n (both row-major).</summary>
    public static void AtB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        CheckShapes(a.Length, k * m, b.Length, k * n, c.Length, m * n);
        if (!accumulate) c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
        {
            var ap = a.Slice(p * m, m);
            var bp = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                double s = ap[i];
                if (s == 0) continue;
                Axpy(s, bp, c.Slice(i * n, n));
            }
        }
    }

    /// <summary>C (m×n) (+)= A · Bᵀ with A stored m×k and B stored n×k (both row-major).</summary>
    public static void ABt(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        CheckShapes(a.Length, m * k, b.Length, n * k, c.Length, m * n);
        for (int i = 0; i < m; i++)
        {
            var ai = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                double d = Dot(ai, b.Slice(j * k, k));
                if (accumulate) c[i * n + j] += d; else c[i * n + j] = d;
            }
        }
    }

    /// <summary>y += s·x.</summary>
    public static void Axpy(double s, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vs = new Vector<double>(s);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int v = 0; v < xv.Length; v++) yv[v] += vs * xv[v];
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) y[i] += s * x[i];
    }

    /// <summary>Dot product of two equal-length spans.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            for (int v = 0; v < xv.Length; v++) acc += xv[v] * yv[v];
            sum = Vector.Sum(acc);
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    private static void CheckShapes(int la, int ea, int lb, int eb, int lc, int ec)
    {
        if (la < ea || lb < eb || lc < ec)
            throw new ArgumentException($"span too short for the product: A {la}/{ea}, B {lb}/{eb}, C {lc}/{ec}");
    }
}
