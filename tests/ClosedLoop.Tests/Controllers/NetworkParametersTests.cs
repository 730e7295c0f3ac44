using ClosedLoop.Controllers;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Controllers;

/// <summary>The parameter blocks in the published row form and their column-form views (docs/science/model-and-training.md §2).</summary>
public class NetworkParametersTests
{
    private static NetworkParameters Draw(string preset) => Initializer.Create(Presets.Get(preset).Network, RandomStream.Derive(1, "init"));

    [Fact]
    public void The_column_form_recurrent_matrix_is_the_transposed_bulk_plus_u_v_transposed()
    {
        var p = Draw("repro-lowrank"); // rank 1 plus a fixed random bulk
        Assert.Equal(p.N * p.N, p.Recurrent.Length);
        var w = p.RecurrentColumnForm();
        int n = p.N;
        foreach (var (i, j) in new[] { (0, 0), (3, 7), (n - 1, 2) })
            Assert.Equal(p.Recurrent[j * n + i] + p.U[i] * p.V[j], w[i, j], 14);
        var m = p.InputColumnForm();
        Assert.Equal((n, p.Settings.Inputs), (m.Rows, m.Cols));
        Assert.Equal(p.Input[(p.Settings.Inputs - 1) * n + 5], m[5, p.Settings.Inputs - 1]);
        var z = p.ReadoutColumnForm();
        Assert.Equal((p.Settings.Outputs, n), (z.Rows, z.Cols));
        Assert.Equal(p.Readout[4 * p.Settings.Outputs + 0], z[0, 4]);
    }

    [Fact]
    public void A_clone_is_independent_and_trainable_blocks_follow_the_settings()
    {
        var p = Draw("lowrank");
        var c = p.Clone();
        c.U[0] += 1;
        Assert.NotEqual(p.U[0], c.U[0]);
        Assert.All(p.TrainableBlocks(), b => Assert.NotEqual(ParameterBlocks.None, p.Settings.Trainable & b.Id));
        Assert.DoesNotContain(p.TrainableBlocks(), b => b.Id == ParameterBlocks.RecurrentWeights); // the dense part of the rank-1 model is frozen
        Assert.True(p.AllFinite());
        c.Readout[0] = double.NaN;
        Assert.False(c.AllFinite());
    }

    [Fact]
    public void Gru_gate_blocks_sit_side_by_side_in_the_order_r_q_n()
    {
        var p = Draw("gru");
        int n = p.N, width = 3 * n;
        for (int gate = 0; gate < 3; gate++)
        {
            var w = p.GateColumnForm(gate, recurrent: true);
            Assert.Equal(p.Recurrent[2 * width + gate * n + 1], w[1, 2]);
        }
        Assert.Throws<InvalidOperationException>(() => p.RecurrentColumnForm());
        Assert.Throws<InvalidOperationException>(() => Draw("tanh").GateColumnForm(0, recurrent: false));
    }
}
