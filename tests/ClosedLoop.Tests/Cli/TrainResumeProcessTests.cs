using System.Diagnostics;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;

namespace ClosedLoop.Tests.Cli;

/// <summary>
/// The real thing: <c>closedloop train</c> in a child process killed with SIGKILL or stopped with SIGTERM, then
/// <c>train --resume</c>, compared byte for byte with a run never stopped.
/// </summary>
public class TrainResumeProcessTests : IClassFixture<TrainResumeProcessTests.Reference>
{
    private static readonly string[] Args =
    [
        "train", "--preset", "tanh", "--epochs", "1500", "--seed", "4", "--set", "network.hidden=16", "--set", "episode.batch=20",
        "--set", "evaluation.count=3", "--set", "episode.steps=20", "--set", "optimizer.kind=adam",
    ];

    private readonly Reference _reference;

    public TrainResumeProcessTests(Reference reference) => _reference = reference;

    /// <summary>The uninterrupted run, trained once for the class.</summary>
    public sealed class Reference : IDisposable
    {
        private readonly TempDirectory _tmp = new();

        public Reference()
        {
            Directory = _tmp.File("whole");
            var r = CliRunner.Run([.. Args, "--out", Directory, "--threads", "1"]);
            Assert.True(r.ExitCode == 0, r.Err);
        }

        public string Directory { get; }

        public void Dispose() => _tmp.Dispose();
    }

    [Fact]
    public void A_run_killed_with_sigkill_and_resumed_equals_a_run_never_stopped()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("killed");
        using (var child = Start(dir, "--checkpoint-every", "40"))
        {
            WaitForCheckpoint(child, dir);
            Thread.Sleep(100); // let it write rows and snapshots past the checkpoint
            child.Kill(); // SIGKILL: no handler runs
            child.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(dir, "manifest.json")), "the child finished before it was killed; make the run longer");
        var refused = CliRunner.Run([.. Args, "--out", dir]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(@"holds an interrupted run at epoch \d+ of 1500: pass --resume to continue or --force to start again", refused.Err);
        var resumed = CliRunner.Run([.. Args, "--out", dir, "--resume", "--threads", "2"]);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        RunComparison.AssertSameRun(_reference.Directory, dir);
    }

    [Fact]
    public void Sigterm_writes_a_checkpoint_and_exits_143_and_the_run_resumes()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("terminated");
        string err;
        using (var child = Start(dir, "--checkpoint-every", "none"))
        {
            WaitForRows(child, dir);
            using (var kill = Process.Start("kill", ["-TERM", child.Id.ToString()])) kill.WaitForExit();
            Assert.True(child.WaitForExit(60_000), "the child did not stop after SIGTERM");
            err = child.StandardError.ReadToEnd();
            Assert.Equal(143, child.ExitCode);
        }
        Assert.Matches(@"^interrupted at epoch \d+ of 1500: checkpoint written to .*checkpoint\.npz; continue with the same command and --resume\n$", err);
        var at = CheckpointFile.Peek(Path.Combine(dir, CheckpointFile.FileName));
        Assert.NotNull(at);
        Assert.InRange(at.Value.Epoch, 1, 1499);
        var resumed = CliRunner.Run([.. Args, "--out", dir, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Err);
        RunComparison.AssertSameRun(_reference.Directory, dir);
    }

    private static Process Start(string dir, params string[] extra)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "closedloop.dll"));
        foreach (var a in Args.Concat(["--out", dir, "--threads", "1"]).Concat(extra)) info.ArgumentList.Add(a);
        var child = Process.Start(info)!;
        child.OutputDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        return child;
    }

    private static void WaitForCheckpoint(Process child, string dir) =>
        WaitFor(child, () => File.Exists(Path.Combine(dir, CheckpointFile.FileName)), "a checkpoint");

    private static void WaitForRows(Process child, string dir) =>
        WaitFor(child, () => Directory.Exists(Path.Combine(dir, "arrays")) && Directory.GetFiles(Path.Combine(dir, "arrays"), "params_*.npz").Length >= 5, "training to start");

    private static void WaitFor(Process child, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(child.HasExited, $"the child exited (code {(child.HasExited ? child.ExitCode : 0)}) before {what}: {(child.HasExited ? child.StandardError.ReadToEnd() : "")}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no sign of {what} after 2 minutes");
            Thread.Sleep(10);
        }
    }
}
