using System.IO.Compression;
using System.Numerics;
using System.Text;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class NpzTests
{
    private static Dictionary<string, NpyArray> Sample() => new()
    {
        ["recurrent_weights"] = NpyArray.Float64([1, 2, 3, 4], 2, 2),
        ["eig"] = NpyArray.Complex128([new Complex(0.9, 0.1), new Complex(0.9, -0.1)]),
        ["epoch"] = new NpyArray(NpyDType.Int64, [], new long[] { 42 }),
    };

    [Fact]
    public void Round_trips_named_arrays()
    {
        using var dir = new TempDirectory();
        string path = dir.File("params_0000.npz");
        Npz.Write(path, Sample());
        var back = Npz.Read(path);
        Assert.Equal(["eig", "epoch", "recurrent_weights"], back.Keys);
        foreach (var (name, array) in Sample()) Assert.Equal(array, back[name]);
    }

    [Fact]
    public void Same_arrays_give_identical_bytes_whatever_the_insertion_order()
    {
        using var dir = new TempDirectory();
        Npz.Write(dir.File("a.npz"), Sample());
        Npz.Write(dir.File("b.npz"), Sample().Reverse());
        Assert.Equal(File.ReadAllBytes(dir.File("a.npz")), File.ReadAllBytes(dir.File("b.npz")));
    }

    [Fact]
    public void Entries_are_stored_uncompressed_with_fixed_1980_timestamps()
    {
        using var dir = new TempDirectory();
        Npz.Write(dir.File("z.npz"), Sample());
        using var zip = ZipFile.OpenRead(dir.File("z.npz"));
        Assert.Equal(["eig.npy", "epoch.npy", "recurrent_weights.npy"], zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            Assert.Equal(entry.Length, entry.CompressedLength); // method 0 (stored)
            Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime);
        }
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Reads_a_deflated_archive_written_by_another_zip_writer()
    {
        using var dir = new TempDirectory();
        string path = dir.File("c.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("w.npy", CompressionLevel.Optimal);
            using var s = entry.Open();
            Npy.Write(s, NpyArray.Float64([7, 8, 9]));
        }
        Assert.Equal(NpyArray.Float64([7, 8, 9]), Npz.Read(path)["w"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void Bad_names_are_rejected(string name)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ArgumentException>(() =>
            Npz.Write(dir.File("x.npz"), new Dictionary<string, NpyArray> { [name] = NpyArray.Float64([1]) }));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Empty(dir.ListFiles());
    }
}
