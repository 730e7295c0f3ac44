using ClosedLoop.Cli;

return CliApp.Run(args);
