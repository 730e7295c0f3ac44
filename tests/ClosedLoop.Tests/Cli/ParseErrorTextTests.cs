using ClosedLoop.Cli;

namespace ClosedLoop.Tests.Cli;

public class ParseErrorTextTests
{
    [Theory]
    [InlineData(new[] { "train", "--seed", "abc" }, "--seed = 'abc' is not allowed: it must be a whole number")]
    [InlineData(new[] { "train", "--epochs", "1e3" }, "--epochs = '1e3' is not allowed: it must be a whole number")]
    [InlineData(new[] { "lqr", "--dt", "fast" }, "--dt = 'fast' is not allowed: it must be a number")]
    [InlineData(new[] { "train", "--mode", "sideways" }, "--mode = 'sideways' is not allowed: allowed values are closed, open")]
    [InlineData(new[] { "bench", "quadratic" }, "WORKLOAD = 'quadratic' is not allowed: allowed values are lowrank, tanh, tracking")]
    [InlineData(new[] { "frob" }, "Unrecognized command or argument 'frob' (closedloop --help shows the usage)")]
    [InlineData(new string[0], "no command given: closedloop --help lists the commands")]
    public void Parser_errors_are_one_readable_line(string[] args, string expected)
    {
        var parsed = CliApp.BuildRoot().Parse(args);
        Assert.NotEmpty(parsed.Errors);
        Assert.Equal(expected, ParseErrorText.OneLine(parsed.Errors));
    }

    [Fact]
    public void Several_errors_share_the_line()
    {
        var parsed = CliApp.BuildRoot().Parse(["bench", "lowrank", "--runs", "abc", "--epochs", "1.5"]);
        string line = ParseErrorText.OneLine(parsed.Errors);
        Assert.Contains("--runs = 'abc'", line);
        Assert.Contains("--epochs = '1.5'", line);
        Assert.DoesNotContain("\n", line);
        Assert.DoesNotContain("System.", line);
    }
}
