using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class RunManifestTests
{
    private enum LoopMode { Closed, Open }

    private sealed record FakeSettings(string Preset, int Epochs, double LearningRate, LoopMode Mode);

    [Fact]
    public void Hashes_every_output_except_the_manifest_with_relative_slash_paths()
    {
        using var dir = new TempDirectory();
        AtomicFile.WriteAllText(dir.File("metrics.csv"), "epoch\n0\n");
        AtomicFile.WriteAllBytes(dir.File("arrays/eig_p.npy"), [1, 2, 3]);
        AtomicFile.WriteAllText(dir.File("manifest.json"), "{}");
        var hashes = RunManifest.HashFiles(dir.Path);
        Assert.Equal(["arrays/eig_p.npy", "metrics.csv"], hashes.Keys);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("epoch\n0\n"))), hashes["metrics.csv"]);
        // SHA-256 of the empty string is a published constant.
        AtomicFile.WriteAllBytes(dir.File("empty.bin"), []);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RunManifest.HashFiles(dir.Path)["empty.bin"]);
    }

    [Fact]
    public void Written_manifest_has_the_documented_fields_and_reads_back()
    {
        using var dir = new TempDirectory();
        var settings = new FakeSettings("repro-main", 1000, 0.01, LoopMode.Closed);
        var start = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var manifest = RunManifest.Start("closedloop", settings, RunManifest.SeedsOf(new RandomStreams(3, 12345)), start, dir.Path);
        AtomicFile.WriteAllText(dir.File("summary.json"), "{}\n");
        string path = manifest.Finish(dir.Path, start.AddMinutes(2)).Write(dir.Path);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        Assert.Equal("closedloop", root.GetProperty("tool").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("tool_version").GetString()));
        Assert.StartsWith(".NET", root.GetProperty("runtime").GetString());
        Assert.Equal("2025-01-02T03:04:05Z", root.GetProperty("started_utc").GetString());
        Assert.Equal("2025-01-02T03:06:05Z", root.GetProperty("finished_utc").GetString());
        Assert.Equal(3, root.GetProperty("seeds").GetProperty("seed").GetInt64());
        Assert.Equal(12345, root.GetProperty("seeds").GetProperty("eval_seed").GetInt64());
        Assert.Equal("repro-main", root.GetProperty("settings").GetProperty("preset").GetString());
        Assert.Equal("closed", root.GetProperty("settings").GetProperty("mode").GetString());
        Assert.Equal(["summary.json"], root.GetProperty("files").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("git_commit").ValueKind); // temp dir is not in a repository

        RunManifest back = RunManifest.Read(path);
        Assert.Equal(manifest.StartedUtc, back.StartedUtc);
        Assert.Equal(manifest.ToolVersion, back.ToolVersion);
        Assert.Equal(RunManifest.HashFiles(dir.Path)["summary.json"], back.Files["summary.json"]);
    }

    [Fact]
    public void Manifest_is_not_listed_in_its_own_files_after_rewrite()
    {
        using var dir = new TempDirectory();
        var manifest = RunManifest.Start("t", null, new Dictionary<string, long>(), gitSearchDirectory: dir.Path);
        manifest.Finish(dir.Path).Write(dir.Path);
        Assert.Empty(manifest.Finish(dir.Path).Files);
    }

    [Fact]
    public void Missing_run_directory_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RunManifest.HashFiles("/nonexistent/closedloop-run"));
        Assert.Equal("runDirectory", e.ParamName);
    }
}
