using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Runs;

/// <summary>
/// A run directory whose run did not finish (no manifest): killed, interrupted by a signal, or still being written
/// by a process that died. What it holds decides what <c>train</c> does with it (see <see cref="ExistingRun"/>).
/// </summary>
internal static class InterruptedRun
{
    /// <summary>True when <paramref name="dir"/> holds an unfinished run (or an open-loop run whose teacher is unfinished).</summary>
    public static bool Is(string dir) =>
        !File.Exists(Path.Combine(dir, RunManifest.FileName))
        && (File.Exists(Path.Combine(dir, CheckpointFile.FileName)) || Directory.Exists(Path.Combine(dir, "arrays"))
            || File.Exists(Path.Combine(dir, "metrics.csv")) || Directory.Exists(Path.Combine(dir, "teacher")));

    /// <summary>The checkpoint to continue from, or null when the run has none; a damaged one or one of other settings throws.</summary>
    public static RunCheckpoint? Checkpoint(string dir, RunSettings s)
    {
        string path = Path.Combine(dir, CheckpointFile.FileName);
        if (!Is(dir) || !File.Exists(path)) return null;
        try
        {
            return CheckpointFile.Read(path, s);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            throw new DamagedCheckpointException(dir, $"{CheckpointFile.FileName}: {e.Message}");
        }
        catch (ArgumentException e) when (e is not DamagedCheckpointException)
        {
            throw new ArgumentException($"out = '{dir}' {e.Message}: repeat the command that started it, or pass --force to start again");
        }
    }

    /// <summary>Why <paramref name="existing"/> cannot go ahead in <paramref name="dir"/>, or null when it can.</summary>
    public static string? Refusal(string dir, ExistingRun existing)
    {
        bool interrupted = Is(dir);
        if (existing == ExistingRun.Resume)
            return interrupted ? null : $"out = '{dir}' holds a finished run: there is nothing to resume (pass --force to train it again)";
        if (!interrupted) return null;
        return $"out = '{dir}' holds an interrupted run {Where(dir)}: pass --resume to continue or --force to start again";
    }

    /// <summary>"at epoch E of N" from the checkpoint (of the teacher while it trains), or why there is none.</summary>
    private static string Where(string dir)
    {
        if (File.Exists(Path.Combine(dir, CheckpointFile.FileName)))
            return CheckpointFile.Peek(Path.Combine(dir, CheckpointFile.FileName)) is { } at ? $"at epoch {at.Epoch} of {at.Epochs}" : "whose checkpoint cannot be read";
        string teacher = Path.Combine(dir, "teacher");
        if (Directory.Exists(Path.Combine(dir, "arrays")) || !Directory.Exists(teacher)) return "with no checkpoint (it will start again from epoch 0)";
        if (File.Exists(Path.Combine(teacher, RunManifest.FileName))) return "at epoch 0 of its open-loop student (the teacher is finished)";
        return $"in its closed-loop teacher, {Where(teacher)}";
    }
}

/// <summary>
/// A run stopped by an interruption (SIGINT, SIGTERM, a cancelled token) between epochs, after writing its
/// checkpoint; <c>train --resume</c> (or running the same reproduction again) continues it.
/// </summary>
public sealed class RunInterruptedException(string directory, int? epoch, int epochs)
    : OperationCanceledException(epoch is { } e
        ? $"interrupted at epoch {e} of {epochs}: checkpoint written to {Path.Combine(directory, CheckpointFile.FileName)}"
        : $"interrupted before training {directory}")
{
    /// <summary>The run directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>Epochs done when the checkpoint was written (null: the run had not started).</summary>
    public int? Epoch { get; } = epoch;
}

/// <summary>
/// The process-wide request to stop training (set by the command line on SIGINT or SIGTERM): every run in
/// progress finishes its epoch, writes its checkpoint and stops with <see cref="RunInterruptedException"/>, and no
/// new run starts. Signals are per process, and so is this request; it is never withdrawn.
/// </summary>
public static class Interruption
{
    private static readonly CancellationTokenSource Source = new();

    /// <summary>Cancelled once a stop has been requested.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>Asks every run of this process to checkpoint and stop.</summary>
    public static void Request() => Source.Cancel();
}
