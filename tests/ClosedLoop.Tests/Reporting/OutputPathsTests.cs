using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class OutputPathsTests
{
    [Fact]
    public void A_new_directory_under_a_writable_one_is_accepted_and_nothing_is_created()
    {
        using var tmp = new TempDirectory();
        string target = tmp.File(Path.Combine("a", "b"));
        Assert.Equal(Path.GetFullPath(target), OutputPaths.CheckDirectory("--out", target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }

    [Theory]
    [InlineData("", "--out is empty")]
    [InlineData("   ", "--out is empty")]
    [InlineData("file", "is a file, not a directory")]
    [InlineData("file/sub/deeper", "which is a file, not a directory")]
    public void Bad_paths_name_the_option(string relative, string expected)
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.File("file"), "x");
        string path = relative.Trim().Length == 0 ? relative : tmp.File(relative);
        var e = Assert.Throws<ArgumentException>(() => OutputPaths.CheckDirectory("--out", path));
        Assert.Contains(expected, e.Message);
        Assert.Equal(["file"], tmp.ListFiles());
    }

    [Fact]
    public void An_unwritable_place_is_bad_input()
    {
        var e = Assert.Throws<ArgumentException>(() => OutputPaths.CheckDirectory("--out", "/proc/closedloop-test"));
        Assert.Equal("--out = '/proc/closedloop-test' cannot be created: '/proc' is not writable (a file cannot be created there)", e.Message);
    }

    [Fact]
    public void An_existing_directory_must_exist_and_not_be_a_file()
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp.File("file"), "x");
        Assert.Contains("is a file", Assert.Throws<ArgumentException>(() => OutputPaths.CheckExistingDirectory("RUN_DIR", tmp.File("file"), "a run directory")).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => OutputPaths.CheckExistingDirectory("RUN_DIR", tmp.File("none"), "a run directory")).Message);
        Assert.Equal(tmp.Path, OutputPaths.CheckExistingDirectory("RUN_DIR", tmp.Path, "a run directory"));
    }
}
