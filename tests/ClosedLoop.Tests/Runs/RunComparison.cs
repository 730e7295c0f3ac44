using System.Text.Json.Nodes;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs;

/// <summary>Compares run directories file by file and stops runs at chosen epochs.</summary>
internal static class RunComparison
{
    /// <summary>Every file under <paramref name="dir"/> (relative, '/'), sorted.</summary>
    public static string[] List(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Asserts that two run directories hold the same files with the same bytes, except the manifests' start and
    /// finish times (every other manifest field, including each file's SHA-256, must match; the hash of a nested
    /// manifest, the teacher's, differs by its times and is left out: that manifest is compared itself).
    /// </summary>
    public static void AssertSameRun(string expected, string actual)
    {
        var files = List(expected);
        Assert.Equal(files, List(actual));
        foreach (var f in files)
        {
            if (Path.GetFileName(f) == RunManifest.FileName) Assert.Equal(WithoutTimes(Path.Combine(expected, f)), WithoutTimes(Path.Combine(actual, f)));
            else Assert.True(File.ReadAllBytes(Path.Combine(expected, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, f))), $"{f} differs");
        }
    }

    private static string WithoutTimes(string manifest)
    {
        var node = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        Assert.NotNull(node["finished_utc"]);
        node.Remove("started_utc");
        node.Remove("finished_utc");
        node["files"]!.AsObject().Remove("teacher/" + RunManifest.FileName);
        return node.ToJsonString();
    }

    /// <summary>Tiny settings of a preset: a run takes a fraction of a second.</summary>
    public static RunSettings Tiny(string preset, int epochs, params string[] extra)
    {
        int steps = preset.StartsWith("tracking", StringComparison.Ordinal) ? 20 : 12;
        string[] sets = ["network.hidden=6", "episode.batch=5", "evaluation.count=3", $"episode.steps={steps}", $"epochs={epochs}", .. extra];
        if (steps == 20) sets = [.. sets, "reference.steps=20"];
        return RunConfig.FromPreset(preset, sets);
    }
}

/// <summary>Cancels <paramref name="cancel"/> at the end of epoch <c>epoch − 1</c> of the run in <paramref name="mode"/>: the run stops with a checkpoint at <c>epoch</c>.</summary>
internal sealed class StopAt(CancellationTokenSource cancel, LoopMode mode, int epoch) : IRunObserver
{
    public Func<RunSettings, IRunObserver> Factory => s => s.Mode == mode ? this : new StopAt(cancel, mode, -1);

    public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns) { }

    public void OnEpoch(EpochRecord record)
    {
        if (record.Epoch == epoch - 1) cancel.Cancel();
    }

    public void OnSnapshot(int epoch, NetworkParameters parameters) { }
}

/// <summary>Throws in epoch <paramref name="epoch"/> of the run in <paramref name="mode"/>, like a process that dies there.</summary>
internal sealed class CrashAt(LoopMode mode, int epoch) : IRunObserver
{
    public Func<RunSettings, IRunObserver> Factory => s => s.Mode == mode ? this : new CrashAt(mode, -1);

    /// <summary>The epochs seen (a resumed run starts past 0).</summary>
    public List<int> Epochs { get; } = [];

    public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns) { }

    public void OnEpoch(EpochRecord record)
    {
        Epochs.Add(record.Epoch);
        if (record.Epoch == epoch) throw new SimulatedCrash();
    }

    public void OnSnapshot(int epoch, NetworkParameters parameters) { }
}

internal sealed class SimulatedCrash() : Exception("simulated crash");
