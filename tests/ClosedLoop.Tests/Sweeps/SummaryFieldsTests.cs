using System.Text.Json;
using ClosedLoop.Sweeps;

namespace ClosedLoop.Tests.Sweeps;

public class SummaryFieldsTests
{
    [Fact]
    public void Every_scalar_field_becomes_a_named_cell_whatever_the_summary_holds()
    {
        using var doc = JsonDocument.Parse("""
            {"preset": "tanh", "epochs": 30, "final_loss": 0.25, "big": 1e300, "stabilization_epoch": null, "diverged": true,
             "final_spectral_radius": "NaN", "max": "Infinity", "min": "-Infinity",
             "final_eigenvalues": [{"re": 1, "im": 0}], "stages": {"stage1_end_epoch": 4, "acquisition_epochs": [3, null, 9], "details": "analysis/stages.json"}}
            """);
        var f = SummaryFields.Of(doc.RootElement);
        Assert.Equal(["preset", "epochs", "final_loss", "big", "stabilization_epoch", "diverged", "final_spectral_radius", "max", "min",
            "stages.stage1_end_epoch", "stages.acquisition_epochs.0", "stages.acquisition_epochs.1", "stages.acquisition_epochs.2", "stages.details"], f.Select(x => x.Name));
        var v = f.ToDictionary(x => x.Name, x => x.Value);
        Assert.Equal(30L, v["epochs"]);
        Assert.Equal(0.25, v["final_loss"]);
        Assert.Equal(1e300, v["big"]);
        Assert.Null(v["stabilization_epoch"]);
        Assert.Equal(true, v["diverged"]);
        Assert.True(double.IsNaN((double)v["final_spectral_radius"]!));
        Assert.Equal(double.PositiveInfinity, v["max"]);
        Assert.Equal(double.NegativeInfinity, v["min"]);
        Assert.Equal(9L, v["stages.acquisition_epochs.2"]);
        Assert.Null(v["stages.acquisition_epochs.1"]);
    }
}
