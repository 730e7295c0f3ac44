using ClosedLoop.Reporting;
using ClosedLoop.Tests.Analysis;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli;

/// <summary>
/// Two real <c>closedloop</c> processes writing one directory (issue 10, item 1): the second exits 2 with "DIR is in
/// use by pid N on HOST since …" and changes nothing; the first finishes correctly.
/// </summary>
public class ConcurrentWritersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public void Two_reproductions_into_one_directory_the_second_is_refused_and_the_first_completes()
    {
        using var tmp = new TempDirectory();
        string dir = Path.Combine(tmp.Path, "D");
        using var first = CliProcess.Start("reproduce", "fig3", "--size", "smoke", "--out", dir, "--jobs", "1");
        CliProcess.WaitFor(Path.Combine(dir, DirectoryLock.FileName), first, Patience);
        var second = CliProcess.Run("reproduce", "fig3", "--size", "smoke", "--out", dir, "--jobs", "1");
        var done = CliProcess.Finish(first, Patience);

        Assert.Equal(2, second.ExitCode);
        Assert.StartsWith($"error: {dir} is in use by pid {first.Id} on {Environment.MachineName} since ", second.Err);
        Assert.Single(second.Err.TrimEnd('\n').Split('\n'));
        Assert.True(done.ExitCode == 0, done.Err);
        Assert.Equal("", done.Err);
        Assert.True(File.Exists(Path.Combine(dir, "fig3", "claims.json")));
        Assert.DoesNotContain(tmp.ListFiles(), f => AtomicFile.IsTemporaryName(Path.GetFileName(f)) || f.EndsWith(DirectoryLock.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_trainings_into_one_directory_the_second_is_refused_and_the_first_run_is_kept()
    {
        using var tmp = new TempDirectory();
        string dir = Path.Combine(tmp.Path, "D");
        // Long enough (several seconds) that the second process starts while the first still trains.
        string[] train = ["train", "--preset", "tanh", "--epochs", "600", "--threads", "1", "--set", "evaluation.count=10", "--out", dir];
        using var first = CliProcess.Start([.. train, "--seed", "1"]);
        CliProcess.WaitFor(Path.Combine(dir, DirectoryLock.FileName), first, Patience);
        var second = CliProcess.Run([.. train, "--seed", "2"]);
        var done = CliProcess.Finish(first, Patience);

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"is in use by pid {first.Id}", second.Err);
        Assert.True(done.ExitCode == 0, done.Err);
        var manifest = RunManifest.Read(Path.Combine(dir, RunManifest.FileName));
        Assert.Equal(1, manifest.Seeds["seed"]);
        Assert.Equal(RunManifest.HashFiles(dir), manifest.Files);
    }

    [Fact]
    public void Analyze_refuses_a_run_directory_another_process_is_writing()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var before = Snapshot(dir);
        using (DirectoryLock.Acquire(dir, "a writer in the test process"))
        {
            var r = CliProcess.Run("analyze", dir);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith($"error: {dir} is in use by pid {Environment.ProcessId}", r.Err);
            Assert.Equal("", r.Out);
        }
        Assert.Equal(before, Snapshot(dir));
        Assert.Equal(0, CliProcess.Run("analyze", dir).ExitCode); // free again once the writer is gone
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != DirectoryLock.FileName)
            .ToDictionary(f => Path.GetRelativePath(dir, f), ManifestCheck.Hash);
}
