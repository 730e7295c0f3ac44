using System.Numerics;
using System.Text.Json;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class JsonFilesTests
{
    private enum StabilityClass { Stable, UnstableOsc }

    private sealed record Summary(string Preset, int? StabilizationEpoch, double FinalSpectralRadius, double MinLoss,
        StabilityClass FinalClass, IReadOnlyList<Complex> FinalEigenvalues, IReadOnlyDictionary<string, double> PerSeed,
        double? FinalLoss = null, double Lowest = double.MinValue);

    private static Summary Sample() => new("nl-published", null, double.NaN, double.PositiveInfinity, StabilityClass.UnstableOsc,
        [new Complex(0.98, 0.05), new Complex(0.98, -0.05)], new Dictionary<string, double> { ["SeedZero"] = 1.5 },
        double.NegativeInfinity, -1e308);

    [Fact]
    public void Uses_snake_case_names_string_enums_and_null_for_non_finite_values()
    {
        string json = JsonFiles.Serialize(Sample());
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal("nl-published", root.GetProperty("preset").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stabilization_epoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("final_spectral_radius").ValueKind); // NaN
        Assert.Equal(JsonValueKind.Null, root.GetProperty("min_loss").ValueKind); // +∞
        Assert.Equal(JsonValueKind.Null, root.GetProperty("final_loss").ValueKind); // −∞ in a double?
        Assert.Equal(-1e308, root.GetProperty("lowest").GetDouble()); // large finite values stay numbers
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
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
        Assert.True(double.IsNaN(back.MinLoss)); // +∞ was written as null: read back as "not a finite number"
        Assert.Null(back.FinalLoss);
        Assert.Equal(-1e308, back.Lowest);
        Assert.Null(back.StabilizationEpoch);
        Assert.Equal(StabilityClass.UnstableOsc, back.FinalClass);
        Assert.Equal(Sample().FinalEigenvalues, back.FinalEigenvalues);
        Assert.EndsWith("}\n", File.ReadAllText(path));
    }

    [Fact]
    public void Reads_the_named_non_finite_strings_of_older_files()
    {
        var back = JsonFiles.Deserialize<Summary>("""
            {"preset": "x", "stabilization_epoch": null, "final_spectral_radius": "NaN", "min_loss": "Infinity", "final_class": "stable",
             "final_eigenvalues": [{"re": "-Infinity", "im": null}], "per_seed": {}, "final_loss": "-Infinity"}
            """);
        Assert.True(double.IsNaN(back.FinalSpectralRadius));
        Assert.Equal(double.PositiveInfinity, back.MinLoss);
        Assert.Equal(double.NegativeInfinity, back.FinalLoss);
        Assert.Equal(double.NegativeInfinity, back.FinalEigenvalues[0].Real);
        Assert.True(double.IsNaN(back.FinalEigenvalues[0].Imaginary));
        Assert.Throws<JsonException>(() => JsonFiles.Deserialize<Summary>("""{"preset": "x", "final_spectral_radius": "big"}"""));
    }

    [Fact]
    public void Options_are_read_only()
    {
        Assert.True(JsonFiles.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => JsonFiles.Options.WriteIndented = false);
    }
}
