using System.Diagnostics;
using System.Globalization;

namespace ClosedLoop.Runs.Slurm;

/// <summary>A task of a job array as <c>squeue</c> shows it.</summary>
/// <param name="ArrayJob">The array's job id (<c>%F</c>).</param>
/// <param name="Task">The array task id (<c>%K</c>); -1 for a job that is not an array.</param>
/// <param name="State">The compact state, e.g. <c>PD</c> (pending), <c>R</c> (running), <c>CG</c> (completing).</param>
public sealed record QueuedTask(long ArrayJob, int Task, string State);

/// <summary>
/// The Slurm client commands ClosedLoop uses — <c>sbatch</c>, <c>squeue</c>, <c>scancel</c> — started directly with an
/// argument vector (never through a shell). The cluster is whatever these commands reach (<c>SLURM_CONF</c> or the
/// system's configuration).
/// </summary>
public static class SlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    /// <summary>True when <c>sbatch</c> is on PATH.</summary>
    public static bool Available => FindOnPath("sbatch") is not null;

    /// <summary>Throws the bad-input error of a machine without <c>sbatch</c> on PATH (or on <paramref name="searchPath"/>).</summary>
    public static void Require(string? searchPath = null)
    {
        if (FindOnPath("sbatch", searchPath) is null)
            throw new ArgumentException("--backend slurm needs sbatch on PATH: run on a machine that can submit to your Slurm cluster "
                + "(the output directory must be on a filesystem that every node sees)");
    }

    /// <summary>Submits <paramref name="script"/> with <paramref name="arguments"/> before it; returns the job id.</summary>
    public static long Submit(IReadOnlyList<string> arguments, string script)
    {
        var (code, stdout, stderr) = Run("sbatch", ["--parsable", .. arguments, script]);
        string first = stdout.Trim().Split('\n')[0].Split(';')[0];
        if (code != 0 || !long.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
            throw new ArgumentException($"sbatch refused the job ({script}): {FirstLine(stderr, stdout)}");
        return id;
    }

    /// <summary>The tasks of <paramref name="jobs"/> still in the queue (pending, running or completing).</summary>
    public static IReadOnlyList<QueuedTask> Queue(IReadOnlyCollection<long> jobs)
    {
        if (jobs.Count == 0) return [];
        var (code, stdout, stderr) = Run("squeue", ["-h", "-r", "-j", string.Join(',', jobs), "-o", "%F|%K|%t"]);
        if (code != 0)
        {
            if (stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return []; // every job has left the controller
            throw new IOException($"squeue failed: {FirstLine(stderr, stdout)}");
        }
        var tasks = new List<QueuedTask>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|');
            if (f.Length < 3 || !long.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long job)) continue;
            int task = int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) ? t : -1;
            tasks.Add(new QueuedTask(job, task, f[2]));
        }
        return tasks;
    }

    /// <summary>Cancels <paramref name="jobs"/> (best effort).</summary>
    public static void Cancel(IEnumerable<long> jobs)
    {
        var ids = jobs.Select(j => j.ToString(CultureInfo.InvariantCulture)).ToList();
        if (ids.Count > 0) Run("scancel", ids);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH (or on <paramref name="searchPath"/>), or null.</summary>
    public static string? FindOnPath(string program, string? searchPath = null)
    {
        foreach (var dir in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(FindOnPath(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new IOException($"{program} could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"{program} did not answer within {CommandTimeout.TotalSeconds:F0} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FirstLine(string stderr, string stdout)
    {
        string text = string.IsNullOrWhiteSpace(stderr) ? stdout : stderr;
        return text.Trim().Split('\n')[0].Trim() is { Length: > 0 } line ? line : "no message";
    }
}
