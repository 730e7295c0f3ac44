using System.Buffers.Binary;
using System.Numerics;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class NpyAppenderTests
{
    [Fact]
    public void Streamed_complex_rows_read_back_with_the_final_row_count()
    {
        using var dir = new TempDirectory();
        string path = dir.File("arrays/eig_p.npy");
        using (var appender = NpyAppender.Create(path, NpyDType.Complex128, 3))
        {
            for (int epoch = 0; epoch < 5; epoch++)
                appender.AppendRow([new Complex(epoch, 1), new Complex(epoch, -1), new Complex(0.5, 0)]);
            Assert.False(File.Exists(path));
            appender.Complete();
        }
        NpyArray a = Npy.Read(path);
        Assert.Equal([5, 3], a.Shape);
        Assert.Equal(new Complex(4, -1), a.AsComplex128()[4 * 3 + 1]);
        Assert.Equal(["arrays/eig_p.npy"], dir.ListFiles());
    }

    [Fact]
    public void Data_start_is_64_byte_aligned_after_the_header_rewrite()
    {
        using var dir = new TempDirectory();
        string path = dir.File("s.npy");
        using (var appender = NpyAppender.Create(path, NpyDType.Float64))
        {
            appender.AppendRow([1.0]);
            appender.AppendRow([2.0]);
            appender.Complete();
        }
        byte[] bytes = File.ReadAllBytes(path);
        int dataStart = 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, dataStart % 64);
        Assert.Equal(NpyArray.Float64([1.0, 2.0]), Npy.Read(path));
    }

    [Fact]
    public void Zero_rows_give_an_empty_array_of_the_row_shape()
    {
        using var dir = new TempDirectory();
        using (var appender = NpyAppender.Create(dir.File("e.npy"), NpyDType.Int64, 2, 2)) appender.Complete();
        NpyArray a = Npy.Read(dir.File("e.npy"));
        Assert.Equal([0, 2, 2], a.Shape);
        Assert.Equal(0, a.Count);
    }

    [Fact]
    public void Abandoned_appender_leaves_no_file()
    {
        using var dir = new TempDirectory();
        using (var appender = NpyAppender.Create(dir.File("x.npy"), NpyDType.Float64, 2)) appender.AppendRow([1.0, 2.0]);
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Wrong_row_length_or_type_is_rejected()
    {
        using var dir = new TempDirectory();
        using var appender = NpyAppender.Create(dir.File("x.npy"), NpyDType.Float64, 2);
        Assert.Contains("needs 2", Assert.Throws<ArgumentException>(() => appender.AppendRow([1.0])).Message);
        Assert.Contains("Int64", Assert.Throws<ArgumentException>(() => appender.AppendRow([1L, 2L])).Message);
    }
}
