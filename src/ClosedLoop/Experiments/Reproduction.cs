using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>Settings of a <c>closedloop reproduce</c> call.</summary>
/// <param name="OutputDirectory">Where everything goes (runs in <c>runs/</c>).</param>
/// <param name="Size">Quick, full or smoke.</param>
/// <param name="Seeds">The user's seed count, or null for each experiment's default.</param>
/// <param name="Jobs">Runs trained at once on this machine (local backend).</param>
/// <param name="Slurm">Train the runs as Slurm job arrays with these settings instead (null: on this machine); figures,
/// claims and the report are still made here.</param>
public sealed record ReproduceSettings(string OutputDirectory, ExperimentSize Size = ExperimentSize.Quick, int? Seeds = null, int Jobs = 2,
    Runs.Slurm.SlurmSettings? Slurm = null);

/// <summary>What one experiment produced, with its wall time.</summary>
public sealed record ExperimentReport(string Name, string Description, ExperimentOutput Output, TimeSpan Elapsed);

/// <summary>
/// Runs experiments by name into one output directory: each writes <c>&lt;out&gt;/&lt;name&gt;/claims.json</c> and its
/// figures; <c>all</c> also writes <c>&lt;out&gt;/claims.json</c> and <c>&lt;out&gt;/report.md</c> (the claims table first,
/// then every figure with its caption). Runs are cached in <c>&lt;out&gt;/runs</c>, so a second call reuses them. The
/// output directory is locked (<see cref="DirectoryLock"/>) for the whole call: a second reproduction into it is refused.
/// </summary>
public static class Reproduction
{
    public static IReadOnlyList<ExperimentReport> Run(IReadOnlyList<string> names, ReproduceSettings s, Action<string>? log = null, Func<RunSettings, IRunObserver>? progress = null)
    {
        if (s.Seeds is { } k) SizeLimits.Count("--seeds", k, 1, SizeLimits.MaxSeeds);
        SizeLimits.Count("--jobs", s.Jobs, 1, SizeLimits.MaxThreads);
        bool all = names.Count == 1 && names[0].Trim().ToLowerInvariant() == "all";
        var experiments = all ? ExperimentRegistry.All : names.Select(ExperimentRegistry.Get).ToList();
        using var held = DirectoryLock.Acquire(s.OutputDirectory, "closedloop reproduce");
        var cache = s.Slurm is { } slurm
            ? new RunCache(s.OutputDirectory, new Runs.Slurm.SlurmBackend(slurm, Path.Combine(s.OutputDirectory, "slurm"), log))
            : new RunCache(s.OutputDirectory, s.Jobs, progress);
        var reports = new List<ExperimentReport>();
        var diverged = DivergedRuns.In(s.OutputDirectory).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var e in experiments)
        {
            log?.Invoke($"== {e.Name}: {e.Description}");
            var clock = Stopwatch.StartNew();
            var ctx = new ExperimentContext(s.OutputDirectory, e.Name, s.Size, s.Seeds, cache, log);
            var output = e.Run(ctx);
            JsonFiles.Write(Path.Combine(ctx.Directory, "claims.json"), output.Claims);
            reports.Add(new ExperimentReport(e.Name, e.Description, output, clock.Elapsed));
            log?.Invoke($"   {e.Name}: {output.Claims.Count(c => c.Pass == true)} of {output.Claims.Count(c => c.Pass is not null)} claims hold ({clock.Elapsed.TotalSeconds:F0} s)");
            foreach (var d in DivergedRuns.In(s.OutputDirectory).Where(d => diverged.Add(d.Name))) log?.Invoke($"   diverged: {d}");
        }
        if (all || experiments.Count > 1)
        {
            JsonFiles.Write(Path.Combine(s.OutputDirectory, "claims.json"), reports.SelectMany(r => r.Output.Claims).ToList());
            AtomicFile.WriteAllText(Path.Combine(s.OutputDirectory, "report.md"), Report(reports, s, cache));
        }
        return reports;
    }

    /// <summary>The markdown report: claims table first, then each figure with its caption.</summary>
    public static string Report(IReadOnlyList<ExperimentReport> reports, ReproduceSettings s, RunCache cache)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var claims = reports.SelectMany(r => r.Output.Claims).ToList();
        sb.AppendLine("# ClosedLoop reproduction report").AppendLine();
        sb.AppendLine(inv, $"Size: {s.Size.ToString().ToLowerInvariant()}; claims that hold: {claims.Count(c => c.Pass == true)} of {claims.Count(c => c.Pass is not null)} judged ({claims.Count(c => c.Pass is null)} reported only).");
        sb.AppendLine(inv, $"Runs trained now: {cache.Trained}; reused from an earlier call: {cache.Reused}.").AppendLine();
        sb.AppendLine("## Claims").AppendLine();
        sb.AppendLine("| id | statement | expected | measured | seeds supporting | pass |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in claims)
        {
            string seeds = c.Seeds is { } st ? $"{st.Supporting}/{st.Total}" + (st.CiLow is { } lo ? string.Create(inv, $" (95% CI of mean {lo:G3}..{st.CiHigh:G3})") : "") : "";
            string pass = c.Pass switch { true => "yes", false => "**no**", null => "reported" };
            string note = c.Note is null ? "" : $" — {c.Note}";
            sb.AppendLine(inv, $"| {c.Id} | {Cell(c.Statement)}{Cell(note)} | {Cell(c.Expected)} | {Cell(Format(c.Measured))} | {seeds} | {pass} |");
        }
        sb.AppendLine();
        var diverged = DivergedRuns.In(s.OutputDirectory);
        sb.AppendLine("## Diverged runs").AppendLine();
        sb.AppendLine(diverged.Count == 0
            ? "No run's loss became NaN or infinite."
            : "These runs' loss or gradient became NaN or infinite (the updates of those epochs were skipped, docs/engine.md); the claims above are measured on what they recorded.");
        foreach (var d in diverged) sb.AppendLine(inv, $"- {d}");
        sb.AppendLine();
        foreach (var r in reports)
        {
            sb.AppendLine(inv, $"## {r.Name}: {r.Description}").AppendLine();
            sb.AppendLine(inv, $"Wall time {r.Elapsed.TotalSeconds:F0} s.").AppendLine();
            foreach (var f in r.Output.Figures)
                sb.AppendLine(inv, $"![{Cell(f.Caption)}]({f.Path})").AppendLine().AppendLine(inv, $"*{f.Caption}*").AppendLine();
        }
        return sb.ToString();
    }

    private static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
