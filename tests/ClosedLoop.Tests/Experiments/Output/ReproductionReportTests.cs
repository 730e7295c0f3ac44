using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Output;

public class ReproductionReportTests
{
    private static ExperimentReport Report(string name) => new(name, "what it shows", new ExperimentOutput(
        [new Claim
        {
            Id = name + ".1", Category = ClaimCategory.Empirical, Statement = "a | b", Rule = SeedRule.EverySeed, Measured = 2.0, Quantity = "ratio",
            Expected = "D(0)/D(e1) >= 5", Pass = false, Note = "n/a in seed 0: the claim applies where e1 > 0",
            Evidence = [$"{name}/figures/{name}a.png", $"{name}/figures/{name}a.csv", $"{name}/table.csv"],
            Seeds = new SeedStatistics { Seeds = [0, 1, 2], Values = [1, 2, 3], Supports = [null, false, true], Median = 2.5 },
        }],
        [new FigureEntry($"{name}/figures/{name}a.png", "Panel a.")]), TimeSpan.FromSeconds(12));

    [Fact]
    public void An_experiments_report_links_relative_to_its_folder_and_holds_no_timing()
    {
        string md = ReproductionReport.Write([Report("fig9")], new ReproduceSettings("out"), null, [], "fig9");
        Assert.StartsWith("# ClosedLoop reproduction: fig9\n", md);
        Assert.Contains("**0 of 1 empirical claims hold over 3 seeds; 0 of 0 exact checks hold.**", md);
        Assert.Contains("| fig9.1 | empirical | a \\| b — n/a in seed 0: the claim applies where e1 > 0 | D(0)/D(e1) >= 5 | 2 (ratio) | 1/2, 1 n/a | **no** | [fig9a.png](figures/fig9a.png), [fig9a.csv](figures/fig9a.csv), [table.csv](table.csv) |", md);
        Assert.Contains("![Panel a.](figures/fig9a.png)", md);
        Assert.Contains("*Panel a.* ([data](figures/fig9a.csv))", md);
        Assert.DoesNotContain("Wall time", md);
        Assert.DoesNotContain("Runs trained", md);
    }

    [Fact]
    public void The_reproductions_report_links_from_the_root_and_gives_runs_and_wall_times()
    {
        string md = ReproductionReport.Write([Report("fig9"), Report("beta")], new ReproduceSettings("out"), new RunCounts(3, 4), []);
        Assert.StartsWith("# ClosedLoop reproduction report\n", md);
        Assert.Contains("[fig9a.png](fig9/figures/fig9a.png)", md);
        Assert.Contains("[table.csv](beta/table.csv)", md);
        Assert.Contains("Runs trained now: 3; reused from an earlier call: 4.", md);
        Assert.Contains("Wall time 12 s.", md);
        Assert.True(md.IndexOf("## Claims", StringComparison.Ordinal) < md.IndexOf("## Diverged runs", StringComparison.Ordinal));
    }
}
