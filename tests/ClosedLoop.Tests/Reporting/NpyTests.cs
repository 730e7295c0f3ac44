using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class NpyTests
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    [Fact]
    public void Header_bytes_follow_the_npy_v1_format()
    {
        byte[] bytes = Npy.ToBytes(NpyArray.Float64([1, 2, 3, 4, 5, 6], 3, 2));
        Assert.Equal(Magic, bytes[..6]);
        Assert.Equal(1, bytes[6]); // major version
        Assert.Equal(0, bytes[7]); // minor version
        int headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        int dataStart = 10 + headerLen;
        Assert.Equal(0, dataStart % 64);
        string dict = Encoding.ASCII.GetString(bytes, 10, headerLen);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", dict);
        Assert.EndsWith("\n", dict);
        Assert.Equal("", dict[60..^1].Trim(' ')); // only spaces between the dict and the newline
        Assert.Equal(dataStart + 6 * 8, bytes.Length);
        Assert.Equal(1.0, BitConverter.ToDouble(bytes, dataStart));
        Assert.Equal(6.0, BitConverter.ToDouble(bytes, dataStart + 40));
    }

    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 4 }, "(4,)")]
    [InlineData(new[] { 2, 3, 4 }, "(2, 3, 4)")]
    public void Shape_is_written_as_a_python_tuple(int[] shape, string literal)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        byte[] bytes = Npy.ToBytes(new NpyArray(NpyDType.Int64, shape, new long[count]));
        string dict = Encoding.ASCII.GetString(bytes, 10, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.Contains($"'descr': '<i8'", dict);
        Assert.Contains($"'shape': {literal}, }}", dict);
    }

    [Fact]
    public void Complex_descr_is_c16_with_real_then_imaginary()
    {
        byte[] bytes = Npy.ToBytes(NpyArray.Complex128([new Complex(1.5, -2.5)]));
        int start = 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Contains("'descr': '<c16'", Encoding.ASCII.GetString(bytes, 10, start - 10));
        Assert.Equal(1.5, BitConverter.ToDouble(bytes, start));
        Assert.Equal(-2.5, BitConverter.ToDouble(bytes, start + 8));
    }

    [Fact]
    public void Round_trips_every_dtype_and_special_values()
    {
        using var dir = new TempDirectory();
        NpyArray[] arrays =
        [
            NpyArray.Float64([0.1, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, 1e308], 2, 3),
            NpyArray.Complex128([new Complex(1, 2), new Complex(double.NaN, -1), Complex.Zero]),
            NpyArray.Int64([long.MinValue, -1, 0, long.MaxValue], 2, 1, 2),
            new NpyArray(NpyDType.Float64, [], new[] { Math.PI }),
            NpyArray.Float64([], 0, 5),
        ];
        for (int k = 0; k < arrays.Length; k++)
        {
            string path = dir.File($"a{k}.npy");
            Npy.Write(path, arrays[k]);
            Assert.Equal(arrays[k], Npy.Read(path));
        }
    }

    [Fact]
    public void Mat_round_trips_through_npy()
    {
        using var dir = new TempDirectory();
        var m = Mat.FromRows([1, 2, 3], [4, 5, 6]);
        Npy.Write(dir.File("m.npy"), NpyArray.FromMat(m));
        Mat back = Npy.Read(dir.File("m.npy")).ToMat();
        Assert.Equal((2, 3), (back.Rows, back.Cols));
        Assert.Equal(m.Data, back.Data);
    }

    [Fact]
    public void Reads_fortran_order_into_c_order()
    {
        // Column-major storage of [[1, 2, 3], [4, 5, 6]] is 1, 4, 2, 5, 3, 6.
        string dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        byte[] file = HandWritten(dict, [1, 4, 2, 5, 3, 6]);
        NpyArray a = Npy.Read(new MemoryStream(file));
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], a.AsFloat64());
    }

    [Fact]
    public void Unsupported_descr_is_reported()
    {
        byte[] file = HandWritten("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", [0]);
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(new MemoryStream(file)));
        Assert.Contains("'<f4'", e.Message);
    }

    [Fact]
    public void Truncated_data_is_reported()
    {
        byte[] bytes = Npy.ToBytes(NpyArray.Float64([1, 2, 3]));
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(new MemoryStream(bytes[..^4])));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Shape_and_data_length_must_agree()
    {
        var e = Assert.Throws<ArgumentException>(() => NpyArray.Float64([1, 2, 3], 2, 2));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("(2, 2)", e.Message);
    }

    [Fact]
    public void Data_type_must_match_dtype()
    {
        var e = Assert.Throws<ArgumentException>(() => new NpyArray(NpyDType.Int64, [2], new double[2]));
        Assert.Equal("data", e.ParamName);
    }

    /// <summary>A v1.0 file with an arbitrary dictionary, padded to 64 bytes.</summary>
    private static byte[] HandWritten(string dict, double[] data)
    {
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        var header = new byte[total];
        Magic.CopyTo(header, 0);
        header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - 10));
        Encoding.ASCII.GetBytes(dict).CopyTo(header, 10);
        header.AsSpan(10 + dict.Length, total - 11 - dict.Length).Fill((byte)' ');
        header[^1] = (byte)'\n';
        return [.. header, .. data.SelectMany(BitConverter.GetBytes)];
    }
}
