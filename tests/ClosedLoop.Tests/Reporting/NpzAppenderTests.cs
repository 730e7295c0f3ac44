using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class NpzAppenderTests
{
    private static void AppendSample(NpzAppender npz, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            npz.AppendRow("x", [r, r + 0.5, -r, 1e-300 * r, r * Math.PI, double.NaN], [2, 3]);
            npz.AppendRow("epochs", [(long)r], []);
        }
    }

    [Fact]
    public void Streamed_rows_read_back_as_arrays_with_the_row_count_first()
    {
        using var dir = new TempDirectory();
        string path = dir.File("arrays/draws.npz");
        using (var npz = NpzAppender.Create(path))
        {
            AppendSample(npz, 4);
            Assert.False(File.Exists(path));
            npz.Complete();
        }
        var back = Npz.Read(path);
        Assert.Equal(["epochs", "x"], back.Keys);
        Assert.Equal([4, 2, 3], back["x"].Shape);
        Assert.Equal([4], back["epochs"].Shape);
        Assert.Equal([0L, 1, 2, 3], back["epochs"].AsInt64());
        var x = back["x"].AsFloat64();
        Assert.Equal(3 * Math.PI, x[3 * 6 + 4]);
        Assert.True(double.IsNaN(x[2 * 6 + 5]));
        Assert.Equal(["arrays/draws.npz"], dir.ListFiles()); // the scratch folder is gone
        Assert.Single(Directory.GetFileSystemEntries(dir.File("arrays")));
    }

    [Fact]
    public void The_same_rows_give_identical_bytes()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "a.npz", "b.npz" })
        {
            using var npz = NpzAppender.Create(dir.File(name));
            AppendSample(npz, 3);
            npz.Complete();
        }
        Assert.Equal(File.ReadAllBytes(dir.File("a.npz")), File.ReadAllBytes(dir.File("b.npz")));
    }

    [Fact]
    public void Disposing_without_complete_leaves_nothing()
    {
        using var dir = new TempDirectory();
        using (var npz = NpzAppender.Create(dir.File("draws.npz"))) AppendSample(npz, 2);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_row_of_another_shape_is_refused()
    {
        using var dir = new TempDirectory();
        using var npz = NpzAppender.Create(dir.File("draws.npz"));
        npz.AppendRow("x", [1.0, 2.0], [2]);
        var e = Assert.Throws<ArgumentException>(() => npz.AppendRow("x", [1.0, 2.0], [1, 2]));
        Assert.Contains("array 'x'", e.Message);
        Assert.Throws<ArgumentException>(() => npz.AppendRow("x", [1.0, 2.0, 3.0], [2]));
    }

    [NumpyFact]
    public void Numpy_loads_the_streamed_archive()
    {
        using var dir = new TempDirectory();
        using (var npz = NpzAppender.Create(dir.File("d.npz")))
        {
            AppendSample(npz, 5);
            npz.Complete();
        }
        const string script = """
            import sys, numpy as np
            with np.load(sys.argv[1]) as z:
                assert sorted(z.files) == ['epochs', 'x'], z.files
                x, e = z['x'], z['epochs']
                assert x.shape == (5, 2, 3) and x.dtype == np.float64, x.shape
                assert e.tolist() == [0, 1, 2, 3, 4] and e.dtype == np.int64, e
                assert x[4, 1, 1] == 4 * np.pi and np.isnan(x[1, 1, 2]), x[4]
            print('ok')
            """;
        int code = PythonNumpy.Run(script, out string output, dir.File("d.npz"));
        Assert.True(code == 0 && output.Contains("ok"), output);
    }
}
