using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClosedLoop.Tests.Cli;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Runs;
using ClosedLoop.Tests.Support;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Tools;

/// <summary>
/// The native program of tools/native/publish.sh (docs/native.md) is the same program as the ordinary build: built once
/// per test run for x86-64-v3 (so its products take the AVX2 path while the tests' own build takes the widest the machine
/// has, which checks the path independence of docs/performance-kernels.md too), it reproduces every experiment at the
/// smoke size into the same files, byte for byte apart from times and the commit, trains the speed workloads to the
/// same losses, prints the same JSON lines, and refuses bad input with one line and exit code 2.
/// </summary>
public class NativeBuildTests(NativeProgram native) : IClassFixture<NativeProgram>
{
    [NativeFact]
    public void The_native_program_reproduces_every_experiment_into_the_same_files()
    {
        using var tmp = new TempDirectory();
        var run = NativeProgram.Run(native.Path, tmp.Path, "reproduce", "all", "--size", "smoke", "--out", tmp.File("native"));
        Assert.True(run.ExitCode == 0, run.Err);
        var inProcess = CliRunner.Run("reproduce", "all", "--size", "smoke", "--out", tmp.File("ordinary"));
        Assert.True(inProcess.ExitCode == 0, inProcess.Err);

        var files = RunComparison.List(tmp.File("ordinary"));
        Assert.Equal(files, RunComparison.List(tmp.File("native")));
        Assert.Contains("runs", files.Select(f => f.Split('/')[0]));
        Assert.Contains(files, f => f.EndsWith(".png", StringComparison.Ordinal));
        foreach (var f in files)
            Assert.True(Comparable(tmp.File("ordinary/" + f)).SequenceEqual(Comparable(tmp.File("native/" + f))), $"{f} differs between the ordinary and the native build");
    }

    [NativeFact]
    public void The_native_program_trains_the_speed_workloads_to_the_same_losses()
    {
        foreach (var (workload, precision) in new[] { ("tanh", Precision.Single), ("tracking", Precision.Double), ("gru", Precision.Single) })
        {
            string name = precision == Precision.Single ? "single" : "double";
            var run = NativeProgram.Run(native.Path, Path.GetTempPath(), "bench", workload, "--epochs", "3", "--threads", "2", "--precision", name);
            Assert.True(run.ExitCode == 0, run.Err);
            using var line = JsonDocument.Parse(run.Out);
            var expected = BenchWorkload.Run(workload, 3, threads: 1, precision: precision);
            Assert.Equal(expected.FirstLoss, line.RootElement.GetProperty("first_loss").GetDouble());
            Assert.Equal(expected.LastLoss, line.RootElement.GetProperty("last_loss").GetDouble());
        }
    }

    [NativeFact]
    public void The_native_program_prints_what_the_ordinary_build_prints()
    {
        // JSON written outside a run directory (the lqr line, a preset's settings), which a smoke reproduction does not write
        foreach (var args in new[] { new[] { "lqr", "--json" }, ["lqr", "--plant", "point_mass", "--json"], ["list", "tanh"] })
        {
            var run = NativeProgram.Run(native.Path, Path.GetTempPath(), args);
            var inProcess = CliRunner.Run(args);
            Assert.True(run.ExitCode == 0 && inProcess.ExitCode == 0, run.Err + inProcess.Err);
            Assert.Equal(inProcess.Out, run.Out);
        }
    }

    [NativeFact]
    public void Bad_input_to_the_native_program_is_one_line_and_exit_code_2_and_nothing_written()
    {
        using var tmp = new TempDirectory();
        var run = NativeProgram.Run(native.Path, tmp.Path, "train", "--preset", "tanh", "--set", "optimizer.learning_rate=-1", "--out", tmp.File("bad"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: optimizer.learning_rate = -1", run.Err);
        Assert.False(Directory.Exists(tmp.File("bad")));
    }

    /// <summary>The bytes of a file without what differs between two runs of any build: the times and commit of a
    /// manifest (the native program lives outside the repository) and the wall times of report.md.</summary>
    private static byte[] Comparable(string path)
    {
        if (path.EndsWith("manifest.json", StringComparison.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            foreach (var key in new[] { "started_utc", "finished_utc", "git_commit" }) node.Remove(key);
            return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        }
        if (path.EndsWith("report.md", StringComparison.Ordinal))
            return System.Text.Encoding.UTF8.GetBytes(Regex.Replace(File.ReadAllText(path), @"Wall time \d+ s\.", "Wall time"));
        return File.ReadAllBytes(path);
    }
}

/// <summary>The native program, built once for the test class by tools/native/publish.sh into a temporary directory.</summary>
public sealed class NativeProgram : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "closedloop-native-" + Guid.NewGuid().ToString("N"));

    public NativeProgram()
    {
        if (!NativeFactAttribute.Runnable) return;
        var script = Repository.PathOf("tools", "native", "publish.sh");
        var built = Run("bash", Repository.Root, TimeSpan.FromMinutes(15), script, System.IO.Path.Combine(_directory, "native"), "--isa", "x86-64-v3");
        if (built.ExitCode != 0) throw new InvalidOperationException($"tools/native/publish.sh failed ({built.ExitCode}):\n{built.Out}\n{built.Err}");
    }

    public string Path => System.IO.Path.Combine(_directory, "native", "closedloop");

    /// <summary>Runs the native program in <paramref name="workingDirectory"/> to its end (at most 5 minutes).</summary>
    internal static CliProcess.Result Run(string program, string workingDirectory, params string[] args) => Run(program, workingDirectory, TimeSpan.FromMinutes(5), args);

    private static CliProcess.Result Run(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        return CliProcess.Finish(p, timeout);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

/// <summary>
/// A test of the native build: it runs in CI and where clang (or root, to install it) and an x64 processor with AVX2 and
/// FMA are at hand; elsewhere it is skipped with a message.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (!Runnable)
            Skip = "the native build needs Linux x64 with AVX2 and FMA and clang (tools/native/publish.sh installs it as root); skipped";
    }

    /// <summary>True in CI, or on Linux x64 with AVX2 and FMA when clang is installed or this process runs as root.</summary>
    public static bool Runnable => NumpyFactAttribute.InCi
        || (OperatingSystem.IsLinux() && System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported
            && (File.Exists("/usr/bin/clang") || Environment.UserName == "root"));
}
