using System.Globalization;
using System.Reflection;
using ClosedLoop.Reporting;

namespace ClosedLoop.Cli;

/// <summary>
/// Turns any failure of a command into one line on standard error and an exit code (docs/errors-and-limits.md):
/// bad input (<see cref="ArgumentException"/>, also inside an <see cref="AggregateException"/> from parallel work,
/// and a corrupt input file) exits 2 with its message; an I/O failure exits 1 with its message; anything else is an internal error: the full
/// trace goes to a log file and the line names it (exit 1). No stack trace ever reaches the terminal.
/// </summary>
public static class ErrorReport
{
    /// <summary>Writes the one line for <paramref name="error"/> to <paramref name="err"/> and returns the exit code.</summary>
    /// <param name="error">What was thrown.</param>
    /// <param name="err">Standard error.</param>
    /// <param name="logDirectory">Where internal-error logs go (default: the system temp directory).</param>
    public static int Report(Exception error, TextWriter err, string? logDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(err);
        var e = Unwrap(error);
        switch (e)
        {
            case ArgumentException a:
                err.WriteLine($"error: {OneLine(MessageOf(a))}");
                return ExitCodes.BadInput;
            case System.Text.Json.JsonException or InvalidDataException:
                err.WriteLine($"error: a file is not readable: {OneLine(e.Message)}");
                return ExitCodes.BadInput;
            case OperationCanceledException:
                err.WriteLine($"error: {OneLine(e.Message)}");
                return ExitCodes.Failure;
            case IOException or UnauthorizedAccessException:
                err.WriteLine($"error: {OneLine(e.Message)}");
                return ExitCodes.Failure;
            default:
                string? log = WriteLog(error, logDirectory);
                string what = e is OutOfMemoryException ? "out of memory" : $"internal error ({e.GetType().Name}: {OneLine(e.Message)})";
                err.WriteLine(log is null
                    ? $"error: {what}; the trace could not be written to a log file"
                    : $"error: {what}; the full trace is in {log}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The exception that explains a failure: the first bad-input error inside aggregates and invocation wrappers
    /// (so a bad setting met by one of several parallel runs still reads as bad input), else the first inner error.
    /// </summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException agg when agg.InnerExceptions.Count > 0:
                    var all = agg.Flatten().InnerExceptions.Select(Unwrap).ToList();
                    return all.FirstOrDefault(x => x is ArgumentException) ?? all[0];
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    e = inner;
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary><paramref name="text"/> on one line: line breaks and tabs become single spaces.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', parts);
    }

    /// <summary>An argument error's message without .NET's " (Parameter 'x')" suffix.</summary>
    private static string MessageOf(ArgumentException a)
    {
        string m = a.Message;
        string suffix = a.ParamName is { } p ? $" (Parameter '{p}')" : "";
        return suffix.Length > 0 && m.EndsWith(suffix, StringComparison.Ordinal) ? m[..^suffix.Length] : m;
    }

    /// <summary>Writes the full trace to <c>closedloop-error-&lt;time&gt;-&lt;pid&gt;.log</c>; null when that fails too.</summary>
    private static string? WriteLog(Exception e, string? directory)
    {
        try
        {
            string dir = directory ?? Path.GetTempPath();
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            string path = Path.GetFullPath(Path.Combine(dir, $"closedloop-error-{stamp}-{Environment.ProcessId}.log"));
            string text = string.Create(CultureInfo.InvariantCulture,
                $"closedloop {typeof(RunManifest).Assembly.GetName().Version} at {DateTime.UtcNow:O}\ncommand line: {Environment.CommandLine}\n\n{e}\n");
            AtomicFile.WriteAllText(path, text);
            return path;
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
