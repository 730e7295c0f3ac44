using System.Globalization;
using ClosedLoop.Reporting;

namespace ClosedLoop.Runs.Slurm;

/// <summary>What a Slurm job of a submission does.</summary>
public enum SlurmJobKind
{
    /// <summary>An array of runs without a teacher in the batch (closed-loop runs, teachers).</summary>
    Runs,
    /// <summary>An array of open-loop runs; it starts after the arrays of their teachers (<c>afterany</c>).</summary>
    Students,
    /// <summary>The job that calls <c>closedloop sweep collect</c> after every array.</summary>
    Collect,
}

/// <summary>One submitted job.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Id">The Slurm job id (of the array).</param>
/// <param name="Offset">Plan index of array task 0 (the task runs plan index task + offset).</param>
/// <param name="Indices">The plan indices it runs (empty for the collect job).</param>
/// <param name="Script">The batch script, relative to the plan's directory.</param>
/// <param name="Log">The output file pattern relative to the plan's directory (<c>%A</c>, <c>%a</c>, <c>%j</c> as in sbatch).</param>
public sealed record SlurmJob(SlurmJobKind Kind, long Id, int Offset, IReadOnlyList<int> Indices, string Script, string Log)
{
    /// <summary>The log of plan index <paramref name="index"/> of this job, relative to the plan's directory.</summary>
    public string LogOf(int index) => Log
        .Replace("%A", Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("%a", (index - Offset).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("%j", Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>One call that submitted jobs (a sweep, a <c>--resubmit</c>, a reproduction batch).</summary>
/// <param name="Number">1, 2, … within its work directory.</param>
/// <param name="SubmittedUtc">When.</param>
/// <param name="Jobs">The jobs, in submission order.</param>
public sealed record SlurmSubmission(int Number, DateTime SubmittedUtc, IReadOnlyList<SlurmJob> Jobs)
{
    /// <summary>The ids of every job.</summary>
    public IReadOnlyList<long> JobIds => Jobs.Select(j => j.Id).ToList();
}

/// <summary>
/// The record of every submission made from a work directory (<c>submissions.json</c>): which job ran which plan
/// index, and where its log is. Read by <c>sweep status</c> (queued runs), <c>sweep collect</c> (log paths of failed
/// runs) and <c>--resubmit</c>.
/// </summary>
public static class SlurmSubmissions
{
    /// <summary>File name inside the work directory.</summary>
    public const string FileName = "submissions.json";

    /// <summary>Every submission recorded in <paramref name="workDirectory"/>, oldest first (none: empty).</summary>
    public static IReadOnlyList<SlurmSubmission> Read(string workDirectory)
    {
        string path = Path.Combine(workDirectory, FileName);
        return File.Exists(path) ? JsonFiles.Read<List<SlurmSubmission>>(path) : [];
    }

    /// <summary>Adds <paramref name="submission"/> to the record.</summary>
    public static void Append(string workDirectory, SlurmSubmission submission)
    {
        var all = Read(workDirectory).Append(submission).ToList();
        JsonFiles.Write(Path.Combine(workDirectory, FileName), all);
    }

    /// <summary>The number the next submission gets.</summary>
    public static int NextNumber(string workDirectory) => Read(workDirectory).Select(s => s.Number).DefaultIfEmpty(0).Max() + 1;

    /// <summary>The log of the latest job that ran plan index <paramref name="index"/>, relative to the plan's directory, or null.</summary>
    public static string? LogOf(IReadOnlyList<SlurmSubmission> submissions, int index) =>
        submissions.SelectMany(s => s.Jobs).LastOrDefault(j => j.Kind != SlurmJobKind.Collect && j.Indices.Contains(index))?.LogOf(index);

    /// <summary>
    /// The plan indices of <paramref name="submissions"/> that Slurm still holds (pending, running or completing), with
    /// the job id of each; empty when nothing is queued, or <c>squeue</c> is not available or does not answer here.
    /// </summary>
    public static IReadOnlyDictionary<int, QueuedTask> Queued(IReadOnlyList<SlurmSubmission> submissions)
    {
        var jobs = submissions.SelectMany(s => s.Jobs).Where(j => j.Kind != SlurmJobKind.Collect).ToList();
        if (jobs.Count == 0 || SlurmClient.FindOnPath("squeue") is null) return new Dictionary<int, QueuedTask>();
        var offsets = jobs.ToDictionary(j => j.Id, j => j.Offset);
        var queued = new Dictionary<int, QueuedTask>();
        IReadOnlyList<QueuedTask> tasks;
        try { tasks = SlurmClient.Queue(offsets.Keys); }
        catch (IOException) { return queued; } // no answer from the cluster here: the filesystem alone tells the state
        foreach (var t in tasks)
            if (t.Task >= 0 && offsets.TryGetValue(t.ArrayJob, out int offset)) queued[offset + t.Task] = t;
        return queued;
    }
}
