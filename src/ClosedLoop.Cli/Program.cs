using ClosedLoop.Cli;

// A failure on a thread the command does not own still ends as one line (and a log file), never a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    ErrorReport.Report(e.ExceptionObject as Exception ?? new InvalidOperationException($"{e.ExceptionObject}"), Console.Error);
    Environment.Exit(ExitCodes.Failure);
};
return CliApp.Run(args);
