using ClosedLoop.Experiments.Protocols;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Experiments.Protocols;

public class ControlPenaltyTradeOffTests
{
    /// <summary>The trade-off of docs/science/reference-values.md §C6: every step improves D_short while D_long and ρ grow.</summary>
    private static HorizonTradeOffResult C6()
    {
        var e = Enumerable.Range(0, 12).ToArray();
        return HorizonTradeOff.Compute(e.Select(x => Math.Exp(-0.1 * x)).ToList(), e.Select(x => 1 + 0.08 * x).ToList(), e.Select(x => 0.9 + 0.01 * x).ToList());
    }

    [Fact]
    public void Summary_counts_support_per_component_overall_and_per_beta_with_failures_apart()
    {
        var runs = new List<TradeOffRun>
        {
            new(0, 0, false, C6(), "a"),
            new(0, 1, false, C6(), "b"),
            new(0.1, 0, true, null, "c"),
        };
        var rows = ControlPenaltyTradeOff.SummaryRows(runs).ToList();
        Assert.Equal(3 * 6, rows.Count); // all, β = 0, β = 0.1
        var union = rows.Single(r => (string)r[0]! == "all" && (string)r[1]! == "union");
        Assert.Equal([2, 2, 1], union.Skip(2).Take(3).Cast<int>());
        Assert.Equal(1.0, (double)union[5]!, 1e-12);
        var lossOnly = rows.Single(r => (string)r[0]! == "0" && (string)r[1]! == "loss_only");
        Assert.Equal(0, lossOnly[2]); // ρ grows at every step, so no loss-only co-occurrence
        var failed = rows.Single(r => (string)r[0]! == "0.1" && (string)r[1]! == "union");
        Assert.Equal([0, 0, 1], failed.Skip(2).Take(3).Cast<int>());
        Assert.True(double.IsNaN((double)failed[5]!));
    }
}
