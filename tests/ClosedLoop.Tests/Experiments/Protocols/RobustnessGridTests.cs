using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class RobustnessGridTests
{
    [Fact]
    public void Robustness_cells_show_supported_over_total_and_mark_failures()
    {
        var closed = PairMeasuresTests.Closed();
        var ok = PairMeasures.Compute(0, closed, PairMeasuresTests.Open(closed.Deployed.Select((d, e) => e == 10 ? 1000 : d).ToArray()));
        var failed = PairMeasures.Compute(1, closed, PairMeasuresTests.Open(closed.Deployed.Select((d, e) => e == 10 ? double.NaN : d).ToArray()));
        var row = new RobustnessRow(RobustnessSettings.Get("original"), [ok, failed]);
        int peak = RobustnessRow.Criteria.ToList().FindIndex(c => c.Name == "post-initial peak");
        int three = RobustnessRow.Criteria.ToList().FindIndex(c => c.Name == "three stages");
        Assert.Equal("1/2 F1", row.Cell(peak));
        Assert.Equal(new SupportSummary(1, 1, 1), row.Support(three));
        Assert.Equal(1, row.Failures);
    }
}
