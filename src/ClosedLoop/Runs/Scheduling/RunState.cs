using System.Globalization;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>Where a planned run stands, as read from its directory (never from a scheduler's memory).</summary>
public enum RunState
{
    /// <summary>Not started: no directory, or an empty one.</summary>
    Missing,
    /// <summary>A live process holds the run directory's lock (training or analysing it).</summary>
    Running,
    /// <summary>Finished: the manifest, written last, exists (and no failure was recorded after it).</summary>
    Done,
    /// <summary>A failure was recorded, or the directory holds a partial run that no live process holds
    /// (interrupted, killed, or its node was lost).</summary>
    Failed,
}

/// <summary>Why a run failed: written to <c>&lt;runs&gt;/.failed/&lt;name&gt;.json</c> by whoever ran it.</summary>
/// <param name="Error">One line: what went wrong.</param>
/// <param name="Host">The machine the run failed on.</param>
/// <param name="FailedUtc">When.</param>
public sealed record RunFailure(string Error, string Host, DateTime FailedUtc)
{
    /// <summary>The failure of an exception caught now on this machine.</summary>
    public static RunFailure Of(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        string line = inner.Message.ReplaceLineEndings(" ");
        string text = inner is ArgumentException or OperationCanceledException or RunFailedException ? line : $"{inner.GetType().Name}: {line}";
        return new RunFailure(text, Environment.MachineName, DateTime.UtcNow);
    }

    /// <summary>"error (on HOST at TIME)".</summary>
    public override string ToString() =>
        $"{Error} (on {Host} at {FailedUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";
}

/// <summary>A run did not finish for a reason outside its settings (its teacher failed, its cluster task ended
/// without it): a failure of the environment, like an I/O error (exit code 1), not bad input.</summary>
public sealed class RunFailedException(string message, Exception? inner = null) : IOException(message, inner);
