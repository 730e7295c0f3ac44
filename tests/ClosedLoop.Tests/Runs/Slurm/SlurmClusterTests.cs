using ClosedLoop.Reporting;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Sweeps;
using ClosedLoop.Tests.Cli;
using ClosedLoop.Tests.Cli.Commands;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Runs.Slurm;

/// <summary>The Slurm backend against a real single-node cluster (<see cref="SlurmCluster"/>).</summary>
[Collection(SlurmCollection.Name)]
public class SlurmClusterTests
{
    /// <summary>The tiny 8-run sweep of <see cref="SweepCommandTests.Spec"/> with shell syntax (quotes, command
    /// substitutions, a line break) in a free-text setting, the preset name, which must stay inert.</summary>
    private static string Spec(string marker)
    {
        string nasty = $"x'; touch {marker}; echo '$(touch {marker})`touch {marker}`\"\n";
        return SweepCommandTests.Spec.Replace("\"episode.steps\": 12}", $"\"episode.steps\": 12, \"preset\": {System.Text.Json.Nodes.JsonValue.Create(nasty).ToJsonString()}}}");
    }

    [SlurmFact]
    public void A_sweep_through_slurm_gives_the_bytes_of_the_local_backend_with_shell_syntax_inert_and_status_counting_while_it_runs()
    {
        using var tmp = new TempDirectory();
        string marker = tmp.File("pwned");
        string spec = SweepCommandTests.WriteSpec(tmp, Spec(marker));
        string local = tmp.File("local"), cluster = tmp.File("on slurm, it's $(touch " + marker + ")");
        var l = CliRunner.Run("sweep", spec, "--out", local);
        Assert.True(l.ExitCode == 0, l.Out + l.Err);
        var s = CliRunner.Run("sweep", spec, "--out", cluster, "--backend", "slurm", "--slurm-max-parallel", "2");
        Assert.True(s.ExitCode == 0, s.Out + s.Err);
        Assert.Contains("submitted 8 runs", s.Out);
        var seen = new List<string>();
        var jobs = SlurmSubmissions.Read(Path.Combine(cluster, "slurm")).SelectMany(x => x.JobIds).ToList();
        while (SlurmClient.Queue(jobs).Count > 0 && seen.Count < 2000)
        {
            seen.Add(CliRunner.Run("sweep", "status", cluster).Out);
            Thread.Sleep(100);
        }
        SlurmCluster.WaitForJobs(jobs);
        Assert.Contains(seen, o => o.Contains("8 runs: ") && !o.Contains("8 runs: 8 done")); // counts while it runs
        Assert.All(seen, o => Assert.Contains("8 runs: ", o));
        var done = CliRunner.Run("sweep", "status", cluster);
        Assert.True(done.ExitCode == 0, done.Out);
        Assert.Contains("8 runs: 8 done, 0 running, 0 queued, 0 failed, 0 missing", done.Out);
        AssertSameOutputs(local, cluster);
        Assert.False(File.Exists(marker));
        Assert.StartsWith("x'; touch ", CsvTable.Read(Path.Combine(cluster, "results.csv")).Column("preset")[0]);
    }

    [SlurmFact]
    public void A_task_killed_by_scancel_is_reported_failed_with_its_log_and_resubmit_completes_it()
    {
        using var tmp = new TempDirectory();
        string spec = SweepCommandTests.WriteSpec(tmp, """
            {"preset": "tanh", "epochs": 800, "set": {"evaluation.count": 3}, "grid": {"network.hidden": [6, 100]}, "seeds": [0]}
            """);
        string dir = tmp.File("sweep");
        Assert.Equal(0, CliRunner.Run("sweep", spec, "--out", dir, "--backend", "slurm").ExitCode);
        var first = SlurmSubmissions.Read(Path.Combine(dir, "slurm"))[0];
        long array = first.Jobs[0].Id;
        string longRun = Sweep.Open(dir).Plan.DirectoryOf(1); // N = 100: about 10 ms an epoch, so it runs for seconds
        Until(() => DirectoryLock.HolderOf(longRun) is not null, "the long run to start"); // its lock is taken as training starts
        Assert.Equal(0, Command("scancel", $"{array}_1").Code);
        SlurmCluster.WaitForJobs(first.JobIds);
        string log = $"slurm/logs/{array}_1.out";
        var status = CliRunner.Run("sweep", "status", dir);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("2 runs: 1 done, 0 running, 0 queued, 1 failed, 0 missing", status.Out);
        Assert.Contains("failed: run 1: interrupted", status.Out);
        Assert.Contains(log, status.Out);
        Assert.True(File.Exists(Path.Combine(dir, log)));
        var results = CsvTable.Read(Path.Combine(dir, "results.csv")); // written by the collect job after the arrays
        Assert.Equal(["done", "failed"], results.Column("status"));
        Assert.Equal(["", log], results.Column("log"));
        var again = CliRunner.Run("sweep", dir, "--backend", "slurm");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("pass --resubmit", again.Err);
        var resubmit = CliRunner.Run("sweep", dir, "--backend", "slurm", "--resubmit");
        Assert.True(resubmit.ExitCode == 0, resubmit.Out + resubmit.Err);
        Assert.Contains("submitted 1 runs", resubmit.Out);
        SlurmCluster.WaitForJobs(SlurmSubmissions.Read(Path.Combine(dir, "slurm"))[1].JobIds);
        Assert.Equal(0, CliRunner.Run("sweep", "status", dir).ExitCode);
        Assert.Equal(["done", "done"], CsvTable.Read(Path.Combine(dir, "results.csv")).Column("status"));
    }

    [SlurmFact]
    public void A_bad_spec_submits_nothing()
    {
        using var tmp = new TempDirectory();
        int before = QueueLength();
        var r = CliRunner.Run("sweep", SweepCommandTests.WriteSpec(tmp, """{"grid": {"objective.beta": [0, -1]}}"""), "--out", tmp.File("s"), "--backend", "slurm");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(before, QueueLength());
        Assert.False(Directory.Exists(tmp.File("s")));
    }

    [SlurmFact]
    public void A_reproduction_through_slurm_equals_the_local_one()
    {
        using var tmp = new TempDirectory();
        var l = CliRunner.Run("reproduce", "fig1c", "--size", "smoke", "--out", tmp.File("local"));
        Assert.True(l.ExitCode == 0, l.Out + l.Err);
        var s = CliRunner.Run("reproduce", "fig1c", "--size", "smoke", "--out", tmp.File("slurm"), "--backend", "slurm");
        Assert.True(s.ExitCode == 0, s.Out + s.Err);
        Assert.Contains("slurm: 2 runs submitted", s.Out);
        AssertSameOutputs(tmp.File("local"), tmp.File("slurm"));
    }

    private static int QueueLength() => Command("squeue", "-h", "-o", "%i").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static (int Code, string Output) Command(string program, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    private static void Until(Func<bool> condition, string what, int seconds = 240)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds) throw new TimeoutException($"waited {seconds} s for {what}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Every file of <paramref name="a"/> and <paramref name="b"/> (but the Slurm work folder) has the same
    /// bytes; manifests may differ only in their start and finish times.</summary>
    internal static void AssertSameOutputs(string a, string b)
    {
        var fa = Files(a);
        Assert.Equal(fa, Files(b));
        foreach (var f in fa)
        {
            if (Path.GetFileName(f) == "manifest.json")
                Assert.Equal(WithoutTimes(Path.Combine(a, f)), WithoutTimes(Path.Combine(b, f)));
            else
                Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
        }
    }

    private static string[] Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f)).Where(f => !f.StartsWith("slurm" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToArray();

    private static string[] WithoutTimes(string manifest) =>
        File.ReadAllLines(manifest).Where(l => !l.Contains("\"started_utc\"") && !l.Contains("\"finished_utc\"")).ToArray();
}
