using System.Globalization;
using System.Text;

namespace ClosedLoop.Experiments;

/// <summary>
/// The markdown reports of a reproduction: <c>&lt;out&gt;/report.md</c> over several experiments and
/// <c>&lt;out&gt;/&lt;name&gt;/report.md</c> for one. Each opens with the headline counts (<see cref="ClaimTally"/>), then the
/// claims table (category, statement with its note, expected, measured, seeds supporting with n/a apart, pass, and
/// links to the figures and data files the claim rests on), the diverged runs, and every figure with its caption.
/// </summary>
public static class ReproductionReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The report of <paramref name="reports"/>, with links relative to <paramref name="linkBase"/> (a folder under the
    /// output root; "" for the root). With <paramref name="runs"/> it also gives the runs trained and reused and each
    /// experiment's wall time; without, it depends only on the results (an experiment's own report: the same bytes
    /// whether its runs were trained now, reused, or trained on Slurm).
    /// </summary>
    public static string Write(IReadOnlyList<ExperimentReport> reports, ReproduceSettings s, RunCounts? runs, IReadOnlyList<DivergedRun> diverged, string linkBase = "")
    {
        var sb = new StringBuilder();
        var claims = reports.SelectMany(r => r.Output.Claims).ToList();
        var tally = ClaimTally.Of(claims);
        string title = reports.Count == 1 && linkBase != "" ? $"ClosedLoop reproduction: {reports[0].Name}" : "ClosedLoop reproduction report";
        sb.AppendLine(Inv, $"# {title}").AppendLine();
        if (reports.Count == 1 && linkBase != "") sb.AppendLine(Inv, $"{reports[0].Description}.").AppendLine();
        sb.AppendLine(Inv, $"Size: {s.Size.ToString().ToLowerInvariant()}. **{tally.Headline()}.** {tally.Details()}");
        if (runs is not null) sb.AppendLine(Inv, $"Runs trained now: {runs.Trained}; reused from an earlier call: {runs.Reused}.");
        sb.AppendLine();
        sb.AppendLine("## Claims").AppendLine();
        sb.AppendLine("Categories: *exact* (an identity or a reference value, checked to tolerance), *empirical* (measured over seeds, judged in every seed or in at least 80 % of the seeds where the claim applies), *reported* (measured, not asserted). Seeds where a claim does not apply are n/a.").AppendLine();
        sb.AppendLine("| id | category | statement | expected | measured | seeds supporting | pass | rests on |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in claims)
        {
            string note = c.Note is null ? "" : $" — {c.Note}";
            sb.AppendLine(Inv, $"| {c.Id} | {Category(c.Category)} | {Cell(c.Statement)}{Cell(note)} | {Cell(c.Expected)} | {Cell(Measured(c))} | {Seeds(c)} | {Pass(c)} | {Links(c.Evidence, linkBase)} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Diverged runs").AppendLine();
        sb.AppendLine(diverged.Count == 0
            ? "No run's loss became NaN or infinite."
            : "These runs' loss or gradient became NaN or infinite (the updates of those epochs were skipped, docs/engine.md); the claims above are measured on what they recorded.");
        foreach (var d in diverged) sb.AppendLine(Inv, $"- {d}");
        sb.AppendLine();
        foreach (var r in reports)
        {
            sb.AppendLine(Inv, $"## {r.Name}: {r.Description}").AppendLine();
            if (runs is not null) sb.AppendLine(Inv, $"Wall time {r.Elapsed.TotalSeconds:F0} s.").AppendLine();
            foreach (var f in r.Output.Figures)
            {
                string png = Relative(f.Path, linkBase);
                sb.AppendLine(Inv, $"![{Cell(f.Caption)}]({png})").AppendLine().AppendLine(Inv, $"*{f.Caption}* ([data]({Relative(f.DataPath, linkBase)}))").AppendLine();
            }
        }
        return sb.ToString();
    }

    /// <summary>"4/5", with the n/a seeds apart ("3/4, 1 n/a"); the seed count alone for reported claims without verdicts.</summary>
    public static string Seeds(Claim c)
    {
        if (c.Seeds is not { } st) return "";
        if (st.Applicable == 0 && c.Category == ClaimCategory.Reported) return $"{st.Total} seeds";
        string text = string.Create(Inv, $"{st.Supporting}/{st.Applicable}");
        if (st.Applicable < st.Total) text += string.Create(Inv, $", {st.Total - st.Applicable} n/a");
        if (st.CiLow is { } lo) text += string.Create(Inv, $" (95% CI of mean {lo:G3}..{st.CiHigh:G3})");
        return text;
    }

    /// <summary>The measured value, with the quantity it is when the expected text does not begin with it.</summary>
    private static string Measured(Claim c) =>
        c.Quantity is { } q && !c.Expected.StartsWith(q, StringComparison.Ordinal) && c.Measured is not null ? $"{Format(c.Measured)} ({q})" : Format(c.Measured);

    private static string Pass(Claim c) => c.Pass switch
    {
        true => "yes",
        false => "**no**",
        null when c.Category == ClaimCategory.Reported => "reported",
        null => "not judged",
    };

    private static string Category(ClaimCategory c) => c.ToString().ToLowerInvariant();

    private static string Links(IReadOnlyList<string> evidence, string linkBase) =>
        string.Join(", ", evidence.Select(path => $"[{Path.GetFileName(path)}]({Relative(path, linkBase)})"));

    /// <summary>A path relative to the output root, made relative to the folder <paramref name="linkBase"/>.</summary>
    private static string Relative(string path, string linkBase) =>
        linkBase == "" ? path : path.StartsWith(linkBase + "/", StringComparison.Ordinal) ? path[(linkBase.Length + 1)..] : "../" + path;

    private static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G4", Inv),
        IFormattable f => f.ToString(null, Inv),
        _ => v.ToString() ?? "",
    };

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}

/// <summary>Runs trained and reused during a reproduction (or one experiment of it).</summary>
public sealed record RunCounts(int Trained, int Reused);
