using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace ClosedLoop.Cli;

/// <summary>
/// The command-line parser's errors as one readable line: the option as typed, the value and what is allowed
/// (<c>--seed = 'abc' is not allowed: it must be a whole number</c>) instead of .NET type names such as
/// <c>System.Nullable`1[System.Int64]</c> and lists spread over several lines.
/// </summary>
public static partial class ParseErrorText
{
    /// <summary>All parse errors joined into one line.</summary>
    public static string OneLine(IEnumerable<ParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = errors.Select(Describe).Distinct().ToList();
        // "Required command was not provided" only repeats what an unrecognised word already says.
        if (lines.Count > 1) lines.RemoveAll(l => l.StartsWith("no command given", StringComparison.Ordinal));
        return string.Join("; ", lines);
    }

    /// <summary>One error in the project's words.</summary>
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string m = error.Message;
        if (CannotParse().Match(m) is { Success: true } p)
            return $"{p.Groups["name"].Value} = '{p.Groups["value"].Value}' is not allowed: it must be {Expected(p.Groups["type"].Value)}";
        if (NotRecognized().Match(m) is { Success: true } n)
        {
            var allowed = Quoted().Matches(n.Groups["list"].Value).Select(x => x.Groups[1].Value);
            return $"{NameOf(error.SymbolResult)} = '{n.Groups["value"].Value}' is not allowed: allowed values are {string.Join(", ", allowed)}";
        }
        if (m.StartsWith("Required command was not provided", StringComparison.Ordinal))
            return "no command given: closedloop --help lists the commands";
        return ErrorReport.OneLine(m).TrimEnd('.') + " (closedloop --help shows the usage)";
    }

    /// <summary>What a value of the given .NET type looks like, in words.</summary>
    private static string Expected(string typeName)
    {
        string t = NullableOf().Match(typeName) is { Success: true } n ? n.Groups[1].Value : typeName;
        return t switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" => "a number",
            "System.Boolean" => "true or false",
            _ => "a valid value",
        };
    }

    private static string NameOf(SymbolResult? result) => result switch
    {
        OptionResult o => o.Option.Name,
        ArgumentResult { Parent: OptionResult o } => o.Option.Name,
        ArgumentResult a => a.Argument.Name.ToUpperInvariant(),
        CommandResult c => c.Command.Name,
        _ => "the value",
    };

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<list>[\s\S]*)$")]
    private static partial Regex NotRecognized();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^System\.Nullable`1\[(.*)\]$")]
    private static partial Regex NullableOf();
}
