using ClosedLoop.Reporting;
using ClosedLoop.Runs;

namespace ClosedLoop.Tests.Runs;

public class RunFilesTests
{
    [Theory]
    [InlineData("manifest.json", true)]
    [InlineData("metrics.csv", true)]
    [InlineData("summary.json", true)]
    [InlineData("arrays/params_00003.npz", true)]
    [InlineData("teacher/arrays/eig_p.npy", true)]
    [InlineData("analysis/stages.json", true)]
    [InlineData(DirectoryLock.FileName, true)]
    [InlineData(".metrics.csv.123-4.tmp", true)]
    [InlineData("notes.txt", false)]
    [InlineData("plots/loss.png", false)]
    [InlineData("metrics.csv.bak", false)]
    public void Only_what_a_run_writes_is_owned(string relative, bool owned) =>
        Assert.Equal(owned, RunFiles.IsOwnedPath(relative));
}
