using ClosedLoop.Analysis;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>The outcome of one run of a plan.</summary>
/// <param name="Index">The run's index in the plan.</param>
/// <param name="How">Trained, reused or failed.</param>
/// <param name="Error">What failed (also recorded in the store), or null.</param>
public sealed record RunResult(int Index, RunAcquisition How, Exception? Error = null);

/// <summary>
/// Obtains one run of a plan — what a worker of the local queue and a Slurm task both do: waits for the run's
/// teacher (which must then be finished), trains the run through <see cref="RunStore.Train"/> unless it is already
/// finished, applies the plan's <see cref="FollowUp"/>, and records any failure in the store instead of throwing.
/// </summary>
public static class RunExecutor
{
    /// <summary>Obtains run <paramref name="index"/> of <paramref name="plan"/> with <paramref name="threads"/> threads per batch.</summary>
    public static RunResult Execute(RunPlan plan, int index, int threads, Func<RunSettings, IRunObserver>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (index < 0 || index >= plan.Runs.Count)
            throw new ArgumentException($"task = {index} is not allowed: the plan has runs 0..{plan.Runs.Count - 1}");
        var run = plan.Runs[index];
        var store = plan.Store;
        try
        {
            store.ClearFailure(run.Name);
            string? teacher = run.Teacher is { } t ? RequireFinished(plan, t, cancel) : null;
            var how = store.Train(run.Name, run.Settings, teacher, threads, progress, cancel);
            if (plan.FollowUp == FollowUp.Analyze) Analyze(store.DirectoryOf(run.Name), cancel);
            return new RunResult(index, how);
        }
        catch (Exception e)
        {
            store.RecordFailure(run.Name, RunFailure.Of(e)); // an interruption says where its checkpoint is

            return new RunResult(index, RunAcquisition.Failed, e);
        }
    }

    /// <summary>The teacher's name once no process holds it; throws when it is not finished.</summary>
    private static string RequireFinished(RunPlan plan, int teacher, CancellationToken cancel)
    {
        var t = plan.Runs[teacher];
        RunStore.WaitWhileHeld(plan.Store.DirectoryOf(t.Name), cancel);
        if (!plan.Store.IsComplete(t.Name))
            throw new RunFailedException($"its teacher, run {teacher} ({t.Name}), did not finish");
        return t.Name;
    }

    /// <summary>Analyses a finished run once (skipped when summary.json already has its stages), holding its lock.</summary>
    private static void Analyze(string directory, CancellationToken cancel)
    {
        using var held = RunStore.AcquireWaiting(directory, "closedloop analyze", cancel);
        if (JsonFiles.Read<RunSummary>(Path.Combine(directory, RunSummary.FileName)).Stages is not null) return;
        AnalysisWriter.Write(RunAnalysis.Analyze(directory));
    }
}
