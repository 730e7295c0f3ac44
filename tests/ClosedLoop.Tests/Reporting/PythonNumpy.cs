using System.Diagnostics;

namespace ClosedLoop.Tests.Reporting;

/// <summary>Runs scripts under <c>/usr/bin/python3</c> when it can import numpy (checked once).</summary>
internal static class PythonNumpy
{
    public const string Interpreter = "/usr/bin/python3";
    private static readonly Lazy<bool> Available = new(() => Run("import numpy", out _) == 0);

    private static readonly Lazy<bool> TorchAvailable = new(() => Run("import numpy, torch", out _) == 0);

    public static bool IsAvailable => Available.Value;

    /// <summary>True when /usr/bin/python3 can import numpy and PyTorch (the parity check, tools/parity).</summary>
    public static bool HasTorch => TorchAvailable.Value;

    /// <summary>Runs <paramref name="script"/> with arguments; returns the exit code and captures stdout+stderr.</summary>
    public static int Run(string script, out string output, params string[] args) => Start(["-c", script, .. args], out output);

    /// <summary>Runs the script file <paramref name="path"/> with arguments; returns the exit code and captures stdout+stderr.</summary>
    public static int RunFile(string path, out string output, params string[] args) => Start([path, .. args], out output);

    private static int Start(string[] args, out string output)
    {
        output = "";
        if (!File.Exists(Interpreter)) return -1;
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output += stderr.Result;
        return process.ExitCode;
    }
}

/// <summary>
/// A fact that needs numpy under /usr/bin/python3. On a developer machine without numpy it is skipped with a message
/// (<c>tools/ci/install-deps.sh</c> installs it); in CI (<c>CI=true</c>, where <c>.ci/run</c> installs numpy) it never
/// skips, so a missing numpy fails the test instead of hiding it.
/// </summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    public NumpyFactAttribute()
    {
        if (!PythonNumpy.IsAvailable && !InCi)
            Skip = "numpy is not importable by /usr/bin/python3 on this machine (tools/ci/install-deps.sh installs it); interop check skipped";
    }

    /// <summary>True when running under CI (<c>CI=true</c>): tests that need a service may not skip there.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
