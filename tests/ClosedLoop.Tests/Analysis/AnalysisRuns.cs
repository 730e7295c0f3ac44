using ClosedLoop.Tests.Cli;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Analysis;

/// <summary>
/// Tiny training runs for the analysis tests, trained in-process once per test process (fractions of a second each)
/// and handed out as private copies, so each test may analyse (and so modify) its own directory.
/// </summary>
internal static class AnalysisRuns
{
    /// <summary>Rank-1 model, N = 10, batch 10, T = 30, 100 epochs, seed 7: Stage 1 ends at 12, stabilisation at 37.</summary>
    public const string RankOne = "lowrank";
    /// <summary>tanh network, N = 6, 40 epochs.</summary>
    public const string Tanh = "tanh";
    /// <summary>Open-loop tanh student with its teacher in teacher/, 20 epochs.</summary>
    public const string TanhOpen = "tanh-open";
    /// <summary>relu network (no joint matrix), 20 epochs.</summary>
    public const string Relu = "relu";
    /// <summary>Tracking task, N = 6, T = 20, probes every 2 epochs, 20 epochs.</summary>
    public const string Tracking = "tracking";

    private static readonly string[] Small = ["--set", "network.hidden=6", "--set", "episode.batch=5", "--set", "evaluation.count=3"];

    private static readonly Dictionary<string, string[]> Arguments = new()
    {
        [RankOne] = ["--preset", "lowrank", "--epochs", "100", "--seed", "7", "--set", "network.hidden=10", "--set", "episode.batch=10",
            "--set", "evaluation.count=10", "--set", "episode.steps=30"],
        [Tanh] = ["--preset", "tanh", "--epochs", "40", "--seed", "1", "--set", "episode.steps=15", .. Small],
        [TanhOpen] = ["--preset", "tanh", "--mode", "open", "--epochs", "20", "--seed", "1", "--set", "episode.steps=12", .. Small],
        [Relu] = ["--preset", "tanh", "--epochs", "20", "--seed", "1", "--set", "network.activation=relu", "--set", "episode.steps=12", .. Small],
        [Tracking] = ["--preset", "tracking", "--epochs", "20", "--seed", "1", "--set", "episode.steps=20", "--set", "reference.steps=20",
            "--set", "evaluation.probe_every=2", .. Small],
    };

    private static readonly Lazy<TempDirectory> Root = new(() =>
    {
        var root = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Dispose();
        return root;
    });
    private static readonly Dictionary<string, string> Trained = [];
    private static readonly Lock Gate = new();

    /// <summary>A fresh copy of run <paramref name="name"/> in a new temporary directory (dispose to delete).</summary>
    public static TempDirectory CopyOf(string name, out string runDir)
    {
        string source = TrainedRun(name);
        var tmp = new TempDirectory();
        runDir = Path.Combine(tmp.Path, name);
        Copy(source, runDir);
        return tmp;
    }

    private static string TrainedRun(string name)
    {
        lock (Gate)
        {
            if (Trained.TryGetValue(name, out var dir)) return dir;
            dir = Path.Combine(Root.Value.Path, name);
            var r = CliRunner.Run(["train", "--out", dir, .. Arguments[name]]);
            if (r.ExitCode != 0) throw new InvalidOperationException($"training {name} failed: {r.Err}");
            Trained[name] = dir;
            return dir;
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
