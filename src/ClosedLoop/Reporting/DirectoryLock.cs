using System.Globalization;
using System.Text.Json;

namespace ClosedLoop.Reporting;

/// <summary>Who holds a <see cref="DirectoryLock"/>: process id, host, the process's start tick, since when, for what.</summary>
/// <param name="Pid">Process id of the holder.</param>
/// <param name="Host">Host name of the holder (<see cref="Environment.MachineName"/>).</param>
/// <param name="ProcessStart">Start time of the holding process in clock ticks since boot (/proc/PID/stat field 22),
/// 0 where unknown; tells a live holder from a new process that reuses its pid.</param>
/// <param name="SinceUtc">When the lock was taken.</param>
/// <param name="Purpose">What holds it, e.g. <c>closedloop train</c>.</param>
public sealed record LockHolder(int Pid, string Host, long ProcessStart, DateTime SinceUtc, string Purpose)
{
    /// <summary>"pid N on HOST since 2026-12-04 02:31:05Z (purpose)".</summary>
    public override string ToString() =>
        $"pid {Pid} on {Host} since {SinceUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({Purpose})";
}

/// <summary>A directory is locked by another live writer: bad input (exit code 2), nothing was written.</summary>
public sealed class DirectoryInUseException(string directory, LockHolder holder)
    : ArgumentException($"{directory} is in use by {holder}: wait for it to finish or choose another directory")
{
    /// <summary>The directory as the caller named it.</summary>
    public string Directory { get; } = directory;

    /// <summary>The live holder of the lock.</summary>
    public LockHolder Holder { get; } = holder;
}

/// <summary>
/// An exclusive lock on an output directory, held by one process at a time, that also works on a filesystem shared by
/// many hosts (NFS): the lock is the file <c>DIR/.closedloop.lock</c>, created with <c>O_CREAT|O_EXCL</c> (atomic on
/// local filesystems and NFSv3+) and holding the holder's pid, host, process start tick, time and purpose. The holder
/// refreshes the file's modification time every <see cref="Heartbeat"/> and deletes it on <see cref="Dispose"/>.
/// A lock left by a process that died (<c>kill -9</c>, a lost node) is stale and is taken over: on the same host when
/// the holder's process is gone (no /proc entry, a zombie, or a new process with the same pid); on another host when
/// the file has not been refreshed for <see cref="StaleAfter"/>. A stale lock is taken over by renaming it away first
/// (rename is atomic), so two processes that both find it stale cannot both win.
/// </summary>
public sealed class DirectoryLock : IDisposable
{
    /// <summary>Name of the lock file inside the locked directory; never an output (manifests do not hash it).</summary>
    public const string FileName = ".closedloop.lock";

    /// <summary>How often a holder refreshes its lock file.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    /// <summary>A lock of another host not refreshed for this long is stale (20 heartbeats: room for clock skew and NFS caching).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>A lock file still empty this long after its creation belongs to a writer that died while creating it.</summary>
    private static readonly TimeSpan CreationGrace = TimeSpan.FromSeconds(60);

    private static readonly HashSet<DirectoryLock> Held = [];
    private static readonly Timer Refresher = new(_ => RefreshAll(), null, Heartbeat, Heartbeat);

    private readonly string _path;
    private bool _released;

    private DirectoryLock(string directory, string path, LockHolder holder)
    {
        Directory = directory;
        _path = path;
        Holder = holder;
    }

    /// <summary>The locked directory as the caller named it.</summary>
    public string Directory { get; }

    /// <summary>This process's entry in the lock file.</summary>
    public LockHolder Holder { get; }

    /// <summary>Locks <paramref name="directory"/> (created if missing), or throws <see cref="DirectoryInUseException"/>
    /// naming the live holder.</summary>
    public static DirectoryLock Acquire(string directory, string purpose) =>
        TryAcquire(directory, purpose, out var holder) ?? throw new DirectoryInUseException(directory, holder!);

    /// <summary>Locks <paramref name="directory"/> (created if missing); null, with the live holder, when another writer holds it.</summary>
    public static DirectoryLock? TryAcquire(string directory, string purpose, out LockHolder? holder)
    {
        System.IO.Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        var me = new LockHolder(Environment.ProcessId, Environment.MachineName, ProcessStartTick(Environment.ProcessId), DateTime.UtcNow, purpose);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (TryCreate(path, me))
            {
                var taken = new DirectoryLock(directory, path, me);
                lock (Held) Held.Add(taken);
                holder = null;
                return taken;
            }
            var state = Inspect(path);
            if (state.Kind == LockState.Live)
            {
                holder = state.Holder;
                return null;
            }
            if (state.Kind == LockState.Stale) TakeOver(path, state);
        }
        holder = Inspect(path).Holder ?? me with { Purpose = "unknown", Pid = 0 };
        return null;
    }

    /// <summary>The live holder of <paramref name="directory"/>'s lock, or null when it is free or its holder is gone.</summary>
    public static LockHolder? HolderOf(string directory)
    {
        var state = Inspect(Path.Combine(directory, FileName));
        return state.Kind == LockState.Live ? state.Holder : null;
    }

    /// <summary>Releases the lock (deletes the lock file if it is still this process's).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        lock (Held) Held.Remove(this);
        try
        {
            if (Read(_path) is { } h && h.Pid == Holder.Pid && h.Host == Holder.Host && h.SinceUtc == Holder.SinceUtc) File.Delete(_path);
        }
        catch (IOException) { /* the directory went away with its lock */ }
        catch (UnauthorizedAccessException) { }
    }

    private static bool TryCreate(string path, LockHolder me)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(me, JsonFiles.Options));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private enum LockState { Free, Live, Stale }

    private readonly record struct Inspection(LockState Kind, LockHolder? Holder, DateTime Modified, string? Content);

    private static Inspection Inspect(string path)
    {
        string content;
        DateTime modified;
        try
        {
            content = File.ReadAllText(path);
            modified = File.GetLastWriteTimeUtc(path);
        }
        catch (FileNotFoundException) { return new(LockState.Free, null, default, null); }
        catch (DirectoryNotFoundException) { return new(LockState.Free, null, default, null); }
        var holder = Parse(content);
        var age = DateTime.UtcNow - modified;
        if (holder is null) return new(age > CreationGrace ? LockState.Stale : LockState.Live, null, modified, content);
        return new(IsAlive(holder, age) ? LockState.Live : LockState.Stale, holder, modified, content);
    }

    private static bool IsAlive(LockHolder h, TimeSpan age)
    {
        if (h.Host != Environment.MachineName) return age < StaleAfter;
        long start = ProcessStartTick(h.Pid);
        if (start < 0) return false;
        return h.ProcessStart == 0 || start == 0 || start == h.ProcessStart;
    }

    /// <summary>Moves a stale lock file away (atomically) and deletes it; puts back a lock that turned live meanwhile.</summary>
    private static void TakeOver(string path, Inspection stale)
    {
        string grave = $"{path}.stale.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try { File.Move(path, grave); }
        catch (FileNotFoundException) { return; }
        catch (IOException) { return; }
        string? moved = null;
        try { moved = File.ReadAllText(grave); }
        catch (IOException) { }
        if (moved != stale.Content)
        {
            try { File.Move(grave, path, overwrite: false); return; }
            catch (IOException) { /* another lock exists now; the moved one was superseded */ }
        }
        try { File.Delete(grave); }
        catch (IOException) { }
    }

    private static LockHolder? Read(string path)
    {
        try { return Parse(File.ReadAllText(path)); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    private static LockHolder? Parse(string content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try { return JsonSerializer.Deserialize<LockHolder>(content, JsonFiles.Options); }
        catch (JsonException) { return null; }
    }

    /// <summary>Start tick of process <paramref name="pid"/> (field 22 of /proc/PID/stat); -1 if there is no such live
    /// process (none, or a zombie); 0 where /proc is not available (other operating systems: liveness by pid only).</summary>
    internal static long ProcessStartTick(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                return p.HasExited ? -1 : 0;
            }
            catch (ArgumentException) { return -1; }
        }
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return -1; }
        catch (UnauthorizedAccessException) { return 0; }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X") return -1;
        return long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out long tick) ? tick : 0;
    }

    private static void RefreshAll()
    {
        DirectoryLock[] held;
        lock (Held) held = [.. Held];
        foreach (var l in held)
        {
            try { File.SetLastWriteTimeUtc(l._path, DateTime.UtcNow); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
