using ClosedLoop.Reporting;
using ClosedLoop.Tests.Analysis;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Cli;

/// <summary>
/// Every hostile input of issue 10 (and its neighbours), one row each: the exit code, one line on standard error that
/// names the field or option as the user typed it, no stack trace, no .NET type name, nothing on standard output, and
/// nothing written anywhere (the whole working tree is byte-identical before and after). Concurrent writers with two
/// real processes are in <see cref="ConcurrentWritersTests"/>.
/// </summary>
public class HostileInputTests
{
    /// <summary>A case: how to prepare the working directory, the arguments, the exit code and what the line must say.</summary>
    private sealed record Case(Func<string, string[]> Args, int Exit, string Expected, Action<string>? Setup = null);

    private static string[] Train(string tmp, params string[] extra) =>
        ["train", "--preset", "lowrank", "--epochs", "3", "--out", Path.Combine(tmp, "run"), .. CliRunner.Tiny, .. extra];

    private static string[] Set(string tmp, string assignment) => Train(tmp, "--set", assignment);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // 2. sizes without limits
        ["tanh hidden 100000"] = new(t => ["train", "--preset", "tanh", "--epochs", "5", "--out", Path.Combine(t, "run"), "--set", "network.hidden=100000"], 2, "network.hidden = 100000 is not allowed: it must be <= 40000"),
        ["lowrank hidden 100000"] = new(t => ["train", "--preset", "lowrank", "--epochs", "5", "--out", Path.Combine(t, "run"), "--set", "network.hidden=100000"], 2, "network.hidden = 100000"),
        ["hidden beyond memory"] = new(t => ["train", "--preset", "tanh", "--epochs", "5", "--out", Path.Combine(t, "run"), "--set", "network.hidden=40000"], 2, "network.hidden = 40000: the run needs about"),
        ["epochs beyond memory"] = new(t => ["train", "--preset", "tanh", "--epochs", "100000000", "--out", Path.Combine(t, "run")], 2, "epochs = 100000000: the run needs about"),
        ["epochs beyond bound"] = new(t => ["train", "--preset", "lowrank", "--epochs", "2000000000", "--out", Path.Combine(t, "run")], 2, "epochs = 2000000000 is not allowed: it must be <= 100000000"),
        ["steps beyond bound"] = new(t => Set(t, "episode.steps=2000000000"), 2, "episode.steps = 2000000000 is not allowed"),
        ["batch beyond bound"] = new(t => Set(t, "episode.batch=2000000000"), 2, "episode.batch = 2000000000 is not allowed"),
        ["buffer beyond one array"] = new(t => Train(t, "--set", "episode.steps=1000000", "--set", "episode.batch=100000"), 2, "episode.steps × episode.batch × network.hidden"),
        ["evaluation count beyond bound"] = new(t => Set(t, "evaluation.count=2000000000"), 2, "evaluation.count = 2000000000"),
        ["plant order beyond bound"] = new(t => ["train", "--preset", "tanh", "--out", Path.Combine(t, "run"), "--set", "plant.kind=integrator_chain", "--set", "plant.order=100000"], 2, "plant.order = 100000"),
        ["lqr order 100000"] = new(_ => ["lqr", "--plant", "integrator_chain", "--order", "100000"], 2, "--order = 100000 is not allowed: it must be <= 64"),
        ["reproduce seeds 1000000"] = new(t => ["reproduce", "fig3", "--seeds", "1000000", "--out", Path.Combine(t, "rep")], 2, "--seeds = 1000000 is not allowed"),
        ["reproduce jobs 100000"] = new(t => ["reproduce", "fig3", "--jobs", "100000", "--out", Path.Combine(t, "rep")], 2, "--jobs = 100000 is not allowed"),
        ["bench runs 100000"] = new(_ => ["bench", "lowrank", "--runs", "100000"], 2, "--runs = 100000 is not allowed: it must be <= 256"),
        ["bench threads 0"] = new(_ => ["bench", "lowrank", "--threads", "0"], 2, "--threads = 0 is not allowed"),
        ["train threads 100000"] = new(t => Train(t, "--threads", "100000"), 2, "--threads = 100000 is not allowed"),
        // 3. one line; bad paths are bad input
        ["out is a file"] = new(t => ["train", "--preset", "lowrank", "--out", Path.Combine(t, "notes.txt")], 2, "--out = '", t => File.WriteAllText(Path.Combine(t, "notes.txt"), "mine")),
        ["out unwritable"] = new(_ => ["train", "--preset", "lowrank", "--epochs", "3", "--out", "/proc/x"], 2, "--out = '/proc/x' cannot be created: '/proc' is not writable"),
        ["out under a file"] = new(t => ["train", "--preset", "lowrank", "--out", Path.Combine(t, "notes.txt", "sub")], 2, "which is a file, not a directory", t => File.WriteAllText(Path.Combine(t, "notes.txt"), "mine")),
        ["out empty"] = new(_ => ["train", "--preset", "lowrank", "--out", ""], 2, "--out is empty"),
        ["reproduce out is a file"] = new(t => ["reproduce", "fig3", "--out", Path.Combine(t, "notes.txt")], 2, "--out = '", t => File.WriteAllText(Path.Combine(t, "notes.txt"), "mine")),
        ["config is a directory"] = new(t => ["train", "--config", t, "--out", Path.Combine(t, "run")], 2, "--config = '"),
        ["config missing"] = new(t => ["train", "--config", Path.Combine(t, "none.json"), "--out", Path.Combine(t, "run")], 2, "does not exist"),
        ["analyze a file"] = new(t => ["analyze", Path.Combine(t, "notes.txt")], 2, "RUN_DIR = '", t => File.WriteAllText(Path.Combine(t, "notes.txt"), "mine")),
        ["analyze a missing directory"] = new(t => ["analyze", Path.Combine(t, "none")], 2, "RUN_DIR = '"),
        ["analyze a directory that is no run"] = new(t => ["analyze", t], 2, "is not a finished run directory"),
        ["learning rate NaN"] = new(t => Set(t, "optimizer.learning_rate=NaN"), 2, "optimizer.learning_rate = NaN is not allowed"),
        ["learning rate 0"] = new(t => Set(t, "optimizer.learning_rate=0"), 2, "optimizer.learning_rate = 0 is not allowed"),
        ["clip norm 0"] = new(t => Set(t, "optimizer.clip_norm=0"), 2, "optimizer.clip_norm = 0 is not allowed"),
        ["clip norm word"] = new(t => Set(t, "optimizer.clip_norm=never"), 2, "optimizer.clip_norm = 'never' is not allowed: it must be a number, or none"),
        ["epsilon 0"] = new(t => Set(t, "optimizer.epsilon=0"), 2, "optimizer.epsilon = 0 is not allowed"),
        ["bulk gain NaN"] = new(t => Set(t, "network.bulk_gain=NaN"), 2, "network.bulk_gain = NaN is not allowed"),
        ["half width 0"] = new(t => Set(t, "episode.initial_states.half_width=0"), 2, "episode.initial_states.half_width = 0 is not allowed"),
        ["evaluation half width 0"] = new(t => Set(t, "evaluation.initial_states.half_width=0"), 2, "evaluation.initial_states.half_width = 0 is not allowed"),
        ["enum unknown"] = new(t => Set(t, "optimizer.kind=rmsprop"), 2, "optimizer.kind = 'rmsprop' is not allowed: it must be one of sgd, adam"),
        ["enum as a number"] = new(t => Set(t, "optimizer.kind=5"), 2, "optimizer.kind = 5 is not allowed: it must be one of sgd, adam"),
        ["flags unknown"] = new(t => Set(t, "network.trainable=weights"), 2, "network.trainable = 'weights' is not allowed: it must be one or more of none, input_weights"),
        ["whole number expected"] = new(t => Set(t, "network.hidden=1.5"), 2, "network.hidden = 1.5 is not allowed: it must be a whole number"),
        ["list expected"] = new(t => Set(t, "evaluation.horizons=abc"), 2, "evaluation.horizons = 'abc' is not allowed: it must be a list"),
        ["object expected"] = new(t => Set(t, "plant=5"), 2, "plant = 5 is not allowed: it must be an object"),
        ["unknown key"] = new(t => Set(t, "optimizer.lr=0.1"), 2, "setting 'optimizer.lr' is not known: allowed keys here are kind, learning_rate"),
        ["seed not a number"] = new(t => Train(t, "--seed", "abc"), 2, "--seed = 'abc' is not allowed: it must be a whole number"),
        ["epochs not a number"] = new(t => ["bench", "lowrank", "--epochs", "1.5"], 2, "--epochs = '1.5' is not allowed: it must be a whole number"),
        ["mode unknown"] = new(t => Train(t, "--mode", "sideways"), 2, "--mode = 'sideways' is not allowed: allowed values are closed, open"),
        ["size unknown"] = new(t => ["reproduce", "fig3", "--size", "huge", "--out", Path.Combine(t, "rep")], 2, "--size = 'huge' is not allowed: allowed values are smoke, quick, full"),
        ["unknown option"] = new(t => Train(t, "--bogus"), 2, "'--bogus'"),
        ["no command"] = new(_ => [], 2, "no command given"),
        ["duplicate key in a config"] = new(t => ["train", "--config", Path.Combine(t, "c.json"), "--out", Path.Combine(t, "run")], 2, "gives the key 'epochs' twice (line 3)",
            t => File.WriteAllText(Path.Combine(t, "c.json"), "{\"preset\": \"lowrank\",\n \"epochs\": 3,\n \"epochs\": 4}")),
        ["corrupt config"] = new(t => ["train", "--config", Path.Combine(t, "c.json"), "--out", Path.Combine(t, "run")], 2, "c.json' is not valid JSON (line 2",
            t => File.WriteAllText(Path.Combine(t, "c.json"), "{\"preset\": \"lowrank\",\n \"epochs\": }")),
        ["bad value in a config"] = new(t => ["train", "--config", Path.Combine(t, "c.json"), "--out", Path.Combine(t, "run")], 2, "optimizer.kind = 'rmsprop' is not allowed: it must be one of sgd, adam",
            t => File.WriteAllText(Path.Combine(t, "c.json"), "{\"preset\": \"lowrank\", \"optimizer\": {\"kind\": \"rmsprop\"}}")),
        // 1. a directory in use
        ["train into a locked directory"] = new(t => Train(t), 2, "is in use by pid", t => Hold(Path.Combine(t, "run"))),
        ["reproduce into a locked directory"] = new(t => ["reproduce", "fig3", "--size", "smoke", "--out", Path.Combine(t, "rep")], 2, "is in use by pid", t => Hold(Path.Combine(t, "rep"))),
        // 4. runs that were changed
        ["analyze an edited metrics.csv"] = new(t => ["analyze", Path.Combine(t, "run")], 2, "metrics.csv does not match the manifest", t => EditedRun(t, "metrics.csv")),
        ["analyze an edited snapshot"] = new(t => ["analyze", Path.Combine(t, "run")], 2, "arrays/params_00000.npz does not match the manifest", t => EditedRun(t, "arrays/params_00000.npz")),
        ["analyze a corrupt manifest"] = new(t => ["analyze", Path.Combine(t, "run")], 2, "manifest.json' is not valid JSON", t => CorruptManifest(t)),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Exits_with_one_line_naming_the_field_and_writes_nothing(string name)
    {
        var c = Cases[name];
        using var tmp = new TempDirectory();
        c.Setup?.Invoke(tmp.Path);
        var before = State(tmp.Path);
        CliRunner.Result r;
        SortedDictionary<string, string> after;
        try
        {
            r = CliRunner.Run(c.Args(tmp.Path));
            after = State(tmp.Path);
        }
        finally
        {
            Release(tmp.Path);
        }
        Assert.True(c.Exit == r.ExitCode, $"{name}: exit {r.ExitCode}, stderr: {r.Err}");
        var lines = r.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{name}: {lines.Length} lines on stderr:\n{r.Err}");
        Assert.StartsWith("error: ", r.Err);
        Assert.Contains(c.Expected, r.Err);
        foreach (var leak in new[] { "   at ", "Exception", "System.", "LineNumber", "BytePositionInLine", "`1" })
            Assert.DoesNotContain(leak, r.Err);
        Assert.Equal("", r.Out);
        Assert.Equal(before, after);
    }

    private static readonly Dictionary<string, DirectoryLock> Held = [];

    private static void Hold(string dir)
    {
        lock (Held) Held[Path.GetDirectoryName(dir)!] = DirectoryLock.Acquire(dir, "another writer");
    }

    private static void Release(string tmp)
    {
        lock (Held)
            if (Held.Remove(tmp, out var l)) l.Dispose();
    }

    private static void EditedRun(string tmp, string file)
    {
        CopyRun(tmp);
        string path = Path.Combine(tmp, "run", file);
        var bytes = File.ReadAllBytes(path);
        bytes[^2] ^= 1;
        File.WriteAllBytes(path, bytes);
    }

    private static void CorruptManifest(string tmp)
    {
        CopyRun(tmp);
        File.WriteAllText(Path.Combine(tmp, "run", RunManifest.FileName), "{\"tool\": \"closedloop\",");
    }

    private static void CopyRun(string tmp)
    {
        using var copy = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var source);
        Directory.CreateDirectory(Path.Combine(tmp, "run"));
        foreach (var f in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(tmp, "run", Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    /// <summary>Every file and directory under <paramref name="root"/> with the SHA-256 of each file.</summary>
    private static SortedDictionary<string, string> State(string root)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)) state[Path.GetRelativePath(root, d) + "/"] = "";
        foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) state[Path.GetRelativePath(root, f)] = ManifestCheck.Hash(f);
        return state;
    }
}
