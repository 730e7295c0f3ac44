using System.Text.RegularExpressions;
using ClosedLoop.Sweeps;
using ClosedLoop.Tests.Support;

namespace ClosedLoop.Tests.Sweeps;

/// <summary>The specs users copy — examples/sweeps/*.json and the JSON blocks of docs/sweeps.md — plan without error.</summary>
public partial class ExampleSpecsTests
{
    [Fact]
    public void Every_example_spec_plans()
    {
        var files = Directory.GetFiles(Repository.PathOf("examples", "sweeps"), "*.json");
        Assert.NotEmpty(files);
        foreach (var f in files)
            Assert.NotEmpty(SweepPlanner.Plan(SweepSpec.Read(f), "/tmp/example").Runs);
        var beta = SweepPlanner.Plan(SweepSpec.Read(files.Single(f => f.EndsWith("beta-peak.json", StringComparison.Ordinal))), "/tmp/example");
        Assert.Equal(18, beta.Runs.Count);
    }

    [Fact]
    public void The_spec_of_docs_sweeps_md_plans()
    {
        string doc = File.ReadAllText(Repository.PathOf("docs", "sweeps.md"));
        var block = JsonBlock().Match(doc);
        Assert.True(block.Success);
        var sweep = SweepPlanner.Plan(SweepSpec.Parse(block.Groups[1].Value), "/tmp/example");
        Assert.Equal(3 * 2 * 2 * 5 * 2, sweep.Runs.Count); // steps x hidden x zip x seeds x modes
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
