using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Controllers;

/// <summary>The initialisation schemes of docs/science/model-and-training.md §2.5: scales, determinism, the "over" construction.</summary>
public class InitializerTests
{
    private static NetworkParameters Draw(string preset, long seed = 3, Func<NetworkSettings, NetworkSettings>? change = null)
    {
        var net = Presets.Get(preset).Network;
        return Initializer.Create(change is null ? net : change(net), RandomStream.Derive(seed, "init"));
    }

    [Fact]
    public void The_same_stream_gives_the_same_weights_and_another_seed_other_weights()
    {
        var a = Draw("tanh");
        var b = Draw("tanh");
        var c = Draw("tanh", seed: 4);
        Assert.All(a.Blocks().Zip(b.Blocks()), p => Assert.Equal(p.First.Values, p.Second.Values));
        Assert.NotEqual(a.Recurrent, c.Recurrent);
    }

    [Fact]
    public void The_rank_one_scheme_draws_m_and_z_uniform_and_u_v_gaussian_with_scale_one_over_root_n()
    {
        var p = Draw("lowrank", change: n => n with { Hidden = 4000 });
        double bound = 1 / Math.Sqrt(4000);
        Assert.All(p.Input, x => Assert.InRange(x, -bound, bound));
        Assert.All(p.Readout, x => Assert.InRange(x, -bound, bound));
        // Sample SD of 4000 normals: within 5 % of 1/√N (the SE of an SD estimate is about 1.1 % here).
        Assert.InRange(Sd(p.U) / bound, 0.95, 1.05);
        Assert.InRange(Sd(p.V) / bound, 0.95, 1.05);
        Assert.Equal(1, p.Rank);
        Assert.True(p.DenseRecurrentIsFrozenZero());
    }

    [Theory]
    [InlineData(-0.2)]
    [InlineData(0.0137)]
    [InlineData(0.3)]
    public void The_over_construction_sets_sigma_zm_exactly(double target)
    {
        var p = Draw("lowrank", change: n => n with { OverlapTarget = target });
        Assert.Equal(target, OrderParameters.Of(p).SigmaZm, 14);
    }

    [Fact]
    public void The_over_construction_refuses_zero_input_weights() =>
        Assert.Throws<ArgumentException>(() => Initializer.SetOverlap([1, 2], [0, 0], 0.1));

    [Fact]
    public void The_gru_scheme_fills_every_gate_block_and_bias_within_one_over_root_n()
    {
        var p = Draw("gru");
        double bound = 1 / Math.Sqrt(p.N);
        Assert.True(p.IsGru);
        Assert.Equal(3 * p.N * p.N, p.Recurrent.Length);
        Assert.Equal(3 * p.N, p.RecurrentBias.Length);
        foreach (var block in new[] { p.Input, p.Recurrent, p.HiddenBias, p.RecurrentBias })
        {
            Assert.All(block, x => Assert.InRange(x, -bound, bound));
            Assert.Contains(block, x => x != 0);
        }
    }

    private static double Sd(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }
}
