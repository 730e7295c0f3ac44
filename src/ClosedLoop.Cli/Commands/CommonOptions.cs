using System.CommandLine;

namespace ClosedLoop.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary><c>--allow-large</c>: run a request whose estimate exceeds the machine or the time limit (docs/errors-and-limits.md).</summary>
    public static Option<bool> AllowLarge() => new("--allow-large")
    {
        Description = "run even when the estimated memory, disk or time exceeds what this machine offers (docs/errors-and-limits.md)",
    };
}
