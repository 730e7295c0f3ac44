using System.Globalization;
using System.Text;

namespace ClosedLoop.Runs.Slurm;

/// <summary>
/// The text of ClosedLoop's batch scripts. A script carries only the program, the plan's directory (quoted) and the
/// task index; every setting of a run is read by the task from the plan file. Resource options are <c>#SBATCH</c>
/// lines built from checked single words.
/// </summary>
public static class SlurmScript
{
    /// <summary>Most tasks in one array: Slurm's default MaxArraySize is 1001 (task ids 0..1000).</summary>
    public const int MaxArrayTasks = 1000;

    /// <summary><paramref name="text"/> as one POSIX shell word: single-quoted, with ' written as '\''.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A command line for display: each argument quoted when it holds anything but safe characters.</summary>
    public static string CommandLine(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,%@+".Contains(c)) ? a : Quote(a)));

    /// <summary>The <c>--array</c> value of task ids (sorted, distinct): ranges such as <c>0-7,9,12-15</c>, then the limit.</summary>
    public static string ArraySpec(IReadOnlyList<int> tasks, string limit)
    {
        var parts = new List<string>();
        for (int i = 0; i < tasks.Count;)
        {
            int j = i;
            while (j + 1 < tasks.Count && tasks[j + 1] == tasks[j] + 1) j++;
            parts.Add(i == j ? Invariant(tasks[i]) : $"{Invariant(tasks[i])}-{Invariant(tasks[j])}");
            i = j + 1;
        }
        return string.Join(',', parts) + limit;
    }

    /// <summary>The script of an array whose task t runs plan index t + <paramref name="offset"/>.</summary>
    public static string Runs(SlurmSettings s, string planDirectory, string jobName, string arraySpec, int offset, string description)
    {
        string task = offset == 0 ? "\"$SLURM_ARRAY_TASK_ID\"" : $"\"$((SLURM_ARRAY_TASK_ID + {Invariant(offset)}))\"";
        return Script(s, jobName, description, [$"--array={arraySpec}", $"--cpus-per-task={Invariant(s.CpusPerTask)}"],
            [.. s.Program, "sweep", "run", planDirectory, "--task"], task);
    }

    /// <summary>The script of the job that collects a sweep's results.</summary>
    public static string Collect(SlurmSettings s, string planDirectory) =>
        Script(s, "closedloop-collect", "closedloop sweep: rebuilds results.csv, summary.csv and figures/ once the runs have ended",
            ["--cpus-per-task=1"], [.. s.Program, "sweep", "collect", planDirectory], null);

    private static string Script(SlurmSettings s, string jobName, string description, IReadOnlyList<string> own, IReadOnlyList<string> command, string? taskWord)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append("# ").Append(description).Append('\n');
        sb.Append("# Written by closedloop; the task reads every setting from the plan file (sweep.json) in the directory below.\n");
        sb.Append("#SBATCH --job-name=").Append(jobName).Append('\n');
        foreach (var line in own.Concat(s.ResourceLines())) sb.Append("#SBATCH ").Append(line).Append('\n');
        sb.Append("exec ").Append(string.Join(' ', command.Select(Quote)));
        if (taskWord is not null) sb.Append(' ').Append(taskWord);
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
