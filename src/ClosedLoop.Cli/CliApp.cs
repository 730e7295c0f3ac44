using System.CommandLine;
using ClosedLoop.Cli.Commands;

namespace ClosedLoop.Cli;

/// <summary>Exit codes of the <c>closedloop</c> command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A run failed for a reason other than its input (I/O, an internal error).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: unknown preset or key, value out of range, malformed config, occupied output directory.</summary>
    public const int BadInput = 2;
}

/// <summary>The <c>closedloop</c> command line: parses, dispatches to the commands, maps errors to exit codes.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ClosedLoop: train recurrent networks in closed and open loop, analyse their learning, reproduce the paper.");
        root.Add(TrainCommand.Create());
        root.Add(ListCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(ReproduceCommand.Create());
        root.Add(AnalyzeCommand.Create());
        root.Add(LqrCommand.Create());
        root.Add(SweepCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs the command line; returns the exit code. Every failure is one line on standard error
    /// (<see cref="ErrorReport"/>, <see cref="ParseErrorText"/>).
    /// </summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var err = stderr ?? Console.Error;
        var root = BuildRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            err.WriteLine($"error: {ParseErrorText.OneLine(parsed.Errors)}");
            return ExitCodes.BadInput;
        }
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (stdout is not null) config.Output = stdout;
        if (stderr is not null) config.Error = stderr;
        try
        {
            return parsed.Invoke(config);
        }
        catch (Exception e)
        {
            return ErrorReport.Report(e, err);
        }
    }
}
