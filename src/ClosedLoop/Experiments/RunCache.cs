using ClosedLoop.Runs;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Training runs of an experiment output directory, cached by their settings in a <see cref="RunStore"/>: a run lives
/// in <c>&lt;out&gt;/runs/&lt;preset&gt;-&lt;mode&gt;-seed&lt;seed&gt;-&lt;hash&gt;</c> (<see cref="RunNaming"/>, the naming sweeps
/// use too). A run whose directory already holds a manifest is complete and is reused; an interrupted one continues
/// from its checkpoint; one that another process is training is waited for and reused. Open-loop runs imitate the cached
/// closed-loop run of the same settings. Missing runs go to a backend as one plan per call: the local work queue
/// (<see cref="Jobs"/> runs at once, one thread each) or Slurm job arrays; results never depend on the schedule.
/// </summary>
public sealed class RunCache
{
    private readonly RunStore _store;
    private readonly IRunBackend _backend;
    private readonly object _gate = new();

    /// <summary>A cache trained on this machine, <paramref name="jobs"/> runs at once.</summary>
    public RunCache(string outputDirectory, int jobs, Func<RunSettings, IRunObserver>? progress = null)
        : this(outputDirectory, new LocalBackend(jobs, progress))
    {
    }

    /// <summary>A cache whose missing runs are trained by <paramref name="backend"/>.</summary>
    public RunCache(string outputDirectory, IRunBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _store = new RunStore(Path.Combine(outputDirectory, "runs"));
        _backend = backend;
    }

    /// <summary>Maximum number of runs trained at once on this machine (1 for a cluster backend: the driver trains none).</summary>
    public int Jobs => _backend is LocalBackend local ? local.Jobs : 1;

    /// <summary>The store holding the runs (<c>&lt;out&gt;/runs</c>).</summary>
    public RunStore Store => _store;

    /// <summary>Runs trained by this cache so far (reused ones are not counted).</summary>
    public int Trained { get; private set; }

    /// <summary>Runs found complete and reused.</summary>
    public int Reused { get; private set; }

    /// <summary>The directory of the run with these settings (whether or not it exists yet).</summary>
    public string DirectoryOf(RunSettings s) => _store.DirectoryOf(s);

    /// <summary>The finished run of <paramref name="s"/>, trained now if needed (with its teacher for open loop).</summary>
    public RunRecord Get(RunSettings s) => GetAll([s])[0];

    /// <summary>
    /// The finished runs of every settings in <paramref name="all"/>, in the same order. The missing ones (with the
    /// teachers of open-loop runs) are handed to the backend as one plan, each open-loop run after its own teacher.
    /// Throws an <see cref="AggregateException"/> naming the runs that failed (the others are kept for the next call), or
    /// the <see cref="RunInterruptedException"/> of a run stopped by an interruption.
    /// </summary>
    public IReadOnlyList<RunRecord> GetAll(IReadOnlyList<RunSettings> all)
    {
        var plan = RunPlan.Of(_store, all);
        var missing = plan.Runs.Where(r => !_store.IsComplete(r.Name)).Select(r => r.Index).ToList();
        lock (_gate) Reused += plan.Runs.Count - missing.Count;
        if (missing.Count > 0)
        {
            var batch = _backend.Run(plan, missing);
            lock (_gate)
            {
                Trained += batch.Trained;
                Reused += batch.Reused;
            }
            if (batch.Failed.Select(r => r.Error).OfType<RunInterruptedException>().FirstOrDefault() is { } stopped) throw stopped;
            var failed = missing.Where(i => !_store.IsComplete(plan.Runs[i].Name)).ToList();
            if (failed.Count > 0) throw Failure(plan, failed, missing.Count, batch);
        }
        return all.Select(s => RunRecord.Open(DirectoryOf(s))).ToList();
    }

    /// <summary>
    /// The finished runs of <paramref name="grid"/>, by key: the first wave as one plan, then the runs planned from it
    /// (<see cref="RunGrid{TKey}.AddAfter"/>) as a second.
    /// </summary>
    public RunSet<TKey> Obtain<TKey>(RunGrid<TKey> grid) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(grid);
        var first = GetAll(grid.Runs.Select(r => r.Settings).ToList());
        var set = new RunSet<TKey>(grid.Runs.Zip(first, (r, run) => (r.Key, run)));
        if (grid.Later.Count == 0) return set;
        var settings = grid.Later.Select(l => l.Settings(set)).ToList();
        if (settings.FirstOrDefault(s => s.Mode != LoopMode.Closed) is { } open)
            throw new ArgumentException($"a run planned after the first wave must be closed-loop ({open.Preset} is open-loop)");
        var later = GetAll(settings);
        return set.With(grid.Later.Zip(later, (l, run) => (l.Key, run)));
    }

    /// <summary>The failures as one exception: the message names the runs; the inner exceptions are what each threw (a
    /// bad setting stays an <see cref="ArgumentException"/>, so the command line still reports it as bad input).</summary>
    private AggregateException Failure(RunPlan plan, IReadOnlyList<int> failed, int attempted, BatchResult batch)
    {
        var lines = failed.Take(5).Select(i => $"{plan.Runs[i].Name}: {_store.FailureOf(plan.Runs[i].Name)?.Error ?? "did not finish"}");
        string more = failed.Count > 5 ? $"; and {failed.Count - 5} more" : "";
        var errors = failed.Select(i => batch.Results.FirstOrDefault(r => r.Index == i)?.Error
            ?? new RunFailedException($"{plan.Runs[i].Name} did not finish")).ToList();
        return new AggregateException($"{failed.Count} of {attempted} training runs failed: {string.Join("; ", lines)}{more} "
            + $"(failure records in {Path.Combine(_store.Root, RunStore.FailuresFolder)})", errors);
    }
}
