using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs;

/// <summary>Parameter snapshots (<c>params_*.npz</c>): named blocks in the row form, frozen zero blocks left out.</summary>
public class ParameterFileTests
{
    [Theory]
    [InlineData("lowrank")]
    [InlineData("tanh")]
    [InlineData("gru")]
    [InlineData("repro-lowrank")]
    public void Every_block_round_trips_bit_for_bit(string preset)
    {
        using var tmp = new TempDirectory();
        var net = Presets.Get(preset).Network with { Hidden = 7 };
        var p = Initializer.Create(net, RandomStream.Derive(5, "init"));
        string path = tmp.File(ParameterFile.NameOf(12));
        ParameterFile.Write(path, p);
        var back = ParameterFile.Read(path, net);
        Assert.All(p.Blocks().Zip(back.Blocks()), b => Assert.Equal(b.First.Values, b.Second.Values));
        Assert.Equal("params_00012.npz", Path.GetFileName(path));
    }

    [Fact]
    public void The_frozen_zero_dense_part_of_the_rank_one_model_is_left_out_and_read_back_as_zeros()
    {
        using var tmp = new TempDirectory();
        var net = Presets.Get("lowrank").Network with { Hidden = 5 };
        var p = Initializer.Create(net, RandomStream.Derive(5, "init"));
        string path = tmp.File(ParameterFile.FinalName);
        ParameterFile.Write(path, p);
        var names = Npz.Read(path).Keys.ToList();
        Assert.DoesNotContain("recurrent_weights", names);
        Assert.Contains("u", names);
        Assert.All(ParameterFile.Read(path, net).Recurrent, x => Assert.Equal(0, x));
    }

    [Fact]
    public void A_missing_trained_block_or_a_wrong_shape_is_named()
    {
        using var tmp = new TempDirectory();
        var net = Presets.Get("tanh").Network with { Hidden = 4 };
        string path = tmp.File("p.npz");
        Npz.Write(path, [KeyValuePair.Create("input_weights", NpyArray.Float64(new double[4], 1, 4))]);
        var missing = Assert.Throws<ArgumentException>(() => ParameterFile.Read(path, net));
        Assert.Contains("has no block 'recurrent_weights'", missing.Message);
        Npz.Write(path, [KeyValuePair.Create("input_weights", NpyArray.Float64(new double[3], 1, 3))]);
        var shape = Assert.Throws<ArgumentException>(() => ParameterFile.Read(path, net));
        Assert.Contains("block 'input_weights' has 3 values, the network needs 1x4", shape.Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => ParameterFile.Read(tmp.File("none.npz"), net)).Message);
    }
}
