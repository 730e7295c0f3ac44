using System.Diagnostics;
using System.Text.Json;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class DirectoryLockTests
{
    [Fact]
    public void A_second_writer_is_refused_naming_the_holder_until_the_first_releases()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("out");
        using (var first = DirectoryLock.Acquire(dir, "test one"))
        {
            var e = Assert.Throws<DirectoryInUseException>(() => DirectoryLock.Acquire(dir, "test two"));
            Assert.Contains($"{dir} is in use by pid {Environment.ProcessId} on {Environment.MachineName} since ", e.Message);
            Assert.Contains("(test one)", e.Message);
            Assert.IsAssignableFrom<ArgumentException>(e); // bad input: exit code 2
            Assert.Equal(Environment.ProcessId, DirectoryLock.HolderOf(dir)!.Pid);
        }
        Assert.False(File.Exists(Path.Combine(dir, DirectoryLock.FileName)));
        Assert.Null(DirectoryLock.HolderOf(dir));
        using var again = DirectoryLock.Acquire(dir, "test three");
        Assert.Equal("test three", again.Holder.Purpose);
    }

    [Fact]
    public void A_lock_of_a_process_that_died_on_this_host_is_taken_over()
    {
        using var temp = new TempDirectory();
        int dead = FinishedProcessId();
        WriteLock(temp.Path, new LockHolder(dead, Environment.MachineName, 12345, DateTime.UtcNow, "killed"));
        Assert.Null(DirectoryLock.HolderOf(temp.Path));
        using var taken = DirectoryLock.Acquire(temp.Path, "after kill -9");
        Assert.Equal(Environment.ProcessId, DirectoryLock.HolderOf(temp.Path)!.Pid);
        Assert.Single(Directory.GetFiles(temp.Path)); // the stale file was moved away and deleted
    }

    [Fact]
    public void A_live_process_holds_its_lock_and_a_new_process_with_its_pid_does_not()
    {
        using var temp = new TempDirectory();
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            long tick = DirectoryLock.ProcessStartTick(sleeper.Id);
            Assert.True(tick > 0);
            WriteLock(temp.Path, new LockHolder(sleeper.Id, Environment.MachineName, tick, DateTime.UtcNow, "live"));
            Assert.Throws<DirectoryInUseException>(() => DirectoryLock.Acquire(temp.Path, "second"));
            // Same pid, another start tick: the pid was reused by a process that does not hold the lock.
            WriteLock(temp.Path, new LockHolder(sleeper.Id, Environment.MachineName, tick + 1, DateTime.UtcNow, "reused pid"));
            using var taken = DirectoryLock.Acquire(temp.Path, "after reuse");
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void A_lock_of_another_host_is_live_while_refreshed_and_stale_after_the_limit()
    {
        using var temp = new TempDirectory();
        string file = WriteLock(temp.Path, new LockHolder(1, "another-node", 1, DateTime.UtcNow, "remote"));
        var e = Assert.Throws<DirectoryInUseException>(() => DirectoryLock.Acquire(temp.Path, "here"));
        Assert.Contains("pid 1 on another-node", e.Message);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - DirectoryLock.StaleAfter - TimeSpan.FromMinutes(1));
        using var taken = DirectoryLock.Acquire(temp.Path, "here");
        Assert.Equal(Environment.MachineName, DirectoryLock.HolderOf(temp.Path)!.Host);
    }

    [Fact]
    public void An_empty_lock_file_is_a_writer_still_creating_it_then_stale()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(temp.Path, DirectoryLock.FileName);
        File.WriteAllText(file, "");
        Assert.Throws<DirectoryInUseException>(() => DirectoryLock.Acquire(temp.Path, "here"));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - TimeSpan.FromMinutes(5));
        using var taken = DirectoryLock.Acquire(temp.Path, "here");
    }

    [Fact]
    public void Manifests_never_hash_the_lock_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.txt"), "a");
        using var held = DirectoryLock.Acquire(temp.Path, "hash");
        Assert.Equal(["a.txt"], RunManifest.HashFiles(temp.Path).Keys);
    }

    private static string WriteLock(string dir, LockHolder holder)
    {
        string file = Path.Combine(dir, DirectoryLock.FileName);
        File.WriteAllText(file, JsonSerializer.Serialize(holder, JsonFiles.Options));
        return file;
    }

    private static int FinishedProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }
}
