using ClosedLoop.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Cli;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Runs;

public class DrawFileTests
{
    private const long Seed = 4;

    private static void Train(string dir, string preset, string mode, bool record, params string[] extra)
    {
        string[] args = ["train", "--preset", preset, "--mode", mode, "--out", dir, "--seed", $"{Seed}", "--epochs", "3", "--threads", "2",
            .. CliRunner.Tiny, "--set", "episode.steps=7", .. extra];
        if (preset == "tracking") args = [.. args, "--set", "reference.steps=7"];
        var r = CliRunner.Run(record ? [.. args, "--record-draws"] : args);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
    }

    private static IReadOnlyDictionary<string, NpyArray> Draws(string run) => Npz.Read(Path.Combine(run, "arrays", DrawFile.FileName));

    public static TheoryData<string, string, string[]> Runs() => new()
    {
        { "tanh", "closed", [] },
        { "tanh", "open", [] },
        { "lowrank", "closed", [] },
        { "tracking", "open", [] },
        { "repro-legacy", "open", ["--set", "plant.process_noise=0.1", "--set", "plant.observation_noise=0.05"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_single_precision_run_records_the_float64_draws_of_its_seed(string preset, string mode, string[] extra)
    {
        // Single precision consumes the same float64 draws (rounding each where it enters the engine), so the recorded
        // draws are the bytes of the double run's.
        using var tmp = new TempDirectory();
        string dbl = tmp.File("double"), sgl = tmp.File("single");
        Train(dbl, preset, mode, true, extra);
        Train(sgl, preset, mode, true, [.. extra, "--set", "precision=single"]);
        foreach (var f in Files(dbl).Where(f => Path.GetFileName(f) == DrawFile.FileName))
            Assert.True(File.ReadAllBytes(Path.Combine(dbl, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sgl, f))), $"{f} differs");
        Assert.False(File.ReadAllBytes(Path.Combine(dbl, "metrics.csv")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sgl, "metrics.csv"))));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Recording_draws_changes_no_other_output_byte(string preset, string mode, string[] extra)
    {
        using var tmp = new TempDirectory();
        string off = tmp.File("off"), on = tmp.File("on");
        Train(off, preset, mode, false, extra);
        Train(on, preset, mode, true, extra);
        var offFiles = Files(off);
        var drawFiles = mode == "open" ? new[] { "arrays/draws.npz", "teacher/arrays/draws.npz" } : ["arrays/draws.npz"];
        Assert.Equal(offFiles.Concat(drawFiles).Order(StringComparer.Ordinal), Files(on));
        foreach (var f in offFiles.Where(f => !IsManifest(f)))
            Assert.True(File.ReadAllBytes(Path.Combine(off, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(on, f))), $"{f} differs");
        var hashes = RunManifest.Read(Path.Combine(on, RunManifest.FileName)).Files;
        Assert.Equal(drawFiles, hashes.Keys.Where(k => k.EndsWith(DrawFile.FileName, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        static bool IsManifest(string f) => Path.GetFileName(f) == RunManifest.FileName; // start and finish times differ
        Assert.Equal(RunManifest.Read(Path.Combine(off, RunManifest.FileName)).Files.Where(h => !IsManifest(h.Key)),
            hashes.Where(h => !drawFiles.Contains(h.Key) && !IsManifest(h.Key)));
    }

    private static string[] Files(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Initial_states_are_the_epochs_train_ic_draws()
    {
        using var tmp = new TempDirectory();
        Train(tmp.Path, "tanh", "closed", true);
        var d = Draws(tmp.Path);
        Assert.Equal(["epochs", "initial_states"], d.Keys);
        Assert.Equal([0L, 1, 2], d["epochs"].AsInt64());
        Assert.Equal([3, 5, 2], d["initial_states"].Shape);
        var expected = new double[3 * 5 * 2];
        RandomStream.Derive(Seed, "train-ic").FillUniform(expected, -1, 1); // one FillUniform(n_b·k) per epoch, in epoch order
        Assert.Equal(expected, d["initial_states"].AsFloat64());
    }

    [Fact]
    public void Tracking_records_the_reference_phases_of_each_learner_and_zero_initial_states()
    {
        using var tmp = new TempDirectory();
        Train(tmp.Path, "tracking", "open", true);
        foreach (var (run, stream) in new[] { (Path.Combine(tmp.Path, "teacher"), "reference"), (tmp.Path, "openloop") })
        {
            var d = Draws(run);
            Assert.Equal(["epochs", "initial_states", "reference_phases"], d.Keys);
            Assert.Equal([3, 5, 4], d["reference_phases"].Shape);
            var expected = new double[3 * 5 * 4];
            RandomStream.Derive(Seed, stream).FillUniform(expected, -Math.PI, Math.PI);
            Assert.Equal(expected, d["reference_phases"].AsFloat64());
            Assert.All(d["initial_states"].AsFloat64(), v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void White_noise_imitation_records_its_inputs()
    {
        using var tmp = new TempDirectory();
        Train(tmp.Path, "tanh", "open", true);
        var d = Draws(tmp.Path);
        Assert.Equal(["epochs", "white_noise_inputs"], d.Keys);
        Assert.Equal([3, 7, 5, 1], d["white_noise_inputs"].Shape); // (epochs, T, n_b, n_in)
        var expected = new double[3 * 7 * 5];
        RandomStream.Derive(Seed, "openloop").FillNormal(expected, 0, 1);
        Assert.Equal(expected, d["white_noise_inputs"].AsFloat64());
    }

    [Fact]
    public void Plant_noise_is_recorded_where_it_is_drawn()
    {
        using var tmp = new TempDirectory();
        Train(tmp.Path, "tanh", "closed", true, "--set", "plant.process_noise=0.1", "--set", "plant.observation_noise=0.05");
        var d = Draws(tmp.Path);
        Assert.Equal(["epochs", "initial_states", "observation_noise", "process_noise"], d.Keys);
        Assert.Equal([3, 7, 5, 2], d["process_noise"].Shape);
        Assert.Equal([3, 7, 5, 1], d["observation_noise"].Shape);
        var obs = d["observation_noise"].AsFloat64();
        for (int e = 0; e < 3; e++)
            for (int t = 0; t < 7; t++)
                for (int b = 0; b < 5; b++)
                {
                    double v = obs[(e * 7 + t) * 5 + b];
                    if (t == 0) Assert.Equal(0.0, v); // FirstControl = Zero: o_0 is never read, no noise drawn
                    else Assert.NotEqual(0.0, v);
                }
        Assert.All(d["process_noise"].AsFloat64(), v => Assert.NotEqual(0.0, v));
    }
}
