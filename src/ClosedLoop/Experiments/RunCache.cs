using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Training runs of an experiment output directory, cached by their settings: a run lives in
/// <c>&lt;out&gt;/runs/&lt;preset&gt;-&lt;mode&gt;-seed&lt;seed&gt;-&lt;hash&gt;</c>, where the hash is taken over the settings
/// JSON. A run whose directory already holds a manifest is complete and is reused; an interrupted one is trained
/// again. Open-loop runs imitate the cached closed-loop run of the same settings. Independent runs are trained in
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
    /// The finished runs of every settings in <paramref name="all"/>, in the same order; missing closed-loop runs (and
    /// the teachers of open-loop runs) are trained first, then the open-loop runs, each phase in parallel.
    /// </summary>
    public IReadOnlyList<RunRecord> GetAll(IReadOnlyList<RunSettings> all)
    {
        var closed = all.Select(s => s.Mode == LoopMode.Open ? s with { Mode = LoopMode.Closed, Preset = ClosedName(s.Preset) } : s);
        TrainMissing(closed.DistinctBy(DirectoryOf).ToList());
        TrainMissing(all.Where(s => s.Mode == LoopMode.Open).DistinctBy(DirectoryOf).ToList());
        return all.Select(s => RunRecord.Open(DirectoryOf(s))).ToList();
    }

    private void TrainMissing(List<RunSettings> runs)
    {
        var missing = runs.Where(s => !RunRecord.IsComplete(DirectoryOf(s))).ToList();
        lock (_gate) Reused += runs.Count - missing.Count;
        if (missing.Count == 0) return;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Jobs };
        Parallel.ForEach(missing, options, s =>
        {
            string? teacher = s.Mode == LoopMode.Open ? DirectoryOf(s with { Mode = LoopMode.Closed, Preset = ClosedName(s.Preset) }) : null;
            TrainingRun.Execute(s, new RunOutput(DirectoryOf(s), ExistingRun.Replace, teacher), _progress);
            lock (_gate) Trained++;
        });
    }

    private static string ClosedName(string preset) => preset.EndsWith("-open", StringComparison.Ordinal) ? preset[..^5] : preset;

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
