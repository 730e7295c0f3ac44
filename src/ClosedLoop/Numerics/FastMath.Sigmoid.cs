using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClosedLoop.Numerics;

/// <summary>The logistic function σ(x) = 1/(1 + e^(−x)) of the GRU's gates (docs/science/model-and-training.md §2.6), vectorised.</summary>
/// <remarks>
/// σ(−|x|) = 1/(1 + e) and σ(|x|) = e·σ(−|x|) with e = e^|x| (one division) from the same exponential kernel as <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/>
/// (so both tails keep their relative accuracy: σ(−30) ≈ 9.4e-14 is not computed as a difference of numbers near 1).
/// |x| is capped at 708 (σ(−708) ≈ 3e-308; beyond it the true value is subnormal). NaN gives NaN. Like
/// <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/>, every element goes through the same lane-wise algorithm (512-bit vectors where accelerated,
/// 256-bit ones for the rest and an overlapping or padded 256-bit vector for the tail), so a result depends only on
/// its input; without 256-bit SIMD a scalar loop evaluates the same formula with <see cref="Math.Exp(double)"/>.
/// </remarks>
public static partial class FastMath
{
    /// <summary>|x| above this is capped (e^708 is finite, e^710 overflows).</summary>
    private const double SigmoidLimit = 708;

    /// <summary>y[i] = σ(x[i]) for i &lt; x.Length. y may be x itself (in place); otherwise they must not overlap.</summary>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => Map<double, SigmoidFunction>(x, y, "FastMath.Sigmoid");

    /// <summary>y[i] = σ(x[i]) in the element type of the engine (double or float; see <see cref="Sigmoid(ReadOnlySpan{double}, Span{double})"/>).</summary>
    internal static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Map<double, SigmoidFunction>(Doubles(x), Doubles(y), "FastMath.Sigmoid");
        else Map<float, SigmoidSingle>(Singles(x), Singles(y), "FastMath.Sigmoid");
    }

    private readonly struct SigmoidFunction : IVectorFunction<double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Apply(Vector256<double> x) => SigmoidVector(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Apply(Vector512<double> x) => SigmoidVector512(x);

        public static double Scalar(double x)
        {
            double e = Math.Exp(Math.Min(Math.Abs(x), SigmoidLimit)), inverse = 1 / (1 + e);
            return double.IsNaN(x) ? x : x >= 0 ? e * inverse : inverse;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SigmoidVector(Vector256<double> x)
    {
        var e = Exp(Vector256.Min(Vector256.Abs(x), Vector256.Create(SigmoidLimit)));
        var inverse = Vector256.Create(1.0) / (e + Vector256.Create(1.0)); // σ(−|x|); σ(|x|) = e·σ(−|x|)
        var result = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), e * inverse, inverse);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x); // NaN in, NaN out
    }

    /// <summary>The 512-bit twin of <see cref="SigmoidVector"/> (same operations lane by lane, so the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SigmoidVector512(Vector512<double> x)
    {
        var e = Exp512(Vector512.Min(Vector512.Abs(x), Vector512.Create(SigmoidLimit)));
        var inverse = Vector512.Create(1.0) / (e + Vector512.Create(1.0));
        var result = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), e * inverse, inverse);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }
}
