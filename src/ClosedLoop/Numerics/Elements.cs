using System.Numerics;
using System.Runtime.InteropServices;

namespace ClosedLoop.Numerics;

/// <summary>
/// Conversions between the project's float64 values and the training engine's element type T (double, or float in
/// single precision; docs/engine.md "Precision"). Every value is rounded to the nearest T once; for T = double
/// nothing is converted or copied.
/// </summary>
internal static class Elements
{
    /// <summary><paramref name="values"/> as T[]: the same array when T is double, a rounded copy otherwise.</summary>
    public static T[] Of<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return (T[])(object)values;
        var copy = new T[values.Length];
        Round(values, copy);
        return copy;
    }

    /// <summary>dst[i] = src[i] rounded to T (a plain copy when T is double); dst at least as long as src.</summary>
    public static void Round<T>(ReadOnlySpan<double> src, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            src.CopyTo(MemoryMarshal.Cast<T, double>(dst));
            return;
        }
        if (dst.Length < src.Length) throw new ArgumentException($"Elements.Round: dst has {dst.Length} elements, needs {src.Length}", nameof(dst));
        for (int i = 0; i < src.Length; i++) dst[i] = T.CreateTruncating(src[i]);
    }
}
