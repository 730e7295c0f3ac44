using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics;

/// <summary>tanh and the logistic function in float (the engine's single precision; docs/engine.md "Precision").</summary>
/// <remarks>
/// The same construction as the double functions with float polynomials (Cephes <c>tanhf</c> and <c>expf</c>):
/// |x| &lt; 0.625: tanh x = x + x·z·P(z), z = x², P of degree 4; otherwise 1 − 2/(e^{2|x|} + 1) with |x| capped at 10
/// (tanh rounds to ±1 in float beyond 9.01); e^r on |r| ≤ ln2/2 by a degree-5 polynomial after Cody–Waite reduction.
/// σ(−|x|) = 1/(1 + e^{|x|}) and σ(|x|) = e^{|x|}·σ(−|x|), |x| capped at 87 (σ(−87) ≈ 1.6e-38, the bottom of the
/// normal floats). Within 2 ulp of the correctly rounded float value (tested). Every element goes through the same
/// lane-wise algorithm, so a result depends only on its input.
/// </remarks>
public static partial class FastMath
{
    /// <summary>y[i] = tanh(x[i]) in float for i &lt; x.Length. y may be x itself (in place); otherwise they must not overlap.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Map<float, TanhSingle>(x, y, "FastMath.Tanh");

    /// <summary>y[i] = σ(x[i]) in float for i &lt; x.Length. y may be x itself (in place); otherwise they must not overlap.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Map<float, SigmoidSingle>(x, y, "FastMath.Sigmoid");

    private const float SmallLimitF = 0.625f, SaturationLimitF = 10f, SigmoidLimitF = 87f;
    private const float T0 = -5.70498872745e-3f, T1 = 2.06390887954e-2f, T2 = -5.37397155531e-2f, T3 = 1.33314422036e-1f, T4 = -3.33332819422e-1f;
    private const float E0 = 1.9875691500e-4f, E1 = 1.3981999507e-3f, E2 = 8.3334519073e-3f, E3 = 4.1665795894e-2f, E4 = 1.6666665459e-1f, E5 = 5.0000001201e-1f;
    private const float InvLn2F = 1.44269504088896341f, Ln2HiF = 0.693359375f, Ln2LoF = -2.12194440e-4f;

    /// <summary>1.5·2^23: adding it rounds a float of magnitude &lt; 2^22 to an integer held in the low mantissa bits.</summary>
    private const float RoundingShiftF = 12582912f;

    private readonly struct TanhSingle : IVectorFunction<float>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> x)
        {
            var ax = Vector256.Abs(x);
            var z = x * x;
            var p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(
                Vector256.Create(T0), z, Vector256.Create(T1)), z, Vector256.Create(T2)), z, Vector256.Create(T3)), z, Vector256.Create(T4));
            var small = Vector256.FusedMultiplyAdd(p * z, x, x);
            var e = ExpSingle(Vector256.Min(ax, Vector256.Create(SaturationLimitF)) * 2);
            var large = Vector256.Create(1f) - Vector256.Create(2f) / (e + Vector256.Create(1f));
            large = Vector256.ConditionalSelect(Vector256.Create(-0f), x, large); // copy the sign of x
            var result = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(SmallLimitF)), small, large);
            var passThrough = ~Vector256.Equals(x, x) | Vector256.Equals(x, Vector256<float>.Zero); // NaN and ±0 return x
            return Vector256.ConditionalSelect(passThrough, x, result);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x)
        {
            var ax = Vector512.Abs(x);
            var z = x * x;
            var p = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
                Vector512.Create(T0), z, Vector512.Create(T1)), z, Vector512.Create(T2)), z, Vector512.Create(T3)), z, Vector512.Create(T4));
            var small = Vector512.FusedMultiplyAdd(p * z, x, x);
            var e = ExpSingle(Vector512.Min(ax, Vector512.Create(SaturationLimitF)) * 2);
            var large = Vector512.Create(1f) - Vector512.Create(2f) / (e + Vector512.Create(1f));
            large = Vector512.ConditionalSelect(Vector512.Create(-0f), x, large);
            var result = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(SmallLimitF)), small, large);
            var passThrough = ~Vector512.Equals(x, x) | Vector512.Equals(x, Vector512<float>.Zero);
            return Vector512.ConditionalSelect(passThrough, x, result);
        }

        public static float Scalar(float x) => MathF.Tanh(x);
    }

    private readonly struct SigmoidSingle : IVectorFunction<float>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> x)
        {
            var e = ExpSingle(Vector256.Min(Vector256.Abs(x), Vector256.Create(SigmoidLimitF)));
            var inverse = Vector256.Create(1f) / (e + Vector256.Create(1f)); // σ(−|x|); σ(|x|) = e·σ(−|x|)
            var result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), e * inverse, inverse);
            return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x); // NaN in, NaN out
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x)
        {
            var e = ExpSingle(Vector512.Min(Vector512.Abs(x), Vector512.Create(SigmoidLimitF)));
            var inverse = Vector512.Create(1f) / (e + Vector512.Create(1f));
            var result = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), e * inverse, inverse);
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
        }

        public static float Scalar(float x)
        {
            float e = MathF.Exp(MathF.Min(MathF.Abs(x), SigmoidLimitF)), inverse = 1 / (1 + e);
            return float.IsNaN(x) ? x : x >= 0 ? e * inverse : inverse;
        }
    }

    /// <summary>e^y for y in [0, 88]: y = k·ln2 + r, |r| ≤ ln2/2, e^r = 1 + r + r²·P(r) (Cephes expf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> y)
    {
        var shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(InvLn2F), Vector256.Create(RoundingShiftF));
        var k = shifted - Vector256.Create(RoundingShiftF);
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2HiF), y);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2LoF), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(E0), r, Vector256.Create(E1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5));
        var poly = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256.Create(1f);
        var bits = shifted.AsInt32() - Vector256.Create(BitConverter.SingleToInt32Bits(RoundingShiftF)) + Vector256.Create(127);
        return poly * Vector256.ShiftLeft(bits, 23).AsSingle();
    }

    /// <summary>The 512-bit twin of the 256-bit <see cref="ExpSingle(Vector256{float})"/> (same operations lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> y)
    {
        var shifted = Vector512.FusedMultiplyAdd(y, Vector512.Create(InvLn2F), Vector512.Create(RoundingShiftF));
        var k = shifted - Vector512.Create(RoundingShiftF);
        var r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2HiF), y);
        r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2LoF), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(E0), r, Vector512.Create(E1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5));
        var poly = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512.Create(1f);
        var bits = shifted.AsInt32() - Vector512.Create(BitConverter.SingleToInt32Bits(RoundingShiftF)) + Vector512.Create(127);
        return poly * Vector512.ShiftLeft(bits, 23).AsSingle();
    }
}
