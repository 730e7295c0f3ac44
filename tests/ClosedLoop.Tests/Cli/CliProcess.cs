using System.Diagnostics;

namespace ClosedLoop.Tests.Cli;

/// <summary>Runs the built <c>closedloop</c> program (copied beside the tests) as a separate process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Err);

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "closedloop.dll");

    private static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";

    /// <summary>Starts <c>closedloop ARGS</c> with redirected output.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("closedloop did not start");
    }

    /// <summary>Waits for a started process (at most <paramref name="timeout"/>) and collects its output.</summary>
    public static Result Finish(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"closedloop did not finish within {timeout}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs <c>closedloop ARGS</c> to the end.</summary>
    public static Result Run(params string[] args)
    {
        using var p = Start(args);
        return Finish(p, TimeSpan.FromMinutes(3));
    }

    /// <summary>Waits until <paramref name="path"/> exists (a lock file appearing), at most <paramref name="timeout"/>.</summary>
    public static void WaitFor(string path, Process writer, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (writer.HasExited) throw new InvalidOperationException($"the first writer exited ({writer.ExitCode}) before {path} appeared");
            if (clock.Elapsed > timeout) throw new TimeoutException($"{path} did not appear within {timeout}");
            Thread.Sleep(20);
        }
    }
}
