using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Support;

namespace ClosedLoop.Tests.Cli;

/// <summary>
/// The .NET tool package as a user meets it: <c>dotnet pack</c> of src/ClosedLoop.Cli (from the build this test run
/// already made), <c>dotnet tool install</c> into an empty tool path from that package alone (a NuGet config with no
/// other source), then the installed <c>closedloop</c> runs <c>--version</c>, <c>list</c> and a 5-epoch <c>train</c>.
/// </summary>
public class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void The_packed_tool_installs_into_an_empty_tool_path_and_trains_as_the_library_does()
    {
        using var tmp = new TempDirectory();
        string root = Repository.Root;
        string version = VersionOfProps(root);
        string feed = tmp.File("feed"), tools = tmp.File("tools"), config = tmp.File("nuget.config");

        Dotnet(tmp.Path, "pack", Path.Combine(root, "src", "ClosedLoop.Cli", "ClosedLoop.Cli.csproj"),
            "-c", Configuration, "--no-build", "-nr:false", "-o", feed);
        Assert.True(File.Exists(Path.Combine(feed, $"closedloop.{version}.nupkg")), "package file closedloop.<Version of Directory.Build.props>.nupkg");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="artifacts" value="{feed}" /></packageSources></configuration>
            """);
        Dotnet(tmp.Path, "tool", "install", "closedloop", "--tool-path", tools, "--configfile", config, "--version", version);

        string closedloop = Path.Combine(tools, "closedloop");
        string shown = Run(closedloop, tmp.Path, "--version").Trim();
        Assert.Matches("^" + Regex.Escape(version) + @"(\+[0-9a-f]+)?$", shown);
        Assert.Contains("lr-published (alias: lowrank)", Run(closedloop, tmp.Path, "list"));

        string[] train = ["train", "--preset", "lowrank", "--epochs", "5", "--seed", "4", "--out"];
        Run(closedloop, tmp.Path, [.. train, tmp.File("installed")]);
        var inProcess = CliRunner.Run([.. train, tmp.File("in-process")]);
        Assert.True(inProcess.ExitCode == 0, inProcess.Err);

        using var manifest = JsonDocument.Parse(File.ReadAllText(tmp.File("installed/manifest.json")));
        Assert.Equal(shown, manifest.RootElement.GetProperty("tool_version").GetString());
        string metrics = File.ReadAllText(tmp.File("installed/metrics.csv"));
        Assert.Equal(6, metrics.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 5 epochs
        Assert.Equal(File.ReadAllText(tmp.File("in-process/metrics.csv")), metrics);
        Assert.Equal(File.ReadAllText(tmp.File("in-process/summary.json")), File.ReadAllText(tmp.File("installed/summary.json")));
    }

    /// <summary>The &lt;Version&gt; of Directory.Build.props: the one place the version is set.</summary>
    private static string VersionOfProps(string root)
    {
        var m = Regex.Match(File.ReadAllText(Path.Combine(root, "Directory.Build.props")), "<Version>([^<]+)</Version>");
        Assert.True(m.Success, "Directory.Build.props sets <Version>");
        return m.Groups[1].Value;
    }

    /// <summary>The .NET installation running this test: three levels above its runtime directory (Microsoft.NETCore.App/VERSION).</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static void Dotnet(string workingDirectory, params string[] args) =>
        Run(Path.Combine(DotnetRoot(), "dotnet"), workingDirectory, args);

    /// <summary>Runs a program to completion (at most 5 minutes) and returns its standard output; fails on a non-zero exit.</summary>
    private static string Run(string program, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_ROOT"] = DotnetRoot();
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', args)} did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', args)} exited with {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
