using System.Numerics;
using System.Text.Json;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class JsonFilesTests
{
    private enum StabilityClass { Stable, UnstableOsc }

    private sealed record Summary(string Preset, int? StabilizationEpoch, double FinalSpectralRadius, double MinLoss,
        StabilityClass FinalClass, IReadOnlyList<Complex> FinalEigenvalues, IReadOnlyDictionary<string, double> PerSeed);

    private static Summary Sample() => new("nl-published", null, double.NaN, double.PositiveInfinity, StabilityClass.UnstableOsc,
        [new Complex(0.98, 0.05), new Complex(0.98, -0.05)], new Dictionary<string, double> { ["SeedZero"] = 1.5 });

    [Fact]
    public void Uses_snake_case_names_string_enums_and_named_non_finite_values()
    {
        string json = JsonFiles.Serialize(Sample());
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal("nl-published", root.GetProperty("preset").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stabilization_epoch").ValueKind);
        Assert.Equal("NaN", root.GetProperty("final_spectral_radius").GetString());
        Assert.Equal("Infinity", root.GetProperty("min_loss").GetString());
        Assert.Equal("unstable_osc", root.GetProperty("final_class").GetString());
        Assert.Equal(-0.05, root.GetProperty("final_eigenvalues")[1].GetProperty("im").GetDouble());
        Assert.Equal(1.5, root.GetProperty("per_seed").GetProperty("SeedZero").GetDouble()); // keys kept as given
        Assert.Contains("\n  \"preset\"", json);
        Assert.DoesNotContain("\r", json);
    }

    [Fact]
    public void Write_then_read_round_trips()
    {
        using var dir = new TempDirectory();
        string path = dir.File("summary.json");
        JsonFiles.Write(path, Sample());
        Summary back = JsonFiles.Read<Summary>(path);
        Assert.True(double.IsNaN(back.FinalSpectralRadius));
        Assert.Equal(double.PositiveInfinity, back.MinLoss);
        Assert.Null(back.StabilizationEpoch);
        Assert.Equal(StabilityClass.UnstableOsc, back.FinalClass);
        Assert.Equal(Sample().FinalEigenvalues, back.FinalEigenvalues);
        Assert.EndsWith("}\n", File.ReadAllText(path));
    }

    [Fact]
    public void Options_are_read_only()
    {
        Assert.True(JsonFiles.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => JsonFiles.Options.WriteIndented = false);
    }
}
