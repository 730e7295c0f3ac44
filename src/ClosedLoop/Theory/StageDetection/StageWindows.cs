namespace ClosedLoop.Theory;

/// <summary>Shared window search of the stage detectors and the tracking analysis.</summary>
internal static class StageWindows
{
    /// <summary>
    /// The smallest i ≥ <paramref name="start"/> such that <paramref name="holds"/> is true on [i, i + window − 1],
    /// with the window inside [0, count); null if none. Linear time.
    /// </summary>
    internal static int? FirstWindow(int count, int start, int window, Func<int, bool> holds)
    {
        if (window < 1) throw new ArgumentException($"stages.persistence = {window} is not allowed: it must be >= 1");
        if (start < 0) throw new ArgumentException($"stages.start = {start} is not allowed: it must be >= 0");
        int run = 0;
        for (int i = start; i < count; i++)
        {
            run = holds(i) ? run + 1 : 0;
            if (run == window) return i - window + 1;
        }
        return null;
    }
}
