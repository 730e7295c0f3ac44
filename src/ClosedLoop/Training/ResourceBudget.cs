using System.Globalization;

namespace ClosedLoop.Training;

/// <summary>Whether requests larger than the machine or the sane bounds are refused.</summary>
public enum SizeCheck
{
    /// <summary>Refuse (exit 2 naming the field, the value, the estimate and the limit).</summary>
    Enforce,
    /// <summary>Go ahead anyway (<c>--allow-large</c>): the user really means it.</summary>
    AllowLarge,
}

/// <summary>What the machine offers a run: available memory, free disk at the output, and the longest sane run time.</summary>
/// <param name="AvailableMemoryBytes">Memory available now (Linux: MemAvailable, capped by a container's limit).</param>
/// <param name="FreeDiskBytes">Free space on the filesystem of the output directory (null: not checked).</param>
/// <param name="MaxSeconds">The longest estimated time accepted without <c>--allow-large</c>.</param>
public sealed record MachineLimits(long AvailableMemoryBytes, long? FreeDiskBytes, double MaxSeconds)
{
    /// <summary>One week: a single run estimated to take longer is most likely a typo.</summary>
    public static readonly double DefaultMaxSeconds = TimeSpan.FromDays(7).TotalSeconds;

    /// <summary>The limits of this machine for output under <paramref name="outputDirectory"/> (null: no disk check).</summary>
    public static MachineLimits Current(string? outputDirectory = null) =>
        new(AvailableMemory(), outputDirectory is null ? null : FreeDisk(outputDirectory), DefaultMaxSeconds);

    private static long AvailableMemory()
    {
        long total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb))
                    return Math.Min(total, kb * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return total;
    }

    private static long? FreeDisk(string directory)
    {
        try
        {
            string? dir = Path.GetFullPath(directory);
            while (dir is not null && !Directory.Exists(dir)) dir = Path.GetDirectoryName(dir);
            return dir is null ? null : new DriveInfo(dir).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }
}

/// <summary>
/// Refuses, before any work, a request whose <see cref="ResourceEstimate"/> exceeds the machine: memory beyond what is
/// available, a run directory beyond the free disk, or an estimated time beyond <see cref="MachineLimits.MaxSeconds"/>.
/// The message names the settings that size the largest part, their values, the estimate and the limit.
/// </summary>
public static class ResourceBudget
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="e"/> (for <paramref name="copies"/> runs at
    /// once) does not fit <paramref name="machine"/>, unless <paramref name="check"/> allows large requests.</summary>
    public static void Ensure(ResourceEstimate e, MachineLimits machine, SizeCheck check, int copies = 1, string what = "the run")
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(machine);
        if (check == SizeCheck.AllowLarge) return;
        const string hint = "make it smaller, or pass --allow-large to run it anyway";
        string runs = copies > 1 ? $" ({copies} at once)" : "";
        double memory = (double)e.MemoryBytes * copies;
        if (memory > machine.AvailableMemoryBytes)
            throw new ArgumentException($"{e.Dominant.Fields}: {what}{runs} needs about {ResourceEstimate.Bytes(memory)} of memory "
                + $"(largest part: {e.Dominant.What}, {ResourceEstimate.Bytes(e.Dominant.Bytes)}), but {ResourceEstimate.Bytes(machine.AvailableMemoryBytes)} are available: {hint}");
        if (machine.FreeDiskBytes is { } free && (double)e.DiskBytes * copies > free)
            throw new ArgumentException($"{what}{runs} would write about {ResourceEstimate.Bytes((double)e.DiskBytes * copies)} (snapshots, spectra and metrics), "
                + $"but the output's filesystem has {ResourceEstimate.Bytes(free)} free: {hint}");
        if (e.Seconds > machine.MaxSeconds)
            throw new ArgumentException($"{e.TimeFields}: {what} would take about {ResourceEstimate.Duration(e.Seconds)} "
                + $"(estimated from its size), more than the limit of {ResourceEstimate.Duration(machine.MaxSeconds)}: {hint}");
    }
}
