using System.Globalization;

namespace ClosedLoop.Runs.Slurm;

/// <summary>
/// How runs are submitted to Slurm. Every value is checked before anything is written or submitted; none is ever
/// passed through a shell: resource values become <c>#SBATCH</c> lines (which the shell reads as comments) and
/// <see cref="Extra"/> tokens become separate arguments of <c>sbatch</c>.
/// </summary>
/// <param name="Program">How a task starts ClosedLoop: the program and its leading arguments, e.g.
/// <c>["/usr/bin/dotnet", "/opt/closedloop/closedloop.dll"]</c> or <c>["/opt/closedloop/closedloop"]</c>.</param>
/// <param name="Partition"><c>--partition</c>, or null for the cluster's default.</param>
/// <param name="Time"><c>--time</c> per task (e.g. <c>2:00:00</c>), or null.</param>
/// <param name="Memory"><c>--mem</c> per task (e.g. <c>2G</c>), or null for the cluster's default.</param>
/// <param name="Account"><c>--account</c>, or null.</param>
/// <param name="MaxParallel">At most this many tasks of an array at once (<c>--array=…%N</c>), or null for no limit.</param>
/// <param name="CpusPerTask"><c>--cpus-per-task</c>: cores per run (its batch parts use them; results do not depend on it).</param>
/// <param name="Extra">More <c>sbatch</c> arguments, one token each (from <c>--slurm-extra</c>).</param>
public sealed record SlurmSettings(
    IReadOnlyList<string> Program,
    string? Partition = null,
    string? Time = null,
    string? Memory = null,
    string? Account = null,
    int? MaxParallel = null,
    int CpusPerTask = 1,
    IReadOnlyList<string>? Extra = null)
{
    /// <summary>sbatch options that ClosedLoop sets itself and <see cref="Extra"/> may not.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["--array", "-a", "--output", "-o", "--error", "-e", "--dependency", "-d", "--parsable", "--chdir", "-D", "--wrap", "--cpus-per-task", "-c"];

    /// <summary>How often a waiting driver asks Slurm whether its jobs are done.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>These settings, or an <see cref="ArgumentException"/> naming the option, the value and what is allowed.</summary>
    public SlurmSettings Validated()
    {
        if (Program is null || Program.Count == 0 || Program.Any(string.IsNullOrEmpty))
            throw new ArgumentException("slurm program is empty: the command that starts closedloop on a node is needed");
        foreach (var p in Program) RequirePrintable("program", p);
        Word("--slurm-partition", Partition);
        Word("--slurm-time", Time);
        Word("--slurm-mem", Memory);
        Word("--slurm-account", Account);
        if (MaxParallel is { } m && m < 1) throw new ArgumentException($"--slurm-max-parallel = {m} is not allowed: it must be >= 1");
        if (CpusPerTask < 1) throw new ArgumentException($"--slurm-cpus-per-task = {CpusPerTask} is not allowed: it must be >= 1");
        foreach (var token in Extra ?? [])
        {
            RequirePrintable("--slurm-extra", token);
            string option = token.Split('=')[0];
            bool shortWithValue = option.Length > 2 && option[0] == '-' && option[1] != '-';
            if (Reserved.Contains(shortWithValue ? option[..2] : option, StringComparer.Ordinal))
                throw new ArgumentException($"--slurm-extra '{token}' is not allowed: closedloop sets {option} itself (reserved: {string.Join(", ", Reserved)})");
        }
        return this;
    }

    /// <summary>The <c>#SBATCH</c> resource lines of every job (partition, time, memory, account).</summary>
    public IEnumerable<string> ResourceLines()
    {
        if (Partition is not null) yield return $"--partition={Partition}";
        if (Time is not null) yield return $"--time={Time}";
        if (Memory is not null) yield return $"--mem={Memory}";
        if (Account is not null) yield return $"--account={Account}";
    }

    /// <summary>The <c>%N</c> suffix of an array specification, or "".</summary>
    public string ArrayLimit => MaxParallel is { } m ? "%" + m.ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Splits the text of <c>--slurm-extra</c> into tokens: whitespace separates; '…' is literal; "…" is literal but
    /// for \" and \\. Nothing is expanded (no variables, no commands, no globs).
    /// </summary>
    public static IReadOnlyList<string> SplitExtra(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        bool inToken = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inToken) tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
                continue;
            }
            inToken = true;
            if (c is '\'' or '"')
            {
                int end = Closing(text, i, c);
                for (int j = i + 1; j < end; j++)
                {
                    if (c == '"' && text[j] == '\\' && j + 1 < end && text[j + 1] is '"' or '\\') j++;
                    current.Append(text[j]);
                }
                i = end;
            }
            else current.Append(c);
        }
        if (inToken) tokens.Add(current.ToString());
        return tokens;
    }

    private static int Closing(string text, int open, char quote)
    {
        for (int j = open + 1; j < text.Length; j++)
        {
            if (quote == '"' && text[j] == '\\') { j++; continue; }
            if (text[j] == quote) return j;
        }
        throw new ArgumentException($"--slurm-extra '{text}' is not allowed: the {quote} opened at character {open + 1} is never closed");
    }

    private static void Word(string option, string? value)
    {
        if (value is null) return;
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or '\\' or '#'))
            throw new ArgumentException($"{option} '{value}' is not allowed: give one word without spaces, quotes, '#' or control characters");
    }

    private static void RequirePrintable(string option, string value)
    {
        if (value.Any(char.IsControl))
            throw new ArgumentException($"{option} '{value.ReplaceLineEndings("\\n")}' is not allowed: it holds a line break or another control character");
    }
}
