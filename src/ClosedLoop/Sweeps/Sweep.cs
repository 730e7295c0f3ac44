using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>
/// The steps of <c>closedloop sweep</c> as a library: plan a spec for a directory (refusing a directory that holds
/// something else), record the plan, train the unfinished runs on this machine or submit them to Slurm, collect.
/// Each run goes through <see cref="RunExecutor"/> (the local queue) or a Slurm task calling it, so both backends leave
/// the same bytes. Interrupting and calling again trains only what is not done.
/// </summary>
public static class Sweep
{
    /// <summary>
    /// The plan of the spec file <paramref name="specPath"/> for the sweep directory <paramref name="directory"/>, or the
    /// error of a directory that holds anything but an empty folder or this same sweep. Nothing is written.
    /// </summary>
    public static SweepPlan Prepare(string specPath, string directory, string? metric = null)
    {
        var spec = SweepSpec.Read(specPath);
        if (metric is not null) spec = spec with { Metric = metric };
        var plan = SweepPlanner.Plan(spec, directory);
        if (RunPlanFile.Exists(directory))
        {
            var existing = SweepFile.Read(directory);
            if (!SweepFile.SameRuns(existing, plan))
                throw new ArgumentException($"out = '{directory}' holds another sweep (its sweep.json plans other runs): choose another --out, "
                    + $"or delete {Path.Combine(directory, RunPlanFile.FileName)} to plan this spec there (finished runs in runs/ are reused)");
        }
        else if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(e => Path.GetFileName(e) != Reporting.DirectoryLock.FileName))
            throw new ArgumentException($"out = '{directory}' is not empty and holds no sweep: choose an empty or new directory");
        return plan;
    }

    /// <summary>The sweep recorded in <paramref name="directory"/>.</summary>
    public static SweepPlan Open(string directory) => SweepFile.Read(directory);

    /// <summary>Writes <c>sweep.json</c> (atomically; the caller holds the directory's lock).</summary>
    public static void Record(string directory, SweepPlan plan)
    {
        Directory.CreateDirectory(directory);
        SweepFile.Write(directory, plan);
    }

    /// <summary>The runs a backend should obtain now: every run that is not done (running ones are waited for locally).</summary>
    public static IReadOnlyList<int> Unfinished(SweepPlan sweep) => sweep.Plan.Unfinished(includeRunning: true);

    /// <summary>Trains every unfinished run on this machine, <paramref name="jobs"/> at a time.</summary>
    public static BatchResult RunLocally(SweepPlan sweep, int jobs, Func<RunSettings, IRunObserver>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return new LocalBackend(jobs, progress).Run(sweep.Plan, Unfinished(sweep), cancel);
    }

    /// <summary>
    /// The Slurm jobs that would train the failed and missing runs of <paramref name="sweep"/> (none queued or running)
    /// and then collect, or an empty list when every run is done, running or queued. A sweep submitted before needs
    /// <paramref name="resubmit"/>. Nothing is written.
    /// </summary>
    public static IReadOnlyList<SlurmRequest> PlanSubmission(string directory, SweepPlan sweep, SlurmSettings settings, bool resubmit)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        string work = Path.Combine(directory, SweepPlan.SlurmFolder);
        var previous = SlurmSubmissions.Read(work);
        var queued = SlurmSubmissions.Queued(previous);
        var toSubmit = sweep.Plan.Unfinished(includeRunning: false).Where(i => !queued.ContainsKey(i)).ToList();
        if (toSubmit.Count == 0) return [];
        if (previous.Count > 0 && !resubmit)
            throw new ArgumentException($"'{directory}' was submitted to Slurm before (jobs {string.Join(", ", previous.SelectMany(s => s.JobIds))}) "
                + $"and {toSubmit.Count} runs are failed or missing: 'closedloop sweep status {directory}' shows them; pass --resubmit to submit them");
        var teacherJobs = toSubmit.Select(i => sweep.Plan.Runs[i].Teacher).OfType<int>().Where(queued.ContainsKey).Distinct()
            .ToDictionary(t => t, t => queued[t].ArrayJob);
        return SlurmBackend.Prepare(settings, directory, work, sweep.Plan, toSubmit, collect: true, SlurmSubmissions.NextNumber(work), teacherJobs);
    }

    /// <summary>Submits <paramref name="requests"/> (from <see cref="PlanSubmission"/>) and records them.</summary>
    public static SlurmSubmission Submit(string directory, IReadOnlyList<SlurmRequest> requests)
    {
        string work = Path.Combine(directory, SweepPlan.SlurmFolder);
        return SlurmBackend.Submit(requests, directory, work, SlurmSubmissions.NextNumber(work));
    }
}
