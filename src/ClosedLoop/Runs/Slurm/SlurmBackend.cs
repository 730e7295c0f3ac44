using System.Globalization;
using System.Text;
using ClosedLoop.Reporting;
using ClosedLoop.Runs.Scheduling;

namespace ClosedLoop.Runs.Slurm;

/// <summary>One job to submit: its script and <c>sbatch</c> arguments, and the jobs it waits for.</summary>
/// <param name="Kind">What it runs.</param>
/// <param name="Offset">Plan index of array task 0.</param>
/// <param name="Indices">Plan indices (empty for the collect job).</param>
/// <param name="ScriptPath">Where the script is written (absolute).</param>
/// <param name="ScriptText">The script.</param>
/// <param name="Arguments"><c>sbatch</c> arguments before the script, without the dependency.</param>
/// <param name="LogPattern">The output pattern relative to the plan's directory.</param>
/// <param name="AfterRequests">Positions of earlier requests of the same submission it waits for (<c>afterany</c>).</param>
/// <param name="AfterJobs">Jobs of earlier submissions it waits for (teachers still queued).</param>
public sealed record SlurmRequest(SlurmJobKind Kind, int Offset, IReadOnlyList<int> Indices, string ScriptPath, string ScriptText,
    IReadOnlyList<string> Arguments, string LogPattern, IReadOnlyList<int> AfterRequests, IReadOnlyList<long> AfterJobs);

/// <summary>
/// Runs of a plan as Slurm job arrays, one run per task (<c>closedloop sweep run PLAN_DIR --task I</c>, which goes
/// through <see cref="RunExecutor"/> like the local queue). Runs without a teacher in the batch form one array;
/// open-loop students whose teacher is in the batch form a second array that starts after the first has ended
/// (<c>--dependency=afterany</c>: a failed teacher fails its students quickly instead of leaving them pending
/// forever). A sweep adds a job that collects the results after both. As an <see cref="IRunBackend"/> (for
/// <c>reproduce --backend slurm</c>) it writes each batch as a plan in <c>&lt;work&gt;/batch-NNNN/</c>, submits it and
/// waits until Slurm has finished every task.
/// </summary>
public sealed class SlurmBackend(SlurmSettings settings, string workDirectory, Action<string>? log = null) : IRunBackend
{
    /// <summary>The submission settings.</summary>
    public SlurmSettings Settings { get; } = settings.Validated();

    /// <summary>Where batches, scripts and logs go (<c>&lt;out&gt;/slurm</c>).</summary>
    public string WorkDirectory { get; } = workDirectory;

    public BatchResult Run(RunPlan plan, IReadOnlyList<int> indices, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (indices.Count == 0) return new BatchResult([]);
        SlurmClient.Require();
        var (batch, held) = ClaimBatchDirectory();
        using (held)
        {
            RunPlanFile.Write(batch, plan);
            var submission = Submit(Prepare(Settings, batch, batch, plan, indices, collect: false, number: 1), batch, batch, 1);
            log?.Invoke($"   slurm: {indices.Count} runs submitted as job {string.Join(", ", submission.JobIds)} ({batch})");
            Wait(submission.JobIds, Settings.PollInterval, cancel);
            return Outcome(plan, indices, submission, batch);
        }
    }

    /// <summary>
    /// The jobs that run <paramref name="indices"/> of the plan in <paramref name="planDirectory"/>, with scripts and
    /// logs in <paramref name="work"/>, and a collect job when <paramref name="collect"/>; scripts are named after
    /// submission <paramref name="number"/>. Students whose teacher is in <paramref name="queuedTeachers"/> (plan index →
    /// job id of an earlier submission still in the queue) also wait for that job. Nothing is written.
    /// </summary>
    public static IReadOnlyList<SlurmRequest> Prepare(SlurmSettings s, string planDirectory, string work, RunPlan plan, IReadOnlyList<int> indices,
        bool collect, int number, IReadOnlyDictionary<int, long>? queuedTeachers = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string planFull = CheckPath(planDirectory), workFull = CheckPath(work);
        var set = indices.ToHashSet();
        var queued = queuedTeachers ?? new Dictionary<int, long>();
        bool Waits(int i) => plan.Runs[i].Teacher is { } t && (set.Contains(t) || queued.ContainsKey(t));
        var requests = new List<SlurmRequest>();
        var first = Arrays(s, planFull, workFull, set.Where(i => !Waits(i)).Order().ToList(), SlurmJobKind.Runs, number, [], []).ToList();
        requests.AddRange(first);
        var teacherJobs = set.Where(Waits).Select(i => plan.Runs[i].Teacher!.Value).Where(t => queued.ContainsKey(t)).Select(t => queued[t]).Distinct().Order().ToList();
        requests.AddRange(Arrays(s, planFull, workFull, set.Where(Waits).Order().ToList(), SlurmJobKind.Students, number,
            Enumerable.Range(0, first.Count).ToList(), teacherJobs));
        if (collect)
        {
            string script = Path.Combine(workFull, $"submit-{number}-collect.sbatch");
            requests.Add(new SlurmRequest(SlurmJobKind.Collect, 0, [], script, SlurmScript.Collect(s, planFull),
                Arguments(s, planFull, Path.Combine(workFull, "logs", "collect-%j.out")), LogPattern(planFull, workFull, "collect-%j.out"),
                Enumerable.Range(0, requests.Count).ToList(), []));
        }
        return requests;
    }

    /// <summary>What <c>--dry-run</c> prints: every sbatch call and its script.</summary>
    public static string Describe(IReadOnlyList<SlurmRequest> requests)
    {
        var sb = new StringBuilder();
        for (int k = 0; k < requests.Count; k++)
        {
            var r = requests[k];
            var deps = r.AfterRequests.Select(i => $"<job {i + 1}>").Concat(r.AfterJobs.Select(j => j.ToString(CultureInfo.InvariantCulture))).ToList();
            var args = deps.Count == 0 ? r.Arguments : [.. r.Arguments, "--dependency=afterany:" + string.Join(':', deps)];
            sb.Append(CultureInfo.InvariantCulture, $"# job {k + 1} ({r.Kind.ToString().ToLowerInvariant()}, {r.Indices.Count} runs): ");
            sb.Append(SlurmScript.CommandLine(["sbatch", "--parsable", .. args, r.ScriptPath])).Append('\n');
            sb.Append(r.ScriptText).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the scripts and submits the jobs in order; on a refusal, cancels what this call submitted.</summary>
    public static SlurmSubmission Submit(IReadOnlyList<SlurmRequest> requests, string planDirectory, string work, int number)
    {
        Directory.CreateDirectory(Path.Combine(work, "logs"));
        var jobs = new List<SlurmJob>();
        try
        {
            foreach (var r in requests)
            {
                AtomicFile.WriteAllText(r.ScriptPath, r.ScriptText);
                var deps = r.AfterRequests.Select(i => jobs[i].Id).Concat(r.AfterJobs).Select(j => j.ToString(CultureInfo.InvariantCulture)).ToList();
                IReadOnlyList<string> args = deps.Count == 0 ? r.Arguments : [.. r.Arguments, "--dependency=afterany:" + string.Join(':', deps)];
                long id = SlurmClient.Submit(args, r.ScriptPath);
                jobs.Add(new SlurmJob(r.Kind, id, r.Offset, r.Indices, RunPlanFile.Relative(planDirectory, r.ScriptPath), r.LogPattern));
            }
        }
        catch
        {
            SlurmClient.Cancel(jobs.Select(j => j.Id));
            throw;
        }
        var submission = new SlurmSubmission(number, DateTime.UtcNow, jobs);
        SlurmSubmissions.Append(work, submission);
        return submission;
    }

    /// <summary>Returns once Slurm holds none of <paramref name="jobs"/>.</summary>
    public static void Wait(IReadOnlyCollection<long> jobs, TimeSpan poll, CancellationToken cancel = default)
    {
        while (SlurmClient.Queue(jobs).Count > 0)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(poll);
        }
    }

    /// <summary>
    /// <paramref name="path"/> as an absolute path a batch script and sbatch can carry: no control characters (a line
    /// break would end a script line) and no '%' (sbatch expands it in file names).
    /// </summary>
    public static string CheckPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (full.Any(c => char.IsControl(c) || c == '%'))
            throw new ArgumentException($"out = '{path.ReplaceLineEndings("\\n")}' cannot be used with --backend slurm: its path holds '%' or a control character");
        return full;
    }

    private static IEnumerable<SlurmRequest> Arrays(SlurmSettings s, string plan, string work, IReadOnlyList<int> indices, SlurmJobKind kind,
        int number, IReadOnlyList<int> after, IReadOnlyList<long> afterJobs)
    {
        string name = kind == SlurmJobKind.Runs ? "runs" : "students";
        var chunks = indices.GroupBy(i => i / SlurmScript.MaxArrayTasks).ToList();
        foreach (var chunk in chunks)
        {
            int offset = chunk.Key * SlurmScript.MaxArrayTasks;
            var tasks = chunk.Select(i => i - offset).ToList();
            string suffix = chunks.Count > 1 ? $"-{chunk.Key + 1}" : "";
            string script = Path.Combine(work, $"submit-{number}-{name}{suffix}.sbatch");
            string what = kind == SlurmJobKind.Runs
                ? $"closedloop: {tasks.Count} training runs of a plan, one per array task"
                : $"closedloop: {tasks.Count} open-loop runs, one per array task, after the arrays of their teachers";
            yield return new SlurmRequest(kind, offset, chunk.ToList(), script,
                SlurmScript.Runs(s, plan, "closedloop-" + name, SlurmScript.ArraySpec(tasks, s.ArrayLimit), offset, what),
                Arguments(s, plan, Path.Combine(work, "logs", "%A_%a.out")), LogPattern(plan, work, "%A_%a.out"), after, afterJobs);
        }
    }

    private static List<string> Arguments(SlurmSettings s, string plan, string output) => ["--chdir=" + plan, "--output=" + output, .. s.Extra ?? []];

    private static string LogPattern(string plan, string work, string file) => RunPlanFile.Relative(plan, Path.Combine(work, "logs", file));

    private static BatchResult Outcome(RunPlan plan, IReadOnlyList<int> indices, SlurmSubmission submission, string batch)
    {
        var results = new List<RunResult>();
        foreach (int i in indices)
        {
            var run = plan.Runs[i];
            if (plan.Store.IsComplete(run.Name) && plan.Store.FailureOf(run.Name) is null)
            {
                results.Add(new RunResult(i, RunAcquisition.Trained));
                continue;
            }
            string log = SlurmSubmissions.LogOf([submission], i) is { } l ? Path.Combine(batch, l) : "no log";
            string why = plan.Store.FailureOf(run.Name)?.Error ?? "the task ended without finishing the run";
            results.Add(new RunResult(i, RunAcquisition.Failed, new RunFailedException($"{why} (Slurm log {log})")));
        }
        return new BatchResult(results);
    }

    /// <summary>A new <c>batch-NNNN</c> folder of the work directory, locked by this process while its jobs run.</summary>
    private (string Directory, DirectoryLock Lock) ClaimBatchDirectory()
    {
        Directory.CreateDirectory(WorkDirectory);
        int n = Directory.EnumerateDirectories(WorkDirectory, "batch-*").Select(d => int.TryParse(Path.GetFileName(d)[6..], out int k) ? k : 0).DefaultIfEmpty(0).Max();
        while (true)
        {
            string dir = Path.Combine(WorkDirectory, $"batch-{++n:D4}");
            if (RunPlanFile.Exists(dir)) continue;
            if (DirectoryLock.TryAcquire(dir, "closedloop reproduce (slurm batch)", out _) is { } held) return (dir, held);
        }
    }
}
