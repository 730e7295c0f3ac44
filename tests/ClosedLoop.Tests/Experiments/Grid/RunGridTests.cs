using ClosedLoop.Experiments;
using ClosedLoop.Tests.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Grid;

public class RunGridTests
{
    [Fact]
    public void A_pair_is_the_closed_run_and_its_open_twin_under_one_key()
    {
        var grid = new RunGrid<long>().AddPairs([2, 5], s => TinyRuns.Tanh(s));
        Assert.Equal([2L, 2L, 5L, 5L], grid.Runs.Select(r => r.Key));
        Assert.Equal([LoopMode.Closed, LoopMode.Open, LoopMode.Closed, LoopMode.Open], grid.Runs.Select(r => r.Settings.Mode));
        Assert.Equal(grid.Runs[0].Settings.OpenTwin(), grid.Runs[1].Settings);
        Assert.Empty(grid.Later);
    }

    [Fact]
    public void A_key_holds_one_run_per_mode_and_pairs_start_closed()
    {
        var grid = new RunGrid<long>().AddPair(0, TinyRuns.Tanh(0));
        Assert.Throws<ArgumentException>(() => grid.Add(0, TinyRuns.Tanh(0, 7)));
        Assert.Throws<ArgumentException>(() => grid.AddAfter(0, _ => TinyRuns.Tanh(0)));
        Assert.Throws<ArgumentException>(() => new RunGrid<long>().AddPair(1, TinyRuns.Tanh(1, mode: LoopMode.Open)));
    }
}
