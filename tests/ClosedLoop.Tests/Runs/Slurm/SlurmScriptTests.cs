using System.Diagnostics;
using ClosedLoop.Runs.Slurm;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Runs.Slurm;

public class SlurmScriptTests
{
    public static readonly TheoryData<string> Nasty =
    [
        "plain", "with space", "it's", "\"double\"", "$(touch MARKER)", "`touch MARKER`", "a;touch MARKER", "$HOME", "*", "back\\slash", "line\nbreak", "'", "",
    ];

    [Theory]
    [MemberData(nameof(Nasty))]
    public void A_quoted_word_reaches_the_program_unchanged_and_runs_nothing(string text)
    {
        using var tmp = new TempDirectory();
        string word = text.Replace("MARKER", tmp.File("pwned"));
        Assert.Equal(word, Shell("printf %s " + SlurmScript.Quote(word), tmp.Path, out _));
        Assert.False(File.Exists(tmp.File("pwned")));
    }

    [Fact]
    public void Array_specifications_compress_runs_of_consecutive_tasks()
    {
        Assert.Equal("0-3,5,7-9%4", SlurmScript.ArraySpec([0, 1, 2, 3, 5, 7, 8, 9], "%4"));
        Assert.Equal("6", SlurmScript.ArraySpec([6], ""));
    }

    [Fact]
    public void A_runs_script_passes_only_the_program_the_directory_and_the_task_index()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("it's $(touch pwned) `id` dir");
        var s = new SlurmSettings(["/usr/bin/printf", "%s\\n"], Partition: "debug", Time: "1:00:00");
        string script = SlurmScript.Runs(s, dir, "closedloop-runs", "0-3%2", 1000, "a test array");
        Assert.Contains("#SBATCH --array=0-3%2\n", script);
        Assert.Contains("#SBATCH --partition=debug\n", script);
        Assert.Contains("#SBATCH --time=1:00:00\n", script);
        string path = tmp.File("job.sbatch");
        File.WriteAllText(path, script);
        string printed = Shell(". " + SlurmScript.Quote(path), tmp.Path, out int code, ("SLURM_ARRAY_TASK_ID", "3"));
        Assert.Equal(0, code);
        Assert.Equal(["sweep", "run", dir, "--task", "1003"], printed.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(tmp.File("pwned")));
    }

    [Fact]
    public void Command_lines_for_display_quote_only_what_needs_it()
    {
        Assert.Equal("sbatch --parsable '--output=/a b/%A_%a.out' x.sbatch", SlurmScript.CommandLine(["sbatch", "--parsable", "--output=/a b/%A_%a.out", "x.sbatch"]));
    }

    /// <summary>Runs <paramref name="command"/> with /bin/sh in <paramref name="cwd"/>; returns stdout.</summary>
    internal static string Shell(string command, string cwd, out int exitCode, params (string Name, string Value)[] env)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (n, v) in env) info.Environment[n] = v;
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        exitCode = p.ExitCode;
        return output;
    }
}
