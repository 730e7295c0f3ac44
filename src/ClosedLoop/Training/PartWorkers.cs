namespace ClosedLoop.Training;

/// <summary>
/// Runs the parts of a batch on persistent threads: part i runs on thread i mod (threads), thread 0 being the
/// caller. No allocation per call; an exception on a worker is rethrown on the caller. The assignment of parts to
/// threads never changes what is computed, only where.
/// </summary>
internal sealed class PartWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Barrier _start, _done;
    private Action<int>? _work;
    private int _parts;
    private volatile bool _stop;
    private Exception? _error;

    public PartWorkers(int threads)
    {
        int extra = Math.Max(0, threads - 1);
        _threads = new Thread[extra];
        _start = new Barrier(extra + 1);
        _done = new Barrier(extra + 1);
        for (int i = 0; i < extra; i++)
        {
            int id = i + 1;
            _threads[i] = new Thread(() => Loop(id)) { IsBackground = true, Name = $"closedloop-part-{id}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of threads, the caller included.</summary>
    public int Threads => _threads.Length + 1;

    /// <summary>Runs <paramref name="work"/>(i) for i = 0..parts−1 and returns when all are done.</summary>
    public void Run(int parts, Action<int> work)
    {
        if (_threads.Length == 0 || parts == 1)
        {
            for (int i = 0; i < parts; i++) work(i);
            return;
        }
        _work = work;
        _parts = parts;
        _error = null;
        _start.SignalAndWait();
        try
        {
            Share(0);
        }
        finally
        {
            _done.SignalAndWait();
        }
        if (_error is { } e) throw new AggregateException("a part of the batch failed", e);
    }

    private void Share(int id)
    {
        for (int i = id; i < _parts; i += Threads) _work!(i);
    }

    private void Loop(int id)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stop) return;
            try
            {
                Share(id);
            }
            catch (Exception e)
            {
                _error = e;
            }
            _done.SignalAndWait();
        }
    }

    public void Dispose()
    {
        if (_threads.Length == 0) return;
        _stop = true;
        _start.SignalAndWait();
        foreach (var t in _threads) t.Join();
        _start.Dispose();
        _done.Dispose();
    }
}
