using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Runs.Slurm;

namespace ClosedLoop.Sweeps;

/// <summary>Where a run of a sweep stands.</summary>
public enum SweepRunStatus
{
    /// <summary>Finished.</summary>
    Done,
    /// <summary>A live process holds its directory.</summary>
    Running,
    /// <summary>Not running yet, but a task for it is in the Slurm queue.</summary>
    Queued,
    /// <summary>Failed, interrupted or killed.</summary>
    Failed,
    /// <summary>Never started.</summary>
    Missing,
}

/// <summary>The state of one run of a sweep.</summary>
/// <param name="Index">Plan index.</param>
/// <param name="Status">Its status.</param>
/// <param name="Error">For a failed run: why.</param>
/// <param name="Log">For a failed run trained by Slurm: its log, relative to the sweep directory.</param>
public sealed record SweepRunState(int Index, SweepRunStatus Status, string? Error = null, string? Log = null);

/// <summary>
/// The state of every run of a sweep, read from the run directories (a live lock means running; a manifest means
/// done; a failure record, or a partial directory nobody holds, means failed) and, where Slurm submissions exist and
/// <c>squeue</c> answers, from the queue (pending tasks are queued).
/// </summary>
public static class SweepStatus
{
    /// <summary>The states of the runs of <paramref name="sweep"/> in <paramref name="directory"/>, by index.</summary>
    public static IReadOnlyList<SweepRunState> Of(string directory, SweepPlan sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var submissions = SlurmSubmissions.Read(Path.Combine(directory, SweepPlan.SlurmFolder));
        var queued = SlurmSubmissions.Queued(submissions);
        var store = sweep.Plan.Store;
        return sweep.Plan.Runs.Select(r =>
        {
            var state = store.StateOf(r.Name);
            if (state is RunState.Missing or RunState.Failed && queued.ContainsKey(r.Index)) return new SweepRunState(r.Index, SweepRunStatus.Queued);
            return state switch
            {
                RunState.Done => new SweepRunState(r.Index, SweepRunStatus.Done),
                RunState.Running => new SweepRunState(r.Index, SweepRunStatus.Running),
                RunState.Missing => new SweepRunState(r.Index, SweepRunStatus.Missing),
                _ => new SweepRunState(r.Index, SweepRunStatus.Failed,
                    store.FailureOf(r.Name)?.Error ?? "interrupted: its directory holds a partial run and no process holds it",
                    SlurmSubmissions.LogOf(submissions, r.Index)),
            };
        }).ToList();
    }

    /// <summary>"16 runs: 10 done, 2 running, 1 queued, 1 failed, 2 missing".</summary>
    public static string Counts(IReadOnlyList<SweepRunState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var parts = Enum.GetValues<SweepRunStatus>().Select(s => $"{states.Count(x => x.Status == s)} {Name(s)}");
        return $"{states.Count} runs: {string.Join(", ", parts)}";
    }

    /// <summary>The lower-case name of a status, as in results.csv.</summary>
    public static string Name(SweepRunStatus s) => s.ToString().ToLowerInvariant();
}
