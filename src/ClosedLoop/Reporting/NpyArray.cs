using System.Numerics;
using System.Runtime.InteropServices;
using ClosedLoop.Numerics;

namespace ClosedLoop.Reporting;

/// <summary>Element types this project writes to and reads from NumPy <c>.npy</c> files (all little-endian).</summary>
public enum NpyDType
{
    /// <summary>64-bit float, NumPy descr <c>&lt;f8</c>; data is <c>double[]</c>.</summary>
    Float64,

    /// <summary>128-bit complex (real, imaginary float64 pairs), NumPy descr <c>&lt;c16</c>; data is <c>Complex[]</c>.</summary>
    Complex128,

    /// <summary>64-bit signed integer, NumPy descr <c>&lt;i8</c>; data is <c>long[]</c>.</summary>
    Int64,
}

/// <summary>
/// An n-dimensional array in C (row-major) order as stored in a <c>.npy</c> file: element type, shape and flat data.
/// The shape may be empty (a 0-d scalar, one element). Element (i0, i1, ..., ik) is at flat index
/// <c>((i0 * s1 + i1) * s2 + ...) + ik</c>. Equality compares type, shape and data bit for bit (NaN equals NaN).
/// The data array is shared, not copied.
/// </summary>
public sealed record NpyArray
{
    private readonly int[] _shape;

    /// <summary>Creates an array; <paramref name="data"/> must be the array type of <paramref name="dtype"/> and hold
    /// exactly the product of <paramref name="shape"/> elements.</summary>
    public NpyArray(NpyDType dtype, IReadOnlyList<int> shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        Type expected = ElementType(dtype);
        if (data.GetType().GetElementType() != expected || data.Rank != 1)
            throw new ArgumentException($"data is {data.GetType().Name}; dtype {dtype} needs a one-dimensional {expected.Name}[]", nameof(data));
        long count = 1;
        for (int k = 0; k < shape.Count; k++)
        {
            if (shape[k] < 0) throw new ArgumentException($"shape[{k}] = {shape[k]} must be non-negative", nameof(shape));
            count *= shape[k];
        }
        if (count != data.Length)
            throw new ArgumentException($"data has {data.Length} elements but shape ({string.Join(", ", shape)}) needs {count}", nameof(data));
        DType = dtype;
        _shape = shape.ToArray();
        Data = data;
    }

    /// <summary>Element type.</summary>
    public NpyDType DType { get; }

    /// <summary>Dimensions, outermost first (C order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Flat data in C order: <c>double[]</c>, <c>Complex[]</c> or <c>long[]</c> according to <see cref="DType"/>.</summary>
    public Array Data { get; }

    /// <summary>Number of elements (product of the shape; 1 for a 0-d array).</summary>
    public int Count => Data.Length;

    /// <summary>A float64 array; with no <paramref name="shape"/> it is one-dimensional of length <c>data.Length</c>.</summary>
    public static NpyArray Float64(double[] data, params int[] shape) => new(NpyDType.Float64, DefaultShape(data, shape), data);

    /// <summary>A complex128 array; with no <paramref name="shape"/> it is one-dimensional.</summary>
    public static NpyArray Complex128(Complex[] data, params int[] shape) => new(NpyDType.Complex128, DefaultShape(data, shape), data);

    /// <summary>An int64 array; with no <paramref name="shape"/> it is one-dimensional.</summary>
    public static NpyArray Int64(long[] data, params int[] shape) => new(NpyDType.Int64, DefaultShape(data, shape), data);

    /// <summary>A float64 array of shape (Rows, Cols) sharing the matrix's row-major data (no copy).</summary>
    public static NpyArray FromMat(Mat matrix) => new(NpyDType.Float64, [matrix.Rows, matrix.Cols], matrix.Data);

    /// <summary>The data as <c>double[]</c>; throws if the type is not <see cref="NpyDType.Float64"/>.</summary>
    public double[] AsFloat64() => As<double>(NpyDType.Float64);

    /// <summary>The data as <c>Complex[]</c>; throws if the type is not <see cref="NpyDType.Complex128"/>.</summary>
    public Complex[] AsComplex128() => As<Complex>(NpyDType.Complex128);

    /// <summary>The data as <c>long[]</c>; throws if the type is not <see cref="NpyDType.Int64"/>.</summary>
    public long[] AsInt64() => As<long>(NpyDType.Int64);

    /// <summary>A two-dimensional float64 array as a <see cref="Mat"/> sharing the data.</summary>
    public Mat ToMat()
    {
        if (_shape.Length != 2)
            throw new InvalidOperationException($"ToMat needs a 2-d array; this one has shape ({string.Join(", ", _shape)})");
        return new Mat(_shape[0], _shape[1], AsFloat64());
    }

    /// <summary>The CLR element type of <paramref name="dtype"/>.</summary>
    public static Type ElementType(NpyDType dtype) => dtype switch
    {
        NpyDType.Float64 => typeof(double),
        NpyDType.Complex128 => typeof(Complex),
        NpyDType.Int64 => typeof(long),
        _ => throw new ArgumentException($"dtype = {dtype} is not one of Float64, Complex128, Int64", nameof(dtype)),
    };

    /// <summary>Bytes per element of <paramref name="dtype"/> (8, 16 or 8).</summary>
    public static int ItemSize(NpyDType dtype) => dtype == NpyDType.Complex128 ? 16 : 8;

    /// <summary>The raw little-endian bytes of the data.</summary>
    internal ReadOnlySpan<byte> RawBytes() => DType switch
    {
        NpyDType.Float64 => MemoryMarshal.AsBytes<double>((double[])Data),
        NpyDType.Complex128 => MemoryMarshal.AsBytes<Complex>((Complex[])Data),
        _ => MemoryMarshal.AsBytes<long>((long[])Data),
    };

    public bool Equals(NpyArray? other) =>
        other is not null && DType == other.DType && _shape.AsSpan().SequenceEqual(other._shape)
        && RawBytes().SequenceEqual(other.RawBytes());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(DType);
        foreach (int d in _shape) hash.Add(d);
        hash.AddBytes(RawBytes());
        return hash.ToHashCode();
    }

    private T[] As<T>(NpyDType wanted)
    {
        if (DType != wanted) throw new InvalidOperationException($"the array holds {DType}, not {wanted}");
        return (T[])Data;
    }

    private static int[] DefaultShape(Array data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        return shape.Length == 0 ? [data.Length] : shape;
    }
}
