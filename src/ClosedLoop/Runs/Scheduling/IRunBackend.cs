namespace ClosedLoop.Runs.Scheduling;

/// <summary>Counts of a batch of runs handed to a backend.</summary>
/// <param name="Results">One result per run the backend attempted, by index.</param>
public sealed record BatchResult(IReadOnlyList<RunResult> Results)
{
    /// <summary>Runs trained now.</summary>
    public int Trained => Results.Count(r => r.How == RunAcquisition.Trained);

    /// <summary>Runs found finished.</summary>
    public int Reused => Results.Count(r => r.How == RunAcquisition.Reused);

    /// <summary>Runs that failed.</summary>
    public IReadOnlyList<RunResult> Failed => Results.Where(r => r.How == RunAcquisition.Failed).ToList();
}

/// <summary>
/// Where the runs of a plan are trained: the local work queue (<see cref="LocalBackend"/>) or a Slurm cluster
/// (<see cref="Slurm.SlurmBackend"/>). Either way every run goes through <see cref="RunExecutor"/>, so the run
/// directories hold the same bytes whichever backend trained them.
/// </summary>
public interface IRunBackend
{
    /// <summary>Obtains the runs <paramref name="indices"/> of <paramref name="plan"/> (no student before its teacher)
    /// and returns when each has finished or failed.</summary>
    BatchResult Run(RunPlan plan, IReadOnlyList<int> indices, CancellationToken cancel = default);
}
