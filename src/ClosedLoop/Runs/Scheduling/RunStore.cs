using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>How a run of a plan was obtained.</summary>
public enum RunAcquisition
{
    /// <summary>Trained now.</summary>
    Trained,
    /// <summary>Found finished (earlier, or by another driver that held it while this one waited).</summary>
    Reused,
    /// <summary>Failed; the failure is recorded in the store.</summary>
    Failed,
}

/// <summary>
/// A folder of run directories named by their settings (<see cref="RunNaming"/>), shared by every driver that
/// points at it: the <c>runs/</c> of a reproduction or a sweep. A run is trained by exactly one process at a time
/// (its directory's <see cref="DirectoryLock"/>): a driver that finds a run locked by another waits for it and reuses
/// it when it finished. Failures are recorded beside the runs in <c>.failed/&lt;name&gt;.json</c>, so a run directory
/// only ever holds what <see cref="TrainingRun"/> and the analysis write.
/// </summary>
public sealed class RunStore
{
    /// <summary>The folder (inside the store) of failure records.</summary>
    public const string FailuresFolder = ".failed";

    /// <summary>How long a waiting driver sleeps between looks at a locked run directory.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public RunStore(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException($"runs directory = '{root}' must be a non-empty path");
        Root = root;
    }

    /// <summary>The folder holding the run directories.</summary>
    public string Root { get; }

    /// <summary>The directory of the run called <paramref name="name"/>.</summary>
    public string DirectoryOf(string name) => Path.Combine(Root, name);

    /// <summary>The directory of the run with settings <paramref name="s"/> (whether or not it exists yet).</summary>
    public string DirectoryOf(RunSettings s) => DirectoryOf(RunNaming.NameOf(s));

    /// <summary>True when the run called <paramref name="name"/> is finished.</summary>
    public bool IsComplete(string name) => RunRecord.IsComplete(DirectoryOf(name));

    /// <summary>The state of the run called <paramref name="name"/>, read from the filesystem.</summary>
    public RunState StateOf(string name)
    {
        string dir = DirectoryOf(name);
        if (DirectoryLock.HolderOf(dir) is not null) return RunState.Running;
        if (FailureOf(name) is not null) return RunState.Failed;
        if (RunRecord.IsComplete(dir)) return RunState.Done;
        return HoldsAnything(dir) ? RunState.Failed : RunState.Missing;
    }

    /// <summary>The recorded failure of the run called <paramref name="name"/>, or null.</summary>
    public RunFailure? FailureOf(string name)
    {
        string path = FailurePath(name);
        if (!File.Exists(path)) return null;
        try { return JsonFiles.Read<RunFailure>(path); }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return new RunFailure($"unreadable failure record {path}", "", DateTime.MinValue);
        }
    }

    /// <summary>Records why the run called <paramref name="name"/> failed.</summary>
    public void RecordFailure(string name, RunFailure failure)
    {
        Directory.CreateDirectory(Path.Combine(Root, FailuresFolder));
        JsonFiles.Write(FailurePath(name), failure);
    }

    /// <summary>Forgets a recorded failure (before the run is tried again).</summary>
    public void ClearFailure(string name)
    {
        try { File.Delete(FailurePath(name)); }
        catch (DirectoryNotFoundException) { }
    }

    /// <summary>
    /// The single place where a cached run is trained: waits while another process holds the run directory, reuses
    /// the run when it is finished, and otherwise trains it with <see cref="TrainingRun.Execute"/>
    /// (<see cref="ExistingRun.Resume"/>: an interrupted attempt continues from its checkpoint, or starts again without
    /// one). Open-loop runs imitate the finished run <paramref name="teacherName"/>.
    /// </summary>
    public RunAcquisition Train(string name, RunSettings settings, string? teacherName, int threads,
        Func<RunSettings, IRunObserver>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string dir = DirectoryOf(name);
        string? teacher = teacherName is null ? null : DirectoryOf(teacherName);
        while (true)
        {
            WaitWhileHeld(dir, cancel);
            if (RunRecord.IsComplete(dir)) return RunAcquisition.Reused;
            try
            {
                TrainingRun.Execute(settings, new RunOutput(dir, ExistingRun.Resume, teacher, threads), progress, cancel);
                return RunAcquisition.Trained;
            }
            catch (DirectoryInUseException)
            {
                // another driver locked it between our look and our attempt: wait for it, then look again
            }
            catch (ArgumentException) when (RunRecord.IsComplete(dir))
            {
                return RunAcquisition.Reused; // another driver finished it between our look and our lock
            }
        }
    }

    /// <summary>Returns once no live process holds <paramref name="directory"/>'s lock.</summary>
    public static void WaitWhileHeld(string directory, CancellationToken cancel = default)
    {
        while (DirectoryLock.HolderOf(directory) is not null)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Takes <paramref name="directory"/>'s lock, waiting while another live process holds it.</summary>
    public static DirectoryLock AcquireWaiting(string directory, string purpose, CancellationToken cancel = default)
    {
        while (true)
        {
            if (DirectoryLock.TryAcquire(directory, purpose, out _) is { } held) return held;
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(PollInterval);
        }
    }

    private string FailurePath(string name) => Path.Combine(Root, FailuresFolder, name + ".json");

    private static bool HoldsAnything(string dir) =>
        Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any(e => Path.GetFileName(e) != DirectoryLock.FileName);
}
