using System.Diagnostics;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Support;

namespace ClosedLoop.Tests.Runs.Slurm;

/// <summary>
/// A throw-away single-node Slurm cluster for the tests of the Slurm backend, started once for the collection by
/// <c>tools/slurm/start.sh</c> (which installs the Debian packages when missing) and stopped by
/// <c>tools/slurm/stop.sh</c> when the collection ends; a cluster that was already up is left running. Sets
/// <c>SLURM_CONF</c> for this process, so <c>sbatch</c>, <c>squeue</c> and the tasks it starts reach it.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly bool _startedHere;

    public SlurmCluster()
    {
        if (!SlurmFactAttribute.Runnable) return; // every test of the collection is skipped
        var (code, output) = Script("start.sh");
        if (code != 0) throw new InvalidOperationException($"tools/slurm/start.sh failed with exit code {code}:\n{output}");
        string conf = output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("export SLURM_CONF=", StringComparison.Ordinal))["export SLURM_CONF=".Length..];
        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        _startedHere = !output.Contains("already running", StringComparison.Ordinal);
    }

    /// <summary>Waits until Slurm holds none of <paramref name="jobs"/> (at most <paramref name="seconds"/>).</summary>
    public static void WaitForJobs(IReadOnlyCollection<long> jobs, int seconds = 300)
    {
        var clock = Stopwatch.StartNew();
        while (SlurmClient.Queue(jobs).Count > 0)
        {
            if (clock.Elapsed.TotalSeconds > seconds)
                throw new TimeoutException($"Slurm jobs {string.Join(", ", jobs)} still queued after {seconds} s: {string.Join("; ", SlurmClient.Queue(jobs))}");
            Thread.Sleep(250);
        }
    }

    public void Dispose()
    {
        if (_startedHere) Script("stop.sh");
    }

    private static (int Code, string Output) Script(string name)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repository.PathOf("tools", "slurm", name));
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }
}

/// <summary>The tests that share the cluster (one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "single-node Slurm cluster";
}

/// <summary>
/// A fact that needs the single-node Slurm cluster. On a developer machine without the Slurm and munge packages, or
/// without root (slurmd must start jobs as their user), it is skipped with a message; in CI (<c>CI=true</c>, where the
/// packages are installed and tests run as root) it never skips.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (!Runnable)
            Skip = "the Slurm tests need the Debian packages slurmctld, slurmd, slurm-client and munge and root (tools/slurm/start.sh); skipped";
    }

    /// <summary>True in CI, or when the packages are installed and this process runs as root.</summary>
    public static bool Runnable => NumpyFactAttribute.InCi
        || (File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged")
            && SlurmClient.FindOnPath("sbatch") is not null && Environment.UserName == "root");
}
