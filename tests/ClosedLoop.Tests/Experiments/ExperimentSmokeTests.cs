using ClosedLoop.Experiments;
using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Experiments;

/// <summary>Every registered experiment runs end to end at smoke size (the pipeline, not the science).</summary>
public class ExperimentSmokeTests
{
    public static IEnumerable<object[]> Names() => ExperimentRegistry.All.Select(e => new object[] { e.Name });

    [Theory]
    [MemberData(nameof(Names))]
    public void Runs_at_smoke_size_and_writes_claims_figures_and_their_data(string name)
    {
        using var tmp = new TempDirectory();
        var reports = Reproduction.Run([name], new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 2, Jobs: 1));
        var output = Assert.Single(reports).Output;
        Assert.NotEmpty(output.Claims);
        Assert.All(output.Claims, c => Assert.StartsWith(name + ".", c.Id));
        Assert.Equal(output.Claims.Count, output.Claims.Select(c => c.Id).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(tmp.Path, name, "claims.json")));
        Assert.NotEmpty(output.Figures);
        foreach (var f in output.Figures)
        {
            var png = Path.Combine(tmp.Path, f.Path);
            Assert.True(File.Exists(png), $"missing figure {f.Path}");
            Assert.True(File.Exists(Path.ChangeExtension(png, ".csv")), $"missing data beside {f.Path}");
            Assert.False(string.IsNullOrWhiteSpace(f.Caption));
        }
    }

    [Fact]
    public void A_second_call_reuses_every_finished_run()
    {
        using var tmp = new TempDirectory();
        var settings = new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 1, Jobs: 2);
        Reproduction.Run(["fig1c"], settings);
        var before = Directory.GetFiles(Path.Combine(tmp.Path, "runs"), "manifest.json", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);
        Reproduction.Run(["fig1c"], settings);
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void All_writes_a_report_with_the_claims_table_first()
    {
        using var tmp = new TempDirectory();
        Reproduction.Run(["fig1c", "fig1c"], new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 1, Jobs: 1));
        var report = File.ReadAllText(Path.Combine(tmp.Path, "report.md"));
        Assert.True(report.IndexOf("## Claims", StringComparison.Ordinal) < report.IndexOf("![", StringComparison.Ordinal));
        Assert.Contains("fig1c.1", report);
        Assert.NotEmpty(JsonFiles.Read<List<Claim>>(Path.Combine(tmp.Path, "claims.json")));
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_list()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentRegistry.Get("fig99"));
        Assert.Contains("fig1c", e.Message);
    }
}
