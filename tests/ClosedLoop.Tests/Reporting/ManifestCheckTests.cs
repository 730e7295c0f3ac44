using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class ManifestCheckTests
{
    private static TempDirectory Run()
    {
        var tmp = new TempDirectory();
        File.WriteAllText(tmp.File("metrics.csv"), "epoch,loss\n0,1\n");
        Directory.CreateDirectory(tmp.File("arrays"));
        File.WriteAllBytes(tmp.File(Path.Combine("arrays", "a.npy")), [1, 2, 3]);
        RunManifest.Start("test", null, new Dictionary<string, long>()).Finish(tmp.Path).Write(tmp.Path);
        return tmp;
    }

    [Fact]
    public void Untouched_files_match()
    {
        using var tmp = Run();
        Assert.Empty(ManifestCheck.Mismatches(tmp.Path));
        Assert.Empty(ManifestCheck.Verify(tmp.Path, EditedInputs.Refuse));
    }

    [Fact]
    public void An_edited_or_deleted_file_is_found_and_refused_unless_trusted()
    {
        using var tmp = Run();
        File.WriteAllText(tmp.File("metrics.csv"), "epoch,loss\n0,2\n");
        File.Delete(tmp.File(Path.Combine("arrays", "a.npy")));
        Assert.Equal(["arrays/a.npy", "metrics.csv"], ManifestCheck.Mismatches(tmp.Path));
        var e = Assert.Throws<ArgumentException>(() => ManifestCheck.Verify(tmp.Path, EditedInputs.Refuse));
        Assert.StartsWith($"arrays/a.npy (and 1 more file) do not match the manifest of '{tmp.Path}' (missing since the run was written)", e.Message);
        Assert.Equal(["arrays/a.npy", "metrics.csv"], ManifestCheck.Verify(tmp.Path, EditedInputs.Trust));
        Assert.Equal(["metrics.csv"], ManifestCheck.Mismatches(tmp.Path, p => p.StartsWith("arrays/", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_not_an_input()
    {
        using var tmp = Run();
        File.WriteAllText(tmp.File("notes.txt"), "mine");
        Assert.Empty(ManifestCheck.Mismatches(tmp.Path));
    }

    [Fact]
    public void A_corrupt_manifest_is_named()
    {
        using var tmp = Run();
        File.WriteAllText(tmp.File(RunManifest.FileName), "{\"files\": ");
        var e = Assert.Throws<ArgumentException>(() => ManifestCheck.Mismatches(tmp.Path));
        Assert.StartsWith($"'{tmp.File(RunManifest.FileName)}' is not valid JSON", e.Message);
    }
}
