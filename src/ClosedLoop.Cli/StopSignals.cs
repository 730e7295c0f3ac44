using System.Runtime.InteropServices;
using ClosedLoop.Runs;

namespace ClosedLoop.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM while training: the first asks every run to finish its epoch, write its checkpoint and
/// stop (<see cref="Interruption"/>); the command then exits with the conventional code 128 + signal number (130,
/// 143). A second signal ends the process at once, as if there were no handler.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    private StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Starts handling SIGINT and SIGTERM until disposed.</summary>
    public static StopSignals Register() => new();

    /// <summary>128 + the number of the signal received (130 for SIGINT, 143 for SIGTERM), or 1 when none was.</summary>
    public int ExitCode => _received == 0 ? ExitCodes.Failure : 128 + _received;

    private void Handle(PosixSignalContext context)
    {
        int number = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        if (Interlocked.CompareExchange(ref _received, number, 0) != 0) return; // a second signal: default handling
        context.Cancel = true;
        Interruption.Request();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }

    /// <summary>True when <paramref name="e"/> is, or wraps, the interruption of a run.</summary>
    public static bool IsInterruption(Exception e) =>
        e is RunInterruptedException || (e is AggregateException a && a.Flatten().InnerExceptions.Any(IsInterruption));
}
