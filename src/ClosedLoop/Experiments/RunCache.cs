using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Training runs of an experiment output directory, cached by their settings: a run lives in
/// <c>&lt;out&gt;/runs/&lt;preset&gt;-&lt;mode&gt;-seed&lt;seed&gt;-&lt;hash&gt;</c>, where the hash is taken over the settings
/// JSON. A run whose directory already holds a manifest is complete and is reused; an interrupted one continues from
/// its checkpoint. Open-loop runs imitate the cached closed-loop run of the same settings. Independent runs are trained in
/// parallel, one thread each, <see cref="Jobs"/> at a time; results never depend on the schedule.
/// </summary>
public sealed class RunCache
{
    private readonly string _root;
    private readonly Func<RunSettings, IRunObserver>? _progress;
    private readonly object _gate = new();

    public RunCache(string outputDirectory, int jobs, Func<RunSettings, IRunObserver>? progress = null)
    {
        if (jobs < 1) throw new ArgumentException($"jobs = {jobs} is not allowed: it must be >= 1");
        _root = Path.Combine(outputDirectory, "runs");
        Jobs = jobs;
        _progress = progress;
    }

    /// <summary>Maximum number of runs trained at once.</summary>
    public int Jobs { get; }

    /// <summary>Runs trained by this cache so far (reused ones are not counted).</summary>
    public int Trained { get; private set; }

    /// <summary>Runs found complete and reused.</summary>
    public int Reused { get; private set; }

    /// <summary>The directory of the run with these settings (whether or not it exists yet).</summary>
    public string DirectoryOf(RunSettings s)
    {
        var json = JsonSerializer.Serialize(s with { Preset = "" }, SettingsJson.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..10];
        string name = Sanitize(s.Preset), mode = s.Mode == LoopMode.Open ? "open" : "closed";
        if (!name.EndsWith("-" + mode, StringComparison.Ordinal)) name += "-" + mode;
        return Path.Combine(_root, $"{name}-seed{s.Seed}-{hash}");
    }

    /// <summary>The finished run of <paramref name="s"/>, trained now if needed (with its teacher for open loop).</summary>
    public RunRecord Get(RunSettings s) => GetAll([s])[0];

    /// <summary>
    /// The finished runs of every settings in <paramref name="all"/>, in the same order. Missing runs are trained
    /// <see cref="Jobs"/> at a time: closed-loop runs (including the teachers of open-loop runs) first, each open-loop
    /// run as soon as its own teacher is finished, so no core waits for a whole phase to end. A run that starts while
    /// other workers are idle gets their threads for its batch parts (results do not depend on it).
    /// </summary>
    public IReadOnlyList<RunRecord> GetAll(IReadOnlyList<RunSettings> all)
    {
        var closed = all.Select(s => s.Mode == LoopMode.Open ? TeacherOf(s) : s).DistinctBy(DirectoryOf);
        var open = all.Where(s => s.Mode == LoopMode.Open).DistinctBy(DirectoryOf);
        var wanted = closed.Concat(open).ToList();
        var missing = wanted.Where(s => !RunRecord.IsComplete(DirectoryOf(s))).ToList();
        lock (_gate) Reused += wanted.Count - missing.Count;
        if (missing.Count > 0) new Schedule(this, missing).Run();
        return all.Select(s => RunRecord.Open(DirectoryOf(s))).ToList();
    }

    private RunSettings TeacherOf(RunSettings open) => open with { Mode = LoopMode.Closed, Preset = ClosedName(open.Preset) };

    private void Train(RunSettings s, int threads)
    {
        string? teacher = s.Mode == LoopMode.Open ? DirectoryOf(TeacherOf(s)) : null;
        TrainingRun.Execute(s, new RunOutput(DirectoryOf(s), ExistingRun.Resume, teacher, threads), _progress);
        lock (_gate) Trained++;
    }

    /// <summary>A work queue of runs with the teacher dependencies of open-loop runs, served by <see cref="Jobs"/> workers.</summary>
    private sealed class Schedule(RunCache cache, List<RunSettings> pending)
    {
        private readonly object _lock = new();
        private int _active;
        private Exception? _error;

        public void Run()
        {
            var workers = Enumerable.Range(0, Math.Min(cache.Jobs, pending.Count)).Select(_ => new Thread(Work, 256 << 20)).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
            if (_error is not null) throw new AggregateException("a training run failed", _error);
        }

        private void Work()
        {
            while (true)
            {
                RunSettings next;
                int threads;
                lock (_lock)
                {
                    int index;
                    while ((index = pending.FindIndex(Ready)) < 0)
                    {
                        if (pending.Count == 0 || _error is not null) return;
                        Monitor.Wait(_lock);
                    }
                    next = pending[index];
                    pending.RemoveAt(index);
                    threads = pending.Count == 0 ? Math.Max(1, cache.Jobs - _active) : 1;
                    _active++;
                }
                try
                {
                    cache.Train(next, threads);
                }
                catch (Exception e)
                {
                    lock (_lock) _error ??= e;
                }
                finally
                {
                    lock (_lock)
                    {
                        _active--;
                        Monitor.PulseAll(_lock);
                    }
                }
            }
        }

        /// <summary>A closed-loop run is always ready; an open-loop run once its teacher has finished.</summary>
        private bool Ready(RunSettings s) =>
            s.Mode == LoopMode.Closed || RunRecord.IsComplete(cache.DirectoryOf(cache.TeacherOf(s)));
    }

    private static string ClosedName(string preset) => preset.EndsWith("-open", StringComparison.Ordinal) ? preset[..^5] : preset;

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
