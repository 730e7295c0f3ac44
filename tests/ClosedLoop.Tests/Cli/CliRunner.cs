using ClosedLoop.Cli;

namespace ClosedLoop.Tests.Cli;

/// <summary>Runs the closedloop command in-process and captures its output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>Settings that make any preset tiny (a fraction of a second per run).</summary>
    public static readonly string[] Tiny =
    [
        "--set", "network.hidden=6", "--set", "episode.batch=5", "--set", "evaluation.count=3",
    ];
}
