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
    public void Runs_at_smoke_size_and_writes_claims_figures_their_data_a_report_and_a_manifest(string name)
    {
        using var tmp = new TempDirectory();
        var reports = Reproduction.Run([name], new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 2, Jobs: 1));
        var output = Assert.Single(reports).Output;
        Assert.NotEmpty(output.Claims);
        Assert.All(output.Claims, c => Assert.StartsWith(name + ".", c.Id));
        Assert.Equal(output.Claims.Count, output.Claims.Select(c => c.Id).Distinct().Count());
        Assert.All(output.Claims, c => Assert.Equal(c.Category == ClaimCategory.Reported, c.Rule == SeedRule.None));
        Assert.All(output.Claims.Where(c => c.Category == ClaimCategory.Reported), c => Assert.Null(c.Pass));
        // Every claim rests on files that exist (its panels' PNG and CSV, or its experiment's tables).
        Assert.All(output.Claims.SelectMany(c => c.Evidence), e => Assert.True(File.Exists(Path.Combine(tmp.Path, e)), $"{e} does not exist"));
        Assert.NotEmpty(output.Figures);
        foreach (var f in output.Figures)
        {
            var png = Path.Combine(tmp.Path, f.Path);
            Assert.True(File.Exists(png), $"missing figure {f.Path}");
            Assert.True(File.Exists(Path.ChangeExtension(png, ".csv")), $"missing data beside {f.Path}");
            Assert.False(string.IsNullOrWhiteSpace(f.Caption));
        }
        string dir = Path.Combine(tmp.Path, name);
        Assert.Equal(output.Claims.Select(c => c.Id), JsonFiles.Read<List<Claim>>(Path.Combine(dir, "claims.json")).Select(c => c.Id));
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.All(output.Claims, c => Assert.Contains($"| {c.Id} |", report));
        var manifest = ExperimentManifest.Read(Path.Combine(dir, ExperimentManifest.FileName));
        Assert.Equal((name, ExperimentSize.Smoke, 2), (manifest.Experiment, manifest.Size, manifest.SeedCount));
        Assert.Equal(output.Runs, manifest.Runs);
        Assert.All(manifest.Runs, r => Assert.True(Directory.Exists(Path.Combine(tmp.Path, "runs", r.Run)), r.Run));
        Assert.Equal(manifest.Runs.Select(r => r.Seed).Distinct().Order(), manifest.Seeds);
        Assert.Empty(ManifestCheck.Mismatches(dir));
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => f != ExperimentManifest.FileName).Order(StringComparer.Ordinal);
        Assert.Equal(files, manifest.Files.Keys);
        Assert.Contains("report.md", manifest.Files.Keys);
    }

    [Fact]
    public void A_second_call_reuses_every_finished_run_and_writes_the_same_experiment_files()
    {
        using var tmp = new TempDirectory();
        var settings = new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 1, Jobs: 2);
        Reproduction.Run(["fig1c"], settings);
        var manifests = Directory.GetFiles(Path.Combine(tmp.Path, "runs"), "manifest.json", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(2, manifests.Count); // the closed run and its open twin (no teacher copy: the student imitates the cached closed run)
        var files = ExperimentManifest.Read(Path.Combine(tmp.Path, "fig1c", ExperimentManifest.FileName)).Files;
        Reproduction.Run(["fig1c"], settings);
        foreach (var (file, bytes) in manifests) Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Equal(files, ExperimentManifest.Read(Path.Combine(tmp.Path, "fig1c", ExperimentManifest.FileName)).Files);
    }

    [Fact]
    public void Several_experiments_write_a_report_over_all_with_the_claims_table_first()
    {
        using var tmp = new TempDirectory();
        Reproduction.Run(["fig1c", "fig2"], new ReproduceSettings(tmp.Path, ExperimentSize.Smoke, Seeds: 1, Jobs: 1));
        var report = File.ReadAllText(Path.Combine(tmp.Path, "report.md"));
        Assert.True(report.IndexOf("## Claims", StringComparison.Ordinal) < report.IndexOf("![", StringComparison.Ordinal));
        Assert.Contains("| fig1c.1 | exact |", report);
        Assert.Contains("| fig2.3 | empirical |", report);
        Assert.Contains("exact checks hold", report);
        Assert.Equal(["fig1c", "fig2"], JsonFiles.Read<List<Claim>>(Path.Combine(tmp.Path, "claims.json")).Select(c => c.Id.Split('.')[0]).Distinct());
        Assert.True(File.Exists(Path.Combine(tmp.Path, "fig2", "report.md")));
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_list()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentRegistry.Get("fig99"));
        Assert.Contains("fig1c", e.Message);
    }
}
