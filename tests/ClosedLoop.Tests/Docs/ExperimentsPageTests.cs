using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Support;

namespace ClosedLoop.Tests.Docs;

/// <summary>
/// docs/experiments.md is exact: its skeleton experiment is <c>Docs/RateStudy.cs</c> (this test compares the text), and
/// that experiment compiles and runs end to end at the smoke size.
/// </summary>
public class ExperimentsPageTests
{
    [Fact]
    public void The_skeleton_of_the_page_is_the_compiled_example_word_for_word()
    {
        string page = File.ReadAllText(Repository.PathOf("docs", "experiments.md"));
        string code = page.Split("A skeleton, two configurations over seeds, one claim:\n\n```csharp\n")[1].Split("```")[0];
        string example = File.ReadAllText(Repository.PathOf("tests", "ClosedLoop.Tests", "Docs", "RateStudy.cs"));
        Assert.Equal(example, code);
    }

    [Fact]
    public void The_skeleton_runs_and_writes_its_claim_figure_and_data()
    {
        using var tmp = new TempDirectory();
        var ctx = new ExperimentContext(tmp.Path, "rates", ExperimentSize.Smoke, 2, new RunCache(tmp.Path, 1));
        var output = new RateStudy().Run(ctx);
        var claim = Assert.Single(output.Claims);
        Assert.Equal(("rates.1", ClaimCategory.Empirical, 2), (claim.Id, claim.Category, claim.Seeds!.Total));
        Assert.Equal(["rates_final"], output.Figures.Select(f => f.Panel));
        Assert.True(File.Exists(Path.Combine(tmp.Path, output.Figures[0].DataPath)));
        Assert.Equal(4, output.Runs.Count);
    }
}
