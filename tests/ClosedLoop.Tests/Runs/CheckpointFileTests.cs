using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs;

public class CheckpointFileTests
{
    /// <summary>A checkpoint at epoch 6 of a tanh run trained with Adam.</summary>
    private static (RunSettings Settings, string Directory) Interrupted(TempDirectory tmp)
    {
        var s = RunComparison.Tiny("tanh", 12, "optimizer.kind=adam");
        string dir = tmp.File("run");
        using var cancel = new CancellationTokenSource();
        Assert.Throws<RunInterruptedException>(() => TrainingRun.Execute(s, new RunOutput(dir), new StopAt(cancel, LoopMode.Closed, 6).Factory, cancel.Token));
        return (s, dir);
    }

    [Fact]
    public void Holds_the_whole_state_and_reads_back_what_was_written()
    {
        using var tmp = new TempDirectory();
        var (s, dir) = Interrupted(tmp);
        string path = Path.Combine(dir, CheckpointFile.FileName);
        var c = CheckpointFile.Read(path, s);
        Assert.Equal(6, c.Training.Epoch);
        Assert.Equal(12, c.Epochs);
        Assert.Equal(5, c.Training.Optimizer.Steps); // skip_first_epoch: epochs 1..5 updated
        Assert.All(c.Training.Optimizer.SecondMoments, m => Assert.Contains(m, x => x > 0));
        Assert.Equal(["noise", "openloop", "reference", "train-ic"], c.Training.Streams.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6, c.Files.Metrics.Rows);
        Assert.Equal(new FileInfo(Path.Combine(dir, c.Files.Metrics.Temp)).Length, c.Files.Metrics.Bytes);
        Assert.Equal(6, Assert.Single(c.Files.Arrays, a => a.Name == "eig_p").Values.Rows);
        var entries = Npz.Read(path); // numpy-readable: every array is a .npy entry
        Assert.Equal(RunRecordWeights(dir, 5), entries["parameters/recurrent_weights"].AsFloat64()); // after epoch 5's update
        Assert.Equal(RunRecordWeights(dir, 0), entries["initial/recurrent_weights"].AsFloat64());
        Assert.True(entries.ContainsKey("adam_m/readout_weights"));
        CheckpointFile.Write(tmp.File("again.npz"), s, c.Training, c.Files);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(tmp.File("again.npz"))); // deterministic bytes
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("partial file gone")]
    public void A_damaged_checkpoint_or_partial_file_is_detected_and_named(string damage)
    {
        using var tmp = new TempDirectory();
        var (s, dir) = Interrupted(tmp);
        string path = Path.Combine(dir, CheckpointFile.FileName);
        var bytes = File.ReadAllBytes(path);
        var c = CheckpointFile.Read(path, s);
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(path, bytes[..^40]); break;
            case "flipped": bytes[FirstDataByte(bytes, "parameters/recurrent_weights.npy")] ^= 0x10; File.WriteAllBytes(path, bytes); break;
            default: File.Delete(Path.Combine(dir, c.Files.Metrics.Temp)); break;
        }
        var e = Assert.Throws<DamagedCheckpointException>(() => TrainingRun.Execute(s, new RunOutput(dir, ExistingRun.Resume)));
        Assert.Contains(damage == "partial file gone" ? $"the partial file '{c.Files.Metrics.Temp}' is missing" : "checkpoint.npz: ", e.Message);
        if (damage == "flipped") Assert.Contains("fails its CRC-32 check", e.Message);
    }

    [Fact]
    public void A_leftover_temporary_checkpoint_is_ignored_and_removed_on_resume()
    {
        using var tmp = new TempDirectory();
        var (s, dir) = Interrupted(tmp);
        File.WriteAllText(Path.Combine(dir, ".checkpoint.npz.999-1.tmp"), "half a checkpoint");
        File.WriteAllText(Path.Combine(dir, "arrays", ".params_00008.npz.999-2.tmp"), "half a snapshot");
        TrainingRun.Execute(s, new RunOutput(dir, ExistingRun.Resume));
        Assert.DoesNotContain(RunComparison.List(dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir, CheckpointFile.FileName))); // deleted once the run is complete
    }

    /// <summary>The first byte of an entry's array data: entries are stored (not deflated), so the local header's
    /// name is followed by the .npy magic, a two-byte little-endian header length, the header, then the data.</summary>
    private static int FirstDataByte(byte[] zip, string entry)
    {
        int name = zip.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(entry));
        int magic = name + zip.AsSpan(name).IndexOf([(byte)0x93, .."NUMPY"u8]);
        Assert.True(name >= 0 && magic > name);
        return magic + 10 + (zip[magic + 8] | zip[magic + 9] << 8);
    }

    private static double[] RunRecordWeights(string dir, int epoch) =>
        Npz.Read(Path.Combine(dir, "arrays", ClosedLoop.Runs.ParameterFile.NameOf(epoch)))["recurrent_weights"].AsFloat64();
}
