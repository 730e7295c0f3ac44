using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics;

/// <summary>
/// Vectorised elementwise functions for the training engine's activation φ = tanh, in double and in float. The double
/// <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/> is within 2 ulp of <see cref="Math.Tanh(double)"/> and several
/// times faster than both the scalar loop and <c>TensorPrimitives.Tanh</c> of System.Numerics.Tensors 10.0.15 (which is
/// also far less accurate near 0); see docs/performance-kernels.md. The float functions (<c>FastMath.Single.cs</c>) use
/// float polynomials of their own, with twice the lanes.
/// </summary>
/// <remarks>
/// Every element goes through the same lane-wise algorithm — 512-bit vectors where accelerated, 256-bit ones for the
/// rest, and an overlapping or padded 256-bit vector for the tail, never a different scalar formula — so an element's
/// result depends only on its value, not on its position, the span length or the vector width. Without 256-bit SIMD
/// the method falls back to <see cref="Math.Tanh(double)"/>.
/// </remarks>
public static partial class FastMath
{
    /// <summary>y[i] = tanh(x[i]) for i &lt; x.Length. y may be x itself (in place); otherwise they must not overlap.</summary>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y) => Map<double, TanhFunction>(x, y, "FastMath.Tanh");

    /// <summary>y[i] = tanh(x[i]) in the element type of the engine (double or float; see <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/>).</summary>
    internal static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Map<double, TanhFunction>(Doubles(x), Doubles(y), "FastMath.Tanh");
        else Map<float, TanhSingle>(Singles(x), Singles(y), "FastMath.Tanh");
    }

    private static ReadOnlySpan<double> Doubles<T>(ReadOnlySpan<T> x) where T : unmanaged => MemoryMarshal.Cast<T, double>(x);
    private static Span<double> Doubles<T>(Span<T> x) where T : unmanaged => MemoryMarshal.Cast<T, double>(x);
    private static ReadOnlySpan<float> Singles<T>(ReadOnlySpan<T> x) where T : unmanaged => MemoryMarshal.Cast<T, float>(x);
    private static Span<float> Singles<T>(Span<T> x) where T : unmanaged => MemoryMarshal.Cast<T, float>(x);

    /// <summary>An element-wise function with its 256-bit and 512-bit lane algorithms (the same operations lane by lane) and the scalar fallback.</summary>
    private interface IVectorFunction<T>
    {
        static abstract Vector256<T> Apply(Vector256<T> x);
        static abstract Vector512<T> Apply(Vector512<T> x);
        static abstract T Scalar(T x);
    }

    private readonly struct TanhFunction : IVectorFunction<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Apply(Vector256<double> x) => TanhVector(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Apply(Vector512<double> x) => TanhVector512(x);

        public static double Scalar(double x) => Math.Tanh(x);
    }

    /// <summary>y[i] = F(x[i]): whole vectors, then the last (possibly overlapping) vector, or a zero-padded one for short spans.</summary>
    private static void Map<T, TF>(ReadOnlySpan<T> x, Span<T> y, string name) where T : unmanaged, INumberBase<T> where TF : struct, IVectorFunction<T>
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"{name}: y has {y.Length} elements, needs at least x.Length = {x.Length}", nameof(y));
        int n = x.Length, lanes = Vector256<T>.Count;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int j = 0; j < n; j++) y[j] = TF.Scalar(x[j]);
            return;
        }

        if (n < lanes)
        {
            Short<T, TF>(x, y);
            return;
        }

        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        // Read the last (possibly overlapping) vector before the loops overwrite it when y aliases x.
        var last = Vector256.LoadUnsafe(ref xr, (nuint)(n - lanes));
        int done = Vector512.IsHardwareAccelerated ? Run512<T, TF>(ref xr, ref yr, n) : 0;
        Run256<T, TF>(ref xr, ref yr, done, n, last);
    }

    // The loops live in their own fully optimised methods with a single call site of the vector kernel each: the
    // kernels are large, and with several call sites in one method the JIT's inlining budget ran out, leaving calls
    // (and unoptimised tiers of them) in the hot loop — 3–4× slower, depending on tiering timing. Each function F is a
    // struct, so every instantiation is compiled on its own with F's kernel inlined.

    /// <summary>Whole 512-bit vectors from the start; returns the number of elements done.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Run512<T, TF>(ref T x, ref T y, int n) where TF : struct, IVectorFunction<T>
    {
        int i = 0, lanes = Vector512<T>.Count;
        for (; i <= n - lanes; i += lanes)
            TF.Apply(Vector512.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        return i;
    }

    /// <summary>Whole 256-bit vectors from <paramref name="i"/>, then <paramref name="last"/> (the last vector of x) if a tail remains.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run256<T, TF>(ref T x, ref T y, int i, int n, Vector256<T> last) where TF : struct, IVectorFunction<T>
    {
        int lanes = Vector256<T>.Count;
        while (i < n)
        {
            bool whole = i <= n - lanes;
            var v = whole ? Vector256.LoadUnsafe(ref x, (nuint)i) : last;
            nuint at = whole ? (nuint)i : (nuint)(n - lanes);
            TF.Apply(v).StoreUnsafe(ref y, at);
            i = whole ? i + lanes : n;
        }
    }

    /// <summary>Fewer values than one 256-bit vector holds: through a zero-padded vector.</summary>
    private static void Short<T, TF>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumberBase<T> where TF : struct, IVectorFunction<T>
    {
        int lanes = Vector256<T>.Count;
        Span<T> pad = stackalloc T[lanes];
        pad.Clear();
        x.CopyTo(pad);
        ref T p = ref MemoryMarshal.GetReference(pad);
        Run256<T, TF>(ref p, ref p, 0, lanes, default);
        pad[..x.Length].CopyTo(y);
    }

    // Cephes tanh: |x| < 0.625 uses x + x·z·P(z)/Q(z), z = x², relative error ≈ 1e-16.
    private const double P0 = -9.64399179425052238628E-1, P1 = -9.92877231001918586564E1, P2 = -1.61468768441708447952E3;
    private const double Q0 = 1.12811678491632931402E2, Q1 = 2.23548839060100448583E3, Q2 = 4.84406305325125486048E3;
    private const double SmallLimit = 0.625;

    /// <summary>Beyond this |x|, tanh(x) rounds to ±1 (1 − 2e^(−2x) is within half an ulp of 1 above 19.06).</summary>
    private const double SaturationLimit = 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TanhVector(Vector256<double> x)
    {
        var ax = Vector256.Abs(x);

        // Small |x|: rational approximation.
        var z = x * x;
        var p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(P0), z, Vector256.Create(P1)), z, Vector256.Create(P2));
        var q = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(z + Vector256.Create(Q0), z, Vector256.Create(Q1)), z, Vector256.Create(Q2));
        var small = Vector256.FusedMultiplyAdd(x * z, p / q, x);

        // Large |x|: 1 − 2/(e^{2|x|} + 1) with the sign of x.
        var e = Exp(Vector256.Min(ax, Vector256.Create(SaturationLimit)) * 2);
        var large = Vector256.Create(1.0) - Vector256.Create(2.0) / (e + Vector256.Create(1.0));
        large = Vector256.ConditionalSelect(Vector256.Create(-0.0), x, large); // copy the sign of x

        var result = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(SmallLimit)), small, large);
        // NaN in gives NaN out, and ±0 keeps its sign: both return x itself.
        var passThrough = ~Vector256.Equals(x, x) | Vector256.Equals(x, Vector256<double>.Zero);
        return Vector256.ConditionalSelect(passThrough, x, result);
    }

    private const double InvLn2 = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>2^52 + 2^51: adding it rounds a double of magnitude &lt; 2^51 to an integer held in the low mantissa bits.</summary>
    private const double RoundingShift = 6755399441055744.0;

    /// <summary>e^y for y in [0, 708] (tanh needs [0, 40], the sigmoid up to 708): y = k·ln2 + r, |r| ≤ ln2/2, e^r by its degree-13 Taylor polynomial (truncation &lt; 1e-17).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exp(Vector256<double> y)
    {
        var shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(InvLn2), Vector256.Create(RoundingShift));
        var k = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Hi), y);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Lo), r);

        var poly = Vector256.Create(1.0 / 6227020800.0);         // 1/13!
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 479001600.0)); // 1/12!
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 39916800.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 3628800.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 362880.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 40320.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 5040.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 720.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 120.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 24.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0 / 6.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(0.5));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0));
        poly = Vector256.FusedMultiplyAdd(poly, r, Vector256.Create(1.0));

        // 2^k from the integer in the low bits of `shifted`.
        var bits = shifted.AsInt64() - Vector256.Create(BitConverter.DoubleToInt64Bits(RoundingShift)) + Vector256.Create(1023L);
        return poly * Vector256.ShiftLeft(bits, 52).AsDouble();
    }

    /// <summary>The 512-bit twin of <see cref="TanhVector"/> (same operations lane by lane, so the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhVector512(Vector512<double> x)
    {
        var ax = Vector512.Abs(x);

        // Small |x|: rational approximation.
        var z = x * x;
        var p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(P0), z, Vector512.Create(P1)), z, Vector512.Create(P2));
        var q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(z + Vector512.Create(Q0), z, Vector512.Create(Q1)), z, Vector512.Create(Q2));
        var small = Vector512.FusedMultiplyAdd(x * z, p / q, x);

        // Large |x|: 1 − 2/(e^{2|x|} + 1) with the sign of x.
        var e = Exp512(Vector512.Min(ax, Vector512.Create(SaturationLimit)) * 2);
        var large = Vector512.Create(1.0) - Vector512.Create(2.0) / (e + Vector512.Create(1.0));
        large = Vector512.ConditionalSelect(Vector512.Create(-0.0), x, large); // copy the sign of x

        var result = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(SmallLimit)), small, large);
        // NaN in gives NaN out, and ±0 keeps its sign: both return x itself.
        var passThrough = ~Vector512.Equals(x, x) | Vector512.Equals(x, Vector512<double>.Zero);
        return Vector512.ConditionalSelect(passThrough, x, result);
    }

    /// <summary>The 512-bit twin of <see cref="Exp"/> (same operations lane by lane, so the same bits).</summary>
    /// <remarks>e^y for y in [0, 708]: y = k·ln2 + r, |r| ≤ ln2/2, e^r by its degree-13 Taylor polynomial (truncation &lt; 1e-17).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exp512(Vector512<double> y)
    {
        var shifted = Vector512.FusedMultiplyAdd(y, Vector512.Create(InvLn2), Vector512.Create(RoundingShift));
        var k = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Hi), y);
        r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Lo), r);

        var poly = Vector512.Create(1.0 / 6227020800.0);         // 1/13!
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 479001600.0)); // 1/12!
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 39916800.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 3628800.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 362880.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 40320.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 5040.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 720.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 120.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 24.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0 / 6.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(0.5));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0));
        poly = Vector512.FusedMultiplyAdd(poly, r, Vector512.Create(1.0));

        // 2^k from the integer in the low bits of `shifted`.
        var bits = shifted.AsInt64() - Vector512.Create(BitConverter.DoubleToInt64Bits(RoundingShift)) + Vector512.Create(1023L);
        return poly * Vector512.ShiftLeft(bits, 52).AsDouble();
    }
}
