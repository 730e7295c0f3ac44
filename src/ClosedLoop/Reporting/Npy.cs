using System.Numerics;
using System.Runtime.InteropServices;

namespace ClosedLoop.Reporting;

/// <summary>
/// Reads and writes single arrays in the NumPy <c>.npy</c> format (version 1.0, C order, little-endian
/// <c>&lt;f8</c>, <c>&lt;c16</c>, <c>&lt;i8</c>). Files written here load with <c>numpy.load(path)</c>. Reading also
/// accepts format versions 2.0/3.0 and Fortran-ordered data (converted to C order).
/// </summary>
public static class Npy
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        AtomicFile.Write(path, stream => Write(stream, array));
    }

    /// <summary>Writes the header and data of <paramref name="array"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        stream.Write(NpyHeader.Build(array.DType, array.Shape.Select(d => (long)d).ToArray()));
        stream.Write(array.RawBytes());
    }

    /// <summary>The complete bytes of <paramref name="array"/> as a <c>.npy</c> file.</summary>
    public static byte[] ToBytes(NpyArray array)
    {
        using var memory = new MemoryStream();
        Write(memory, array);
        return memory.ToArray();
    }

    /// <summary>Reads the array stored in the <c>.npy</c> file at <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads one array from the current position of <paramref name="stream"/> (need not be seekable).</summary>
    public static NpyArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        NpyHeaderInfo header = NpyHeader.Read(stream);
        long count = 1;
        foreach (long d in header.Shape) count = checked(count * d);
        if (count > Array.MaxLength) throw new InvalidDataException($".npy array of {count} elements exceeds the .NET array limit");
        int[] shape = header.Shape.Select(d => checked((int)d)).ToArray();
        Array data = header.DType switch
        {
            NpyDType.Float64 => ReadData<double>(stream, (int)count),
            NpyDType.Complex128 => ReadData<Complex>(stream, (int)count),
            _ => ReadData<long>(stream, (int)count),
        };
        if (header.FortranOrder && shape.Length > 1) data = FortranToC(data, shape);
        return new NpyArray(header.DType, shape, data);
    }

    private static T[] ReadData<T>(Stream stream, int count) where T : struct
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("reading .npy data needs a little-endian machine");
        var data = new T[count];
        NpyHeader.ReadExactly(stream, MemoryMarshal.AsBytes(data.AsSpan()), $"{count} data elements");
        return data;
    }

    /// <summary>Reorders column-major data of <paramref name="shape"/> into row-major order.</summary>
    private static Array FortranToC(Array source, int[] shape)
    {
        Array result = Array.CreateInstance(source.GetType().GetElementType()!, source.Length);
        int rank = shape.Length;
        var fStride = new long[rank];
        fStride[0] = 1;
        for (int k = 1; k < rank; k++) fStride[k] = fStride[k - 1] * shape[k - 1];
        var index = new int[rank];
        for (int c = 0; c < source.Length; c++)
        {
            long f = 0;
            for (int k = 0; k < rank; k++) f += index[k] * fStride[k];
            Array.Copy(source, f, result, c, 1);
            for (int k = rank - 1; k >= 0; k--)
            {
                if (++index[k] < shape[k]) break;
                index[k] = 0;
            }
        }
        return result;
    }
}
