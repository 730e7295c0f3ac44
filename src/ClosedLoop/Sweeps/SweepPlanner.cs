using System.Text.Json.Nodes;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Sweeps;

/// <summary>
/// Turns a <see cref="SweepSpec"/> into a <see cref="SweepPlan"/>: the settings of every point × seed are built exactly
/// as <c>train --config/--preset … --set key=value</c> builds them (<see cref="RunConfig"/>: the spec's <c>set</c>,
/// then the point's values, then <c>epochs</c> and the seed), then one run per mode, each validated. Any key or value a
/// run would reject fails here, before anything is written or submitted, naming the point and the key.
/// </summary>
public static class SweepPlanner
{
    /// <summary>The plan of <paramref name="spec"/> with its runs in <c><paramref name="sweepDirectory"/>/runs</c>.</summary>
    public static SweepPlan Plan(SweepSpec spec, string sweepDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var axes = spec.Varied;
        double count = spec.Grid.Aggregate(1.0, (n, a) => n * a.Values.Count) * (spec.Zip.Count > 0 ? spec.Zip[0].Values.Count : 1)
            * spec.Seeds.Count * (spec.Modes?.Contains(LoopMode.Open) == true ? 2 : 1);
        if (count > SizeLimits.MaxListLength)
            throw new ArgumentException($"the spec plans {count:G4} runs (points x seeds x modes): at most {SizeLimits.MaxListLength} are allowed in one sweep");
        var points = Points(spec);
        var bases = new RunSettings[points.Count, spec.Seeds.Count];
        for (int p = 0; p < points.Count; p++)
            for (int k = 0; k < spec.Seeds.Count; k++)
                bases[p, k] = Settings(spec, axes, points[p], spec.Seeds[k]);
        var modes = spec.Modes ?? [bases[0, 0].Mode];
        var runs = new List<SweepRun>();
        var planned = new List<PlannedRun>();
        var teacherOf = new Dictionary<(int, int), int>();
        // closed-loop runs always (asked for, or the teachers of the open ones), then the open-loop runs
        LoopMode[] phases = modes.Contains(LoopMode.Open) ? [LoopMode.Closed, LoopMode.Open] : [LoopMode.Closed];
        foreach (var mode in phases)
            for (int p = 0; p < points.Count; p++)
                for (int k = 0; k < spec.Seeds.Count; k++)
                {
                    var s = Checked(ForMode(bases[p, k], mode), points[p], axes, spec.Seeds[k]);
                    int index = planned.Count;
                    int? teacher = mode == LoopMode.Open ? teacherOf[(p, k)] : null;
                    if (mode == LoopMode.Closed) teacherOf[(p, k)] = index;
                    planned.Add(new PlannedRun(index, RunNaming.NameOf(s), s, teacher));
                    runs.Add(new SweepRun(index, p, spec.Seeds[k], mode));
                }
        var store = new RunStore(Path.Combine(sweepDirectory, SweepPlan.RunsFolder));
        var plan = new RunPlan(store, planned, spec.Analyze ? FollowUp.Analyze : FollowUp.None);
        return new SweepPlan(spec.Source, axes.Select(a => a.Key).ToList(), points, runs, plan, spec.Metric);
    }

    /// <summary>Every point: the product of the grid lists (first key slowest) times the zip tuples.</summary>
    public static IReadOnlyList<SweepPoint> Points(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IEnumerable<IReadOnlyList<JsonNode?>> combos = [[]];
        foreach (var axis in spec.Grid)
            combos = combos.SelectMany(c => axis.Values.Select(v => (IReadOnlyList<JsonNode?>)[.. c, v])).ToList();
        if (spec.Zip.Count > 0)
        {
            int n = spec.Zip[0].Values.Count;
            combos = combos.SelectMany(c => Enumerable.Range(0, n).Select(i => (IReadOnlyList<JsonNode?>)[.. c, .. spec.Zip.Select(z => z.Values[i])])).ToList();
        }
        return combos.Select((values, i) => new SweepPoint(i, values)).ToList();
    }

    private static RunSettings Settings(SweepSpec spec, IReadOnlyList<SweepAxis> axes, SweepPoint point, long seed)
    {
        var overrides = spec.Set.Select(a => Assignment(a.Key, a.Value)).ToList();
        overrides.AddRange(axes.Select((a, i) => Assignment(a.Key, point.Values[i])));
        if (spec.Epochs is { } epochs) overrides.Add(Assignment("epochs", epochs));
        overrides.Add(Assignment("seed", seed));
        try
        {
            return spec.Config is { } config ? RunConfig.FromConfig(config, overrides) : RunConfig.FromPreset(spec.Preset ?? "tanh", overrides);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Where(point, axes, seed)}: {e.Message}");
        }
    }

    /// <summary>The run of <paramref name="s"/> in <paramref name="mode"/>: a closed run drops the "-open" of its preset name.</summary>
    private static RunSettings ForMode(RunSettings s, LoopMode mode) =>
        mode == LoopMode.Closed ? RunNaming.TeacherOf(s) : s with { Mode = LoopMode.Open };

    private static RunSettings Checked(RunSettings s, SweepPoint point, IReadOnlyList<SweepAxis> axes, long seed)
    {
        try
        {
            return s.Validated();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Where(point, axes, seed)}, mode {(s.Mode == LoopMode.Open ? "open" : "closed")}: {e.Message}");
        }
    }

    private static string Assignment(string key, JsonNode? value) => key + "=" + SweepSpec.Show(value);

    private static string Assignment(string key, long value) => key + "=" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Where(SweepPoint point, IReadOnlyList<SweepAxis> axes, long seed) =>
        axes.Count == 0 ? $"spec, seed {seed}" : $"spec point {point.Index} ({string.Join(", ", axes.Select((a, i) => $"{a.Key}={SweepSpec.Show(point.Values[i])}"))}), seed {seed}";
}
