using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedLoop.Controllers;
using ClosedLoop.Reporting;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Runs;

/// <summary>Where one streamed file of a run stood at a checkpoint: its temporary file, bytes and rows written.</summary>
public sealed record StreamPosition(string Temp, long Bytes, long Rows);

/// <summary>Where a streamed array (e.g. <c>eig_p</c>) and its epochs file stood at a checkpoint.</summary>
public sealed record ArrayPosition(string Name, IReadOnlyList<int> RowShape, StreamPosition Values, StreamPosition Epochs);

/// <summary>Where every streamed file of a run (metrics.csv, arrays/*.npy) stood at a checkpoint.</summary>
public sealed record StreamedFiles(StreamPosition Metrics, IReadOnlyList<ArrayPosition> Arrays);

/// <summary>A checkpoint read back: the training state and where the streamed files stood.</summary>
public sealed record RunCheckpoint(int Epochs, TrainingState Training, StreamedFiles Files);

/// <summary>
/// <c>checkpoint.npz</c> of an interrupted run (docs/engine.md "Checkpoints and resume"): an uncompressed zip that
/// <c>numpy.load</c> opens, holding <c>state.json</c> (format, epoch, the settings, counters, random stream states,
/// positions of the streamed files) and float64 arrays <c>parameters/&lt;block&gt;</c>, <c>initial/&lt;block&gt;</c>,
/// <c>adam_m/&lt;block&gt;</c>, <c>adam_v/&lt;block&gt;</c>. Written atomically; read back with every entry's CRC-32
/// checked, so a damaged file is reported, never used.
/// </summary>
public static class CheckpointFile
{
    /// <summary>File name inside the run directory.</summary>
    public const string FileName = "checkpoint.npz";

    /// <summary>The <c>format</c> field of <c>state.json</c>.</summary>
    public const string Format = "closedloop-checkpoint";

    /// <summary>The <c>version</c> field of <c>state.json</c>; a reader refuses other versions.</summary>
    public const int Version = 1;

    private const string StateEntry = "state.json";

    /// <summary>Writes the checkpoint of a run of settings <paramref name="s"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, RunSettings s, TrainingState t, StreamedFiles files)
    {
        var state = new CheckpointState(Format, Version, t.Epoch, s.Epochs, SettingsNode(s), t.Optimizer.Steps, t.NonFiniteEpochs,
            t.BasisEpochs, t.FirstNonFiniteEpoch, new SortedDictionary<string, ulong[]>(t.Streams.ToDictionary(), StringComparer.Ordinal), files);
        var entries = new List<(string, byte[])> { (StateEntry, Encoding.UTF8.GetBytes(JsonFiles.Serialize(state) + "\n")) };
        entries.AddRange(Blocks("parameters", t.Parameters.Blocks()));
        entries.AddRange(Blocks("initial", t.Initial.Blocks()));
        var trainable = t.Parameters.TrainableBlocks().ToList();
        for (int b = 0; b < trainable.Count && b < t.Optimizer.FirstMoments.Count; b++)
        {
            if (t.Optimizer.FirstMoments[b].Length == 0) continue;
            entries.Add(Entry($"adam_m/{trainable[b].Name}", t.Optimizer.FirstMoments[b], trainable[b]));
            entries.Add(Entry($"adam_v/{trainable[b].Name}", t.Optimizer.SecondMoments[b], trainable[b]));
        }
        AtomicFile.Write(path, stream => StoredZip.Write(stream, entries));
    }

    /// <summary>Epoch reached and epochs planned, from <c>state.json</c> only (for messages); null if unreadable.</summary>
    public static (int Epoch, int Epochs)? Peek(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var state = JsonFiles.Deserialize<CheckpointState>(Encoding.UTF8.GetString(ReadEntry(zip, StateEntry)));
            return (state.Epoch, state.Epochs);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the checkpoint of a run of settings <paramref name="s"/>. A damaged file throws
    /// <see cref="InvalidDataException"/>; a checkpoint of other settings throws <see cref="ArgumentException"/>
    /// naming the first setting that differs.
    /// </summary>
    public static RunCheckpoint Read(string path, RunSettings s)
    {
        using var zip = ZipFile.OpenRead(path);
        var state = JsonFiles.Deserialize<CheckpointState>(Encoding.UTF8.GetString(ReadEntry(zip, StateEntry)));
        if (state.Format != Format || state.Version != Version)
            throw new InvalidDataException($"format '{state.Format}' version {state.Version}; this program reads '{Format}' version {Version}");
        if (FirstDifference(state.Settings, SettingsNode(s), "") is { } diff)
            throw new ArgumentException($"holds an interrupted run of other settings ({diff})");
        var net = s.LearnerNetwork;
        var parameters = ReadBlocks(zip, "parameters", net);
        var initial = ReadBlocks(zip, "initial", net);
        var trainable = parameters.TrainableBlocks().ToList();
        bool adam = s.Optimizer.Kind == OptimizerKind.Adam;
        var m = trainable.Select(b => adam ? ReadArray(zip, $"adam_m/{b.Name}", b.Values.Length) : []).ToList();
        var v = trainable.Select(b => adam ? ReadArray(zip, $"adam_v/{b.Name}", b.Values.Length) : []).ToList();
        var training = new TrainingState(state.Epoch, parameters, initial, new OptimizerState(state.Updates, m, v), state.Streams,
            state.NonFiniteEpochs, state.BasisEpochs, state.FirstNonFiniteEpoch);
        return new RunCheckpoint(state.Epochs, training, state.Files);
    }

    private static JsonNode SettingsNode(RunSettings s) => JsonNode.Parse(JsonSerializer.Serialize(s, SettingsJson.Options))!;

    /// <summary>"key.path: A there, B here" for the first difference of two settings trees, or null.</summary>
    private static string? FirstDifference(JsonNode? there, JsonNode? here, string at)
    {
        if (there is JsonObject a && here is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                if (FirstDifference(a[key], b[key], at.Length == 0 ? key : $"{at}.{key}") is { } d) return d;
            return null;
        }
        if (JsonNode.DeepEquals(there, here)) return null;
        return $"{at} = {there?.ToJsonString() ?? "null"} there, {here?.ToJsonString() ?? "null"} here";
    }

    private static IEnumerable<(string, byte[])> Blocks(string prefix, IEnumerable<ParameterBlock<double>> blocks) =>
        blocks.Where(b => b.Values.Length > 0).Select(b => Entry($"{prefix}/{b.Name}", b.Values, b));

    private static (string, byte[]) Entry(string name, double[] values, ParameterBlock<double> shape) =>
        (name + ".npy", Npy.ToBytes(NpyArray.Float64((double[])values.Clone(), shape.Rows, shape.Cols)));

    private static NetworkParameters ReadBlocks(ZipArchive zip, string prefix, NetworkSettings net)
    {
        var p = new NetworkParameters(net);
        foreach (var b in p.Blocks().Where(b => b.Values.Length > 0))
            ReadArray(zip, $"{prefix}/{b.Name}", b.Values.Length).CopyTo(b.Values, 0);
        return p;
    }

    private static double[] ReadArray(ZipArchive zip, string name, int length)
    {
        using var bytes = new MemoryStream(ReadEntry(zip, name + ".npy"));
        var data = Npy.Read(bytes).AsFloat64();
        if (data.Length != length) throw new InvalidDataException($"'{name}' has {data.Length} values; the network needs {length}");
        return data;
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"it has no entry '{name}'");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] data = copy.ToArray();
        if (Crc32.Compute(data) != entry.Crc32) throw new InvalidDataException($"entry '{name}' fails its CRC-32 check");
        return data;
    }

    /// <summary>The <c>state.json</c> entry.</summary>
    internal sealed record CheckpointState(string Format, int Version, int Epoch, int Epochs, JsonNode Settings, long Updates,
        int NonFiniteEpochs, int BasisEpochs, int? FirstNonFiniteEpoch, SortedDictionary<string, ulong[]> Streams, StreamedFiles Files);
}

/// <summary>An interrupted run's checkpoint or the partial files it names cannot be used (bad input: exit code 2).</summary>
public sealed class DamagedCheckpointException(string directory, string reason)
    : ArgumentException($"out = '{directory}' holds an interrupted run whose checkpoint cannot be used ({reason}): pass --force to start the run again");
