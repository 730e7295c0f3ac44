using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClosedLoop.Bench.Kernels;

/// <summary>
/// Seconds of CPU time consumed by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), falling back to wall
/// time elsewhere. On a shared machine the best of many short thread-CPU-time samples estimates the uncontended
/// speed far better than wall time: time while descheduled is not counted.
/// </summary>
internal static unsafe partial class CpuTimer
{
    private const int ThreadCpuTimeClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* time);

    private static readonly bool UseThreadClock = OperatingSystem.IsLinux() && Probe();

    /// <summary>True when the thread CPU clock is used, false for wall time.</summary>
    public static bool MeasuresThreadCpuTime => UseThreadClock;

    public static double Now()
    {
        if (!UseThreadClock) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        Timespec t;
        ClockGetTime(ThreadCpuTimeClock, &t);
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    /// <summary>Wall time spent calling the code before measuring, so tiered compilation has installed optimised code.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(400);

    /// <summary>Best (smallest) seconds per call of <paramref name="action"/> over <paramref name="samples"/> batches.</summary>
    public static double BestSecondsPerCall(Action action, int callsPerSample, int samples)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < WarmUp) action();
        double best = double.MaxValue;
        for (int s = 0; s < samples; s++)
        {
            double t0 = Now();
            for (int i = 0; i < callsPerSample; i++) action();
            best = Math.Min(best, (Now() - t0) / callsPerSample);
        }

        return best;
    }

    private static bool Probe()
    {
        try
        {
            Timespec t;
            return ClockGetTime(ThreadCpuTimeClock, &t) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
