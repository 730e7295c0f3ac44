using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>
/// The runs of a plan trained on this machine by a work queue of <see cref="Jobs"/> worker threads, one run each:
/// a run is ready when it has no teacher in the batch or its teacher is no longer pending or training, so an open-loop
/// run starts as soon as its own teacher is done and no core waits for a whole phase to end. The last run of a batch
/// gets the threads of the idle workers for its batch parts (results do not depend on it). A failed run is recorded
/// and the others go on; cancelling (or an <see cref="Interruption"/>: SIGINT, SIGTERM) stops taking runs and interrupts
/// those in progress, which write their checkpoints.
/// </summary>
public sealed class LocalBackend : IRunBackend
{
    private readonly Func<RunSettings, IRunObserver>? _progress;

    /// <param name="jobs">Runs trained at once (≥ 1).</param>
    /// <param name="progress">Observer of each trained run's epochs, or null.</param>
    public LocalBackend(int jobs, Func<RunSettings, IRunObserver>? progress = null)
    {
        if (jobs < 1) throw new ArgumentException($"jobs = {jobs} is not allowed: it must be >= 1");
        Jobs = jobs;
        _progress = progress;
    }

    /// <summary>Maximum number of runs trained at once.</summary>
    public int Jobs { get; }

    public BatchResult Run(RunPlan plan, IReadOnlyList<int> indices, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) return new BatchResult([]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, Interruption.Token);
        var queue = new Queue(this, plan, indices.Distinct().Order().ToList(), stop.Token);
        return new BatchResult(queue.Run());
    }

    /// <summary>One batch: the pending runs, the unfinished set (pending or training) and the results.</summary>
    private sealed class Queue(LocalBackend backend, RunPlan plan, List<int> pending, CancellationToken cancel)
    {
        private readonly object _lock = new();
        private readonly HashSet<int> _unfinished = [.. pending];
        private readonly List<RunResult> _results = [];
        private int _active;

        public IReadOnlyList<RunResult> Run()
        {
            using var wake = cancel.Register(() => { lock (_lock) Monitor.PulseAll(_lock); });
            var workers = Enumerable.Range(0, Math.Min(backend.Jobs, pending.Count)).Select(_ => new Thread(Work, 256 << 20)).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
            return _results.OrderBy(r => r.Index).ToList();
        }

        private void Work()
        {
            while (Next() is var (index, threads) && index >= 0)
            {
                var result = RunExecutor.Execute(plan, index, threads, backend._progress, cancel);
                lock (_lock)
                {
                    _results.Add(result);
                    _unfinished.Remove(index);
                    _active--;
                    Monitor.PulseAll(_lock);
                }
            }
        }

        /// <summary>The next ready run and its thread count; (-1, 0) when the batch is over or cancelled.</summary>
        private (int Index, int Threads) Next()
        {
            lock (_lock)
            {
                int at;
                while ((at = pending.FindIndex(Ready)) < 0 || cancel.IsCancellationRequested)
                {
                    if (pending.Count == 0 || cancel.IsCancellationRequested) return (-1, 0);
                    Monitor.Wait(_lock);
                }
                int index = pending[at];
                pending.RemoveAt(at);
                int threads = pending.Count == 0 ? Math.Max(1, backend.Jobs - _active) : 1;
                _active++;
                return (index, threads);
            }
        }

        private bool Ready(int index) => plan.Runs[index].Teacher is not { } t || !_unfinished.Contains(t);
    }
}
