using System.Text.Json;
using ClosedLoop.Tests.Cli;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class BenchResultTests
{
    [Fact]
    public void A_loss_that_is_not_finite_is_null_in_the_line_and_every_other_field_a_number()
    {
        var r = new BenchResult("tanh", Precision.Single, 10, 2, 0.123456789, 12.3456789, 20.5, double.NaN, double.PositiveInfinity, 0, 0);
        using var line = JsonDocument.Parse(r.JsonLine(1));
        var o = line.RootElement;
        Assert.Equal(JsonValueKind.Null, o.GetProperty("first_loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("last_loss").ValueKind);
        Assert.Equal("single", o.GetProperty("precision").GetString());
        Assert.Equal(12.3457, o.GetProperty("ms_per_epoch").GetDouble());
        Assert.Equal(0.1235, o.GetProperty("seconds").GetDouble());
        Assert.Equal(1, o.GetProperty("concurrent_runs").GetInt32());
    }

    [Fact]
    public void Bench_prints_one_json_line_per_run_with_the_losses_of_its_seed_to_the_last_bit()
    {
        var r = CliRunner.Run(["bench", "lowrank", "--epochs", "3", "--runs", "2", "--seed", "5"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (int i = 0; i < 2; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var o = line.RootElement;
            Assert.Equal(("lowrank", 3, 2), (o.GetProperty("workload").GetString(), o.GetProperty("epochs").GetInt32(), o.GetProperty("concurrent_runs").GetInt32()));
            var alone = BenchWorkload.Run("lowrank", 3, 5 + i, 1); // run i of a concurrent bench has seed + i
            Assert.Equal((alone.FirstLoss, alone.LastLoss), (o.GetProperty("first_loss").GetDouble(), o.GetProperty("last_loss").GetDouble()));
            Assert.True(o.GetProperty("ms_per_epoch").GetDouble() > 0);
        }
    }
}
