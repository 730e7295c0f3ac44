using System.Diagnostics;
using System.Globalization;
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

/// <summary>What one experiment produced, with its wall time and the runs it trained and reused.</summary>
public sealed record ExperimentReport(string Name, string Description, ExperimentOutput Output, TimeSpan Elapsed)
{
    /// <summary>Runs this experiment trained and reused.</summary>
    public RunCounts Runs { get; init; } = new(0, 0);
}

/// <summary>
/// Runs experiments by name into one output directory. Each experiment writes into <c>&lt;out&gt;/&lt;name&gt;/</c> its
/// figures and tables, <c>claims.json</c>, <c>report.md</c> (its claims with links to the figures and data they rest
/// on, then its figures) and, last, <c>manifest.json</c> (<see cref="ExperimentManifest"/>); a call with several
/// experiments (or <c>all</c>) also writes <c>&lt;out&gt;/claims.json</c> and <c>&lt;out&gt;/report.md</c> over all of
/// them. Runs are cached in <c>&lt;out&gt;/runs</c>, so a second call reuses them. The output directory is locked
/// (<see cref="DirectoryLock"/>) for the whole call, and every experiment runs with the invariant culture, so numbers
/// in captions, notes and names are written the same on every machine.
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
            var report = Invariant(() => RunOne(e, s, cache, log));
            reports.Add(report);
            var tally = ClaimTally.Of(report.Output.Claims);
            log?.Invoke($"   {e.Name}: {tally.Headline()} ({report.Elapsed.TotalSeconds:F0} s; runs trained {report.Runs.Trained}, reused {report.Runs.Reused})");
            foreach (var d in DivergedRuns.In(s.OutputDirectory).Where(d => diverged.Add(d.Name))) log?.Invoke($"   diverged: {d}");
        }
        if (all || experiments.Count > 1)
        {
            JsonFiles.Write(Path.Combine(s.OutputDirectory, "claims.json"), reports.SelectMany(r => r.Output.Claims).ToList());
            var text = Invariant(() => ReproductionReport.Write(reports, s, new RunCounts(cache.Trained, cache.Reused), DivergedRuns.In(s.OutputDirectory)));
            AtomicFile.WriteAllText(Path.Combine(s.OutputDirectory, "report.md"), text);
        }
        return reports;
    }

    /// <summary>The markdown report of <paramref name="reports"/> over the output root (as <c>&lt;out&gt;/report.md</c>).</summary>
    public static string Report(IReadOnlyList<ExperimentReport> reports, ReproduceSettings s, RunCache cache) =>
        Invariant(() => ReproductionReport.Write(reports, s, new RunCounts(cache.Trained, cache.Reused), DivergedRuns.In(s.OutputDirectory)));

    private static ExperimentReport RunOne(IExperiment e, ReproduceSettings s, RunCache cache, Action<string>? log)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var (trained, reused) = (cache.Trained, cache.Reused);
        var ctx = new ExperimentContext(s.OutputDirectory, e.Name, s.Size, s.Seeds, cache, log);
        var output = e.Run(ctx);
        output = output with { Claims = output.Claims.Select(c => c with { Evidence = Resolve(ctx, output.Figures, c) }).ToList() };
        var report = new ExperimentReport(e.Name, e.Description, output, clock.Elapsed) { Runs = new RunCounts(cache.Trained - trained, cache.Reused - reused) };
        JsonFiles.Write(Path.Combine(ctx.Directory, "claims.json"), output.Claims);
        var diverged = DivergedRuns.In(s.OutputDirectory).Where(d => output.Runs.Any(r => r.Run == d.Name)).ToList();
        AtomicFile.WriteAllText(Path.Combine(ctx.Directory, "report.md"), ReproductionReport.Write([report], s, null, diverged, e.Name));
        ExperimentManifest.Write(ctx.Directory, report, s.Size, s.Seeds, started);
        return report;
    }

    /// <summary>
    /// The files a claim rests on, relative to the output root: a panel name gives its PNG and its CSV, a file name the
    /// experiment's table of that name (in the experiment folder or beside the figures). A name that is neither is kept
    /// as given (the smoke tests require every name to resolve).
    /// </summary>
    public static IReadOnlyList<string> Resolve(ExperimentContext ctx, IReadOnlyList<FigureEntry> figures, Claim c) =>
        c.Evidence.SelectMany(name =>
        {
            if (figures.FirstOrDefault(f => f.Panel == name) is { } f) return new[] { f.Path, f.DataPath };
            foreach (var dir in new[] { ctx.Directory, ctx.FiguresDirectory })
                if (File.Exists(Path.Combine(dir, name))) return [ctx.RelativeToRoot(Path.Combine(dir, name))];
            return [name];
        }).Distinct().ToList();

    /// <summary>Runs <paramref name="body"/> with the invariant culture on the calling thread (restores the previous one).</summary>
    public static T Invariant<T>(Func<T> body)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { return body(); }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
