using ClosedLoop.Sweeps;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Sweeps;

public class SweepSummaryTests
{
    [Fact]
    public void Each_point_and_mode_gets_the_quartiles_and_a_seeded_bootstrap_of_each_number_and_counts_of_each_yes_no()
    {
        var sweep = SweepPlanner.Plan(SweepSpec.Parse("""{"grid": {"objective.beta": [0, 0.5]}, "seeds": [0, 1, 2, 3, 4]}"""), "/tmp/s");
        double[] losses = [3, 1, double.NaN, 7, 2, 10, 20, 30, 40, 50];
        bool?[] diverged = [false, false, true, false, null, true, true, false, true, true];
        var header = SweepResults.FixedColumns(sweep).Concat(["final_loss", "diverged", "preset"]).ToList();
        var rows = sweep.Runs.Select(r => (IReadOnlyList<object?>)[r.Index, r.Point, r.Point == 0 ? 0L : 0.5, r.Seed, "closed", "runs/x", "done", null, null,
            losses[r.Index], diverged[r.Index], "tanh"]).ToList();
        var summary = SweepSummary.Build(sweep, new SweepTable(header, rows));
        Assert.Equal(["point", "objective.beta", "mode", "result", "kind", "runs", "count", "non_finite", "median", "q1", "q3", "iqr", "mean",
            "mean_ci95_low", "mean_ci95_high", "yes", "no"], summary.Header);
        Assert.Equal(4, summary.Rows.Count); // two points x (final_loss, diverged); the text column is left out
        var loss0 = summary.Rows.Single(r => (long)r[0]! == 0 && (string)r[3]! == "final_loss");
        double[] finite = [3, 1, 7, 2];
        var s = Descriptive.Summarize(finite);
        var ci = Bootstrap.MeanInterval(finite, 2000, 0);
        Assert.Equal<object?>(["number", 5, 4, 1, s.Median, s.LowerQuartile, s.UpperQuartile, s.InterquartileRange, s.Mean, ci.Lower, ci.Upper, null, null], loss0.Skip(4));
        var div1 = summary.Rows.Single(r => (long)r[0]! == 1 && (string)r[3]! == "diverged");
        Assert.Equal<object?>(["yes_no", 5, 5, 0, null, null, null, null, null, null, null, 4, 1], div1.Skip(4));
        Assert.Equal(0.5, summary.Rows.Single(r => (long)r[0]! == 1 && (string)r[3]! == "final_loss")[1]);
    }
}
