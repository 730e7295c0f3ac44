using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>What is done with a run once it is trained.</summary>
public enum FollowUp
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>Run <c>closedloop analyze</c> on it (analysis/, and the stages in summary.json).</summary>
    Analyze,
}

/// <summary>One run of a plan.</summary>
/// <param name="Index">Position in the plan (0-based; a Slurm task index).</param>
/// <param name="Name">Directory name in the store (<see cref="RunNaming.NameOf"/> when planned).</param>
/// <param name="Settings">The validated settings.</param>
/// <param name="Teacher">Open loop: the index of the closed-loop run it imitates (always an earlier index).</param>
public sealed record PlannedRun(int Index, string Name, RunSettings Settings, int? Teacher = null);

/// <summary>
/// A list of runs to obtain from one <see cref="RunStore"/>, with the teacher of every open-loop run earlier in the
/// list: what a backend (the local work queue, Slurm job arrays) is given, and what <c>sweep.json</c> records.
/// </summary>
public sealed class RunPlan
{
    public RunPlan(RunStore store, IReadOnlyList<PlannedRun> runs, FollowUp followUp = FollowUp.None)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runs);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            if (r.Index != i) throw new ArgumentException($"plan run {i} has index {r.Index}: indices must be 0, 1, 2, … in order");
            if (!names.TryAdd(r.Name, i)) throw new ArgumentException($"plan runs {names[r.Name]} and {i} are the same run ({r.Name}): their settings are identical");
            if (r.Teacher is { } t && (t < 0 || t >= i || runs[t].Settings.Mode != LoopMode.Closed))
                throw new ArgumentException($"plan run {i} names teacher {t}: a teacher must be an earlier closed-loop run");
            if (r.Settings.Mode == LoopMode.Open && r.Teacher is null)
                throw new ArgumentException($"plan run {i} is an open-loop run without a teacher");
        }
        Store = store;
        Runs = runs.ToArray();
        FollowUp = followUp;
    }

    /// <summary>Where the runs live.</summary>
    public RunStore Store { get; }

    /// <summary>The runs, by index.</summary>
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>What happens after each run is trained.</summary>
    public FollowUp FollowUp { get; }

    /// <summary>The directory of run <paramref name="index"/>.</summary>
    public string DirectoryOf(int index) => Store.DirectoryOf(Runs[index].Name);

    /// <summary>Indices of the runs whose state is not <see cref="RunState.Done"/> (nor running, unless asked).</summary>
    public IReadOnlyList<int> Unfinished(bool includeRunning = false) =>
        Runs.Where(r => Store.StateOf(r.Name) switch
        {
            RunState.Done => false,
            RunState.Running => includeRunning,
            _ => true,
        }).Select(r => r.Index).ToList();

    /// <summary>
    /// The plan of every settings in <paramref name="settings"/> and of the teachers of the open-loop ones, each once:
    /// closed-loop runs first (in order of appearance, a teacher where its first student appears), then open-loop runs.
    /// </summary>
    public static RunPlan Of(RunStore store, IEnumerable<RunSettings> settings, FollowUp followUp = FollowUp.None)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = settings.ToList();
        var closed = all.Select(s => s.Mode == LoopMode.Open ? RunNaming.TeacherOf(s) : s).DistinctBy(RunNaming.NameOf).ToList();
        var open = all.Where(s => s.Mode == LoopMode.Open).DistinctBy(RunNaming.NameOf).ToList();
        var runs = closed.Select((s, i) => new PlannedRun(i, RunNaming.NameOf(s), s)).ToList();
        var index = runs.ToDictionary(r => r.Name, r => r.Index, StringComparer.Ordinal);
        foreach (var s in open)
            runs.Add(new PlannedRun(runs.Count, RunNaming.NameOf(s), s, index[RunNaming.NameOf(RunNaming.TeacherOf(s))]));
        return new RunPlan(store, runs, followUp);
    }
}
