using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>Whether an existing run in the output directory may be replaced.</summary>
public enum ExistingRun
{
    /// <summary>Refuse (a clear error, nothing written).</summary>
    Refuse,
    /// <summary>Delete the old run directory and write the new one (<c>--force</c>).</summary>
    Replace,
    /// <summary>
    /// Continue an interrupted run from its checkpoint; an interrupted run without one starts again, and so does a
    /// new directory (<c>--resume</c>, reproductions). A finished run is refused.
    /// </summary>
    Resume,
}

/// <summary>Where and how a run is written.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Existing">Whether a run already in the directory may be replaced.</param>
/// <param name="TeacherDirectory">Open loop: a finished closed-loop run to imitate (null: train it into teacher/).</param>
/// <param name="Threads">Threads for the parts of each batch; results do not depend on it.</param>
public sealed record RunOutput(string Directory, ExistingRun Existing = ExistingRun.Refuse, string? TeacherDirectory = null, int Threads = 1)
{
    /// <summary>Whether training stops at the first non-finite loss (<c>--stop-on-divergence</c>).</summary>
    public DivergencePolicy Divergence { get; init; } = DivergencePolicy.Continue;

    /// <summary>When checkpoints are written besides the one at an interruption (<c>--checkpoint-every</c>).</summary>
    public CheckpointSchedule Checkpoints { get; init; } = CheckpointSchedule.Default;

    /// <summary>Whether every epoch's random draws are written to <c>arrays/draws.npz</c> (also the teacher's; <c>--record-draws</c>).</summary>
    public DrawRecording Draws { get; init; } = DrawRecording.Off;
}

/// <summary>What a finished run left behind.</summary>
public sealed record RunOutcome(string Directory, RunSummary Summary, TrainingResult Result)
{
    /// <summary>The closed-loop teacher trained for this open-loop run now, or null.</summary>
    public RunOutcome? Teacher { get; init; }
}

/// <summary>
/// One training run from settings to a complete run directory (architecture: settings in, run directory out):
/// checks the output directory, trains (an open-loop run first trains its closed-loop teacher into
/// <c>teacher/</c> unless a teacher run is given), and writes metrics, arrays, <c>summary.json</c> and, last,
/// <c>manifest.json</c> with a SHA-256 of every file.
/// </summary>
public static class TrainingRun
{
    /// <summary>Trains and writes the run; <paramref name="progress"/> receives every epoch (teacher first).</summary>
    public static RunOutcome Execute(RunSettings settings, RunOutput output, Func<RunSettings, IRunObserver>? progress = null, CancellationToken cancel = default)
    {
        settings.Validated();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, Interruption.Token);
        if (linked.IsCancellationRequested) throw new RunInterruptedException(output.Directory, null, settings.Epochs);
        var start = StartWeights(settings, output.Directory);
        TrainingInputs? given = settings.Mode == LoopMode.Open && output.TeacherDirectory is { } td ? LoadTeacher(td, settings) : null;
        using var held = LockDirectory(output, settings, out var checkpoint);
        TrainingInputs inputs = (given ?? new() { Initial = start }) with { Threads = output.Threads, Divergence = output.Divergence, Checkpoints = output.Checkpoints };
        string? teacherRef = output.TeacherDirectory is { } t ? TeacherReference(output.Directory, t) : null;
        RunOutcome? teacherRun = null;
        if (settings.Mode == LoopMode.Open && given is null)
        {
            string teacherDir = Path.Combine(output.Directory, "teacher");
            var closed = settings.ClosedTwin();
            bool resume = output.Existing == ExistingRun.Resume;
            if (!(resume && RunRecord.IsComplete(teacherDir)))
                teacherRun = Execute(closed, output with { Directory = teacherDir, Existing = resume ? ExistingRun.Resume : ExistingRun.Replace, TeacherDirectory = null }, progress, linked.Token);
            teacherRef = "teacher";
            inputs = LoadTeacher(teacherDir, settings) with { Threads = inputs.Threads, Divergence = inputs.Divergence, Checkpoints = inputs.Checkpoints };
        }
        return Train(settings, inputs, output.Directory, teacherRef, output.Draws, progress, linked.Token, checkpoint) with { Teacher = teacherRun };
    }

    private static RunOutcome Train(RunSettings s, TrainingInputs inputs, string dir, string? teacher, DrawRecording recording,
        Func<RunSettings, IRunObserver>? progress, CancellationToken cancel, RunCheckpoint? checkpoint)
    {
        if (checkpoint is not null && recording == DrawRecording.On)
            throw new ArgumentException($"--record-draws cannot continue the interrupted run in '{dir}': the draws of the epochs before the interruption were not kept; start it again with --force");
        var manifest = RunManifest.Start("closedloop", s, RunManifest.SeedsOf(new RandomStreams(s.Seed, s.EvalSeed)), gitSearchDirectory: AppContext.BaseDirectory);
        using var writer = checkpoint is null ? new RunDirectoryWriter(dir) : RunDirectoryWriter.Resume(dir, checkpoint.Files);
        using var draws = recording == DrawRecording.On ? new DrawFile(writer.ArraysDirectory) : null;
        IRunObserver observer = progress is null ? writer : new CompositeObserver(writer, progress(s));
        var result = Trainer.Run(s, inputs with { Resume = checkpoint?.Training, Draws = draws }, Monitors.For(s), observer, cancel);
        if (result.Cancelled) throw new RunInterruptedException(dir, result.Epochs, s.Epochs);
        writer.DiscardCheckpoint();
        writer.Complete(result.Final);
        draws?.Complete();
        var summary = RunSummary.From(s, result, writer.History, teacher);
        JsonFiles.Write(Path.Combine(dir, RunSummary.FileName), summary);
        manifest.Finish(dir, RunFiles.IsOwnedPath).Write(dir);
        return new RunOutcome(dir, summary, result);
    }

    /// <summary>The teacher's final weights and, as the student's start, the teacher's epoch-0 checkpoint.</summary>
    private static TrainingInputs LoadTeacher(string teacherDir, RunSettings s)
    {
        var arrays = Path.Combine(teacherDir, "arrays");
        if (!File.Exists(Path.Combine(teacherDir, RunManifest.FileName)))
            throw new ArgumentException($"teacher = '{teacherDir}' is not a finished run directory (no {RunManifest.FileName})");
        return new TrainingInputs
        {
            Teacher = ParameterFile.Read(Path.Combine(arrays, ParameterFile.FinalName), s.Network),
            Initial = ParameterFile.Read(Path.Combine(arrays, ParameterFile.NameOf(0)), s.Network),
        };
    }

    /// <summary>The checkpoint named by <see cref="RunSettings.Start"/>, or null.</summary>
    private static NetworkParameters? StartWeights(RunSettings s, string runDirectory)
    {
        if (s.Start is not { } start) return null;
        string source = Path.IsPathRooted(start.Run) ? start.Run : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runDirectory))!, start.Run);
        var file = Path.Combine(source, "arrays", start.Epoch is { } e ? ParameterFile.NameOf(e) : ParameterFile.FinalName);
        if (!File.Exists(file)) throw new ArgumentException($"start.run = '{start.Run}' has no snapshot of epoch {start.Epoch?.ToString() ?? "final"} ({file})");
        return ParameterFile.Read(file, s.Network);
    }

    /// <summary>
    /// Takes the run directory's <see cref="DirectoryLock"/> (another live writer: <see cref="DirectoryInUseException"/>),
    /// then checks and clears it; a refused directory that did not exist before is removed again.
    /// </summary>
    private static DirectoryLock LockDirectory(RunOutput output, RunSettings s, out RunCheckpoint? checkpoint)
    {
        bool existed = Directory.Exists(output.Directory);
        var held = DirectoryLock.Acquire(output.Directory, "closedloop train");
        try
        {
            checkpoint = PrepareDirectory(output, s);
            return held;
        }
        catch
        {
            held.Dispose();
            if (!existed && !Directory.EnumerateFileSystemEntries(output.Directory).Any()) Directory.Delete(output.Directory);
            throw;
        }
    }

    /// <summary>Checks and clears the run directory; returns the checkpoint to continue from, if any (<see cref="ExistingRun.Resume"/>).</summary>
    private static RunCheckpoint? PrepareDirectory(RunOutput output, RunSettings s)
    {
        var dir = output.Directory;
        var entries = Directory.EnumerateFileSystemEntries(dir).Where(e => Path.GetFileName(e) != DirectoryLock.FileName).ToList();
        if (entries.Count == 0) return null;
        bool isRun = File.Exists(Path.Combine(dir, RunManifest.FileName)) || File.Exists(Path.Combine(dir, "metrics.csv"))
            || Directory.Exists(Path.Combine(dir, "arrays")) || InterruptedRun.Is(dir);
        if (!isRun) throw new ArgumentException($"out = '{dir}' is not empty and holds no run: choose an empty or new directory");
        if (output.Existing == ExistingRun.Resume && InterruptedRun.Checkpoint(dir, s) is { } checkpoint) return checkpoint;
        if (output.Existing != ExistingRun.Replace && InterruptedRun.Refusal(dir, output.Existing) is { } refusal) throw new ArgumentException(refusal);
        if (output.Existing == ExistingRun.Refuse)
            throw new ArgumentException($"out = '{dir}' already holds a run: pass --force to replace it, or choose another --out");
        foreach (var e in entries.Where(e => RunFiles.IsOwned(Path.GetFileName(e)) && (output.Existing != ExistingRun.Resume || Path.GetFileName(e) != "teacher")))
        {
            if (Directory.Exists(e)) Directory.Delete(e, recursive: true);
            else File.Delete(e);
        }
        return null;
    }

    /// <summary>The teacher as summary.json names it: relative to the run directory, with '/' (so a moved or copied
    /// tree of runs stays valid and equal runs give equal bytes wherever they are written).</summary>
    private static string TeacherReference(string runDirectory, string teacherDirectory) =>
        Path.GetRelativePath(Path.GetFullPath(runDirectory), Path.GetFullPath(teacherDirectory)).Replace(Path.DirectorySeparatorChar, '/');
}

/// <summary>Forwards every call to several observers in order.</summary>
public sealed class CompositeObserver(params IRunObserver[] observers) : IRunObserver
{
    public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> metricColumns)
    {
        foreach (var o in observers) o.Begin(settings, metricColumns);
    }

    public void OnEpoch(EpochRecord record)
    {
        foreach (var o in observers) o.OnEpoch(record);
    }

    public void OnSnapshot(int epoch, NetworkParameters parameters)
    {
        foreach (var o in observers) o.OnSnapshot(epoch, parameters);
    }

    public void OnCheckpoint(TrainingState state)
    {
        foreach (var o in observers) o.OnCheckpoint(state);
    }
}
