using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>The closed-loop run and its open-loop twin of one key (same initial weights and evaluation set).</summary>
public sealed record SeedPair(long Seed, RunRecord Closed, RunRecord Open);

/// <summary>One finished run of a grid with its key, for the experiment's manifest.</summary>
/// <param name="Key">The key as text (invariant culture).</param>
/// <param name="Mode">closed or open.</param>
/// <param name="Seed">The run's root seed.</param>
/// <param name="Run">The run's directory name under <c>runs/</c>.</param>
public sealed record GridEntry(string Key, LoopMode Mode, long Seed, string Run);

/// <summary>
/// The finished runs of a <see cref="RunGrid{TKey}"/>, read back by key: <c>runs[key]</c> is the key's closed-loop run
/// (or its only run), <see cref="Open"/> its open-loop twin, <see cref="Pair"/> both.
/// </summary>
public sealed class RunSet<TKey> where TKey : notnull
{
    private readonly Dictionary<(TKey, LoopMode), RunRecord> _runs = [];
    private readonly List<(TKey Key, LoopMode Mode)> _order = [];

    /// <summary>The runs in the order the grid added them.</summary>
    public RunSet(IEnumerable<(TKey Key, RunRecord Run)> runs)
    {
        foreach (var (key, run) in runs) Put(key, run);
    }

    /// <summary>The keys, each once, in the order the grid added them.</summary>
    public IReadOnlyList<TKey> Keys => _order.Select(k => k.Key).Distinct().ToList();

    /// <summary>The closed-loop run of <paramref name="key"/>, or its only run.</summary>
    public RunRecord this[TKey key] =>
        _runs.TryGetValue((key, LoopMode.Closed), out var c) ? c
        : _runs.TryGetValue((key, LoopMode.Open), out var o) ? o
        : throw new KeyNotFoundException($"the grid has no run for {key}");

    /// <summary>The open-loop run of <paramref name="key"/>.</summary>
    public RunRecord Open(TKey key) =>
        _runs.TryGetValue((key, LoopMode.Open), out var o) ? o : throw new KeyNotFoundException($"the grid has no open-loop run for {key}");

    /// <summary>Whether the grid holds a run of <paramref name="key"/> in <paramref name="mode"/>.</summary>
    public bool Contains(TKey key, LoopMode mode = LoopMode.Closed) => _runs.ContainsKey((key, mode));

    /// <summary>The closed run of <paramref name="key"/> and its open twin.</summary>
    public SeedPair Pair(TKey key)
    {
        var closed = _runs.TryGetValue((key, LoopMode.Closed), out var c) ? c : throw new KeyNotFoundException($"the grid has no closed-loop run for {key}");
        return new SeedPair(closed.Settings.Seed, closed, Open(key));
    }

    /// <summary>The runs of <paramref name="keys"/> (closed, or the only run), in that order.</summary>
    public IReadOnlyList<RunRecord> For(IEnumerable<TKey> keys) => keys.Select(k => this[k]).ToList();

    /// <summary>The pairs of <paramref name="keys"/>, in that order.</summary>
    public IReadOnlyList<SeedPair> Pairs(IEnumerable<TKey> keys) => keys.Select(Pair).ToList();

    /// <summary>Every run with its key, for the manifest.</summary>
    public IReadOnlyList<GridEntry> Entries =>
        _order.Select(k => new GridEntry(KeyText(k.Key), k.Mode, _runs[k].Settings.Seed, Path.GetFileName(_runs[k].Directory))).ToList();

    /// <summary>This set with more runs.</summary>
    internal RunSet<TKey> With(IEnumerable<(TKey Key, RunRecord Run)> more)
    {
        var next = new RunSet<TKey>(_order.Select(k => (k.Key, _runs[k])));
        foreach (var (key, run) in more) next.Put(key, run);
        return next;
    }

    private void Put(TKey key, RunRecord run)
    {
        var k = (key, run.Settings.Mode);
        if (!_runs.TryAdd(k, run)) throw new ArgumentException($"grid key {key} holds two {run.Settings.Mode.ToString().ToLowerInvariant()}-loop runs");
        _order.Add(k);
    }

    private static string KeyText(TKey key) => key switch
    {
        long seed => $"seed = {seed}",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };
}
