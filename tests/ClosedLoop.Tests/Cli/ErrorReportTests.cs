using ClosedLoop.Cli;
using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli;

public class ErrorReportTests
{
    [Fact]
    public void An_internal_error_is_one_line_naming_a_log_that_holds_the_full_trace()
    {
        using var tmp = new TempDirectory();
        Exception thrown;
        try { throw new InvalidOperationException("the engine broke\nin two lines"); }
        catch (InvalidOperationException e) { thrown = e; }
        var err = new StringWriter();
        int code = ErrorReport.Report(thrown, err, tmp.Path);

        Assert.Equal(ExitCodes.Failure, code);
        string line = err.ToString().TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("error: internal error (InvalidOperationException: the engine broke in two lines); the full trace is in ", line);
        string log = line[(line.LastIndexOf(" is in ", StringComparison.Ordinal) + 7)..];
        Assert.Equal(tmp.Path, Path.GetDirectoryName(log));
        string text = File.ReadAllText(log);
        Assert.Contains("System.InvalidOperationException: the engine broke", text);
        Assert.Contains(nameof(An_internal_error_is_one_line_naming_a_log_that_holds_the_full_trace), text); // the stack trace
    }

    [Fact]
    public void Bad_input_inside_parallel_work_is_still_bad_input()
    {
        var err = new StringWriter();
        var inner = new AggregateException(new InvalidOperationException("a sibling run failed"), new ArgumentException("network.hidden = 0 is not allowed"));
        int code = ErrorReport.Report(new AggregateException("a training run failed", inner), err);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: network.hidden = 0 is not allowed\n", err.ToString().Replace("\r", ""));
    }

    [Fact]
    public void A_directory_in_use_met_by_a_worker_thread_exits_2()
    {
        var holder = new LockHolder(42, "node7", 0, new DateTime(2026, 12, 4, 2, 31, 5, DateTimeKind.Utc), "closedloop train");
        var err = new StringWriter();
        int code = ErrorReport.Report(new AggregateException(new DirectoryInUseException("runs/x", holder)), err);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: runs/x is in use by pid 42 on node7 since 2026-12-04 02:31:05Z", err.ToString());
    }

    [Theory]
    [InlineData(typeof(IOException), "No space left on device", "error: No space left on device")]
    [InlineData(typeof(UnauthorizedAccessException), "Access to the path is denied", "error: Access to the path is denied")]
    public void Io_failures_exit_1_with_their_message(Type type, string message, string expected)
    {
        var err = new StringWriter();
        int code = ErrorReport.Report((Exception)Activator.CreateInstance(type, message)!, err);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(expected + "\n", err.ToString().Replace("\r", ""));
    }

    [Fact]
    public void Argument_errors_lose_the_parameter_suffix_of_dotnet()
    {
        var err = new StringWriter();
        ErrorReport.Report(new ArgumentException("path = '' must be a non-empty file path", "path"), err);
        Assert.Equal("error: path = '' must be a non-empty file path\n", err.ToString().Replace("\r", ""));
    }

    [Fact]
    public void A_corrupt_json_file_is_bad_input_naming_the_file()
    {
        using var tmp = new TempDirectory();
        string path = tmp.File("summary.json");
        File.WriteAllText(path, "{\"final_loss\": ");
        var e = Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonFiles.Read<Dictionary<string, double>>(path));
        var err = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, ErrorReport.Report(e, err));
        Assert.Contains($"'{path}' is not a valid", err.ToString());
        Assert.DoesNotContain("LineNumber", err.ToString());
    }
}
