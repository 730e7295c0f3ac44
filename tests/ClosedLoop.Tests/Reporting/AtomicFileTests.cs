using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class AtomicFileTests
{
    [Fact]
    public void WriteAllText_creates_parent_directories_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a/b/c.txt");
        AtomicFile.WriteAllText(path, "héllo\n");
        Assert.Equal("héllo\n", File.ReadAllText(path));
        Assert.Equal(["a/b/c.txt"], dir.ListFiles());
        Assert.Equal(7, new FileInfo(path).Length); // UTF-8, no BOM
    }

    [Fact]
    public void Write_replaces_an_existing_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("x.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        AtomicFile.WriteAllBytes(path, [9]);
        Assert.Equal([9], File.ReadAllBytes(path));
    }

    [Fact]
    public void Exception_during_write_leaves_target_untouched_and_deletes_temp()
    {
        using var dir = new TempDirectory();
        string path = dir.File("keep.txt");
        AtomicFile.WriteAllText(path, "original");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3, 4]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], dir.ListFiles());
    }

    [Fact]
    public void Exception_during_first_write_leaves_no_target()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("new.txt"), _ => throw new InvalidOperationException()));
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Pending_file_is_invisible_until_committed()
    {
        using var dir = new TempDirectory();
        string path = dir.File("p.txt");
        using var pending = AtomicFile.Begin(path);
        pending.Stream.Write("abc"u8);
        Assert.False(File.Exists(path));
        Assert.True(AtomicFile.IsTemporaryName(Path.GetFileName(pending.TempPath)));
        pending.Commit();
        Assert.Equal("abc", File.ReadAllText(path));
        Assert.Equal(["p.txt"], dir.ListFiles());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_path_is_rejected_naming_the_field(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void Directory_path_is_rejected()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText(dir.Path, "x"));
        Assert.Contains("directory", e.Message);
    }
}
