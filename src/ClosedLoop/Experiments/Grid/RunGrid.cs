using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// The runs an experiment asks for, keyed by what varies: <typeparamref name="TKey"/> is a record of named factors
/// (e.g. <c>record struct Run(long Seed, double Beta)</c>, or just the seed), and each key holds a closed-loop run, an
/// open-loop run, or both (<see cref="AddPair"/>: the closed run and its open twin). Runs that start from a finished
/// run of the grid (restarts from a snapshot chosen by that run's stages) are added with <see cref="AddAfter"/> and
/// planned once the first wave is finished. <see cref="RunCache.Obtain{TKey}"/> trains or reuses them all and returns a
/// <see cref="RunSet{TKey}"/>, from which the runs are read back by key, never by position.
/// </summary>
public sealed class RunGrid<TKey> where TKey : notnull
{
    private readonly List<GridRun<TKey>> _runs = [];
    private readonly List<(TKey Key, Func<RunSet<TKey>, RunSettings> Settings)> _later = [];
    private readonly HashSet<(TKey, LoopMode)> _keys = [];

    /// <summary>The runs of the first wave, in the order they were added.</summary>
    public IReadOnlyList<GridRun<TKey>> Runs => _runs;

    /// <summary>The runs planned from the finished first wave.</summary>
    public IReadOnlyList<(TKey Key, Func<RunSet<TKey>, RunSettings> Settings)> Later => _later;

    /// <summary>The run of <paramref name="settings"/> under <paramref name="key"/>, in the mode of the settings.</summary>
    public RunGrid<TKey> Add(TKey key, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Claim(key, settings.Mode);
        _runs.Add(new GridRun<TKey>(key, settings));
        return this;
    }

    /// <summary>The closed-loop run of <paramref name="closed"/> and its open-loop twin (<see cref="LoopTwins.OpenTwin"/>) under one key.</summary>
    public RunGrid<TKey> AddPair(TKey key, RunSettings closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (closed.Mode != LoopMode.Closed) throw new ArgumentException($"grid key {key}: a pair starts from closed-loop settings");
        return Add(key, closed).Add(key, closed.OpenTwin());
    }

    /// <summary>One run per key: <paramref name="settings"/> of each key.</summary>
    public RunGrid<TKey> AddEach(IEnumerable<TKey> keys, Func<TKey, RunSettings> settings)
    {
        foreach (var k in keys) Add(k, settings(k));
        return this;
    }

    /// <summary>A closed/open pair per key.</summary>
    public RunGrid<TKey> AddPairs(IEnumerable<TKey> keys, Func<TKey, RunSettings> closed)
    {
        foreach (var k in keys) AddPair(k, closed(k));
        return this;
    }

    /// <summary>
    /// A closed-loop run planned after the first wave is finished: <paramref name="settings"/> reads the finished runs
    /// (e.g. a restart from a snapshot at a stage boundary of the base run).
    /// </summary>
    public RunGrid<TKey> AddAfter(TKey key, Func<RunSet<TKey>, RunSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Claim(key, LoopMode.Closed);
        _later.Add((key, settings));
        return this;
    }

    private void Claim(TKey key, LoopMode mode)
    {
        if (!_keys.Add((key, mode))) throw new ArgumentException($"grid key {key} already holds a {mode.ToString().ToLowerInvariant()}-loop run");
    }
}

/// <summary>One run of a grid: its key and settings (the mode is the settings').</summary>
public sealed record GridRun<TKey>(TKey Key, RunSettings Settings);
