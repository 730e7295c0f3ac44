using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Tests.Support;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TheoryFixtures;

namespace ClosedLoop.Tests.Theory;

public class JointJacobianTests
{
    /// <summary>J and P agree to rounding: the same products, associated differently.</summary>
    private const double RoundingTolerance = 1e-13;
    private const double Step = 1e-6;
    private const double FiniteDifferenceTolerance = 1e-8;

    public static IEnumerable<object[]> LinearAgents()
    {
        foreach (var act in new[] { Activation.Linear, Activation.Tanh })
            foreach (var rec in Enum.GetValues<Recurrence>())
                foreach (bool tracking in new[] { false, true })
                    yield return [act, rec, tracking];
    }

    [Theory]
    [MemberData(nameof(LinearAgents))]
    public void At_the_origin_it_equals_the_joint_matrix(Activation act, Recurrence rec, bool tracking)
    {
        // Leak γ = 0.4, feedback factor 1.3, non-zero hidden bias (tanh: D = φ'(b_h)), exogenous inputs for tracking.
        var plant = tracking ? Plants.PointMass(0.1, 10.0) with { FeedbackFactor = 1.3 } : Plants.DoubleIntegrator() with { FeedbackFactor = 1.3 };
        var net = Rnn(act, rec, plant.ObservationSize + (tracking ? 2 : 0), plant.ControlSize, seed: 7);
        var p = JointMatrix.Build(plant, net);
        Assert.True(new JointJacobian(plant, net).TryAtOrigin(out var j));
        double scale = p.MaxAbs();
        for (int a = 0; a < p.Rows; a++)
            for (int b = 0; b < p.Cols; b++)
                Near(p[a, b], j[a, b], RoundingTolerance * scale, $"[{a},{b}]");
    }

    public static IEnumerable<object[]> Agents()
    {
        yield return [Cell.Gru, Activation.Tanh, PlantChoice.RingMovingTarget];
        yield return [Cell.Gru, Activation.Tanh, PlantChoice.RingWithVelocity];
        yield return [Cell.Gru, Activation.Tanh, PlantChoice.DoubleIntegrator];
        yield return [Cell.Rnn, Activation.Tanh, PlantChoice.RingMovingTarget];
        yield return [Cell.Rnn, Activation.Relu, PlantChoice.DoubleIntegrator];
        yield return [Cell.Rnn, Activation.Relu, PlantChoice.RingWithVelocity];
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void At_an_operating_point_it_equals_the_finite_difference_jacobian_of_the_closed_loop_map(Cell cell, Activation act, PlantChoice choice)
    {
        var plant = CellProblems.Plant(choice);
        var net = cell == Cell.Gru
            ? CellProblems.Network(Cell.Gru, plant, ParameterBlocks.None, seed: 4)
            : Rnn(act, Recurrence.Dense, plant.ObservationSize, 1, seed: 4);
        var rng = new RandomStream(12);
        var s = new double[plant.StateSize + net.N];
        rng.FillUniform(s, -1, 1);
        s[0] = 2.2; // an angle error well inside (−π, π): the wrap is not crossed within the differences
        Assert.True(new JointJacobian(plant, net).TryAt(3, s.AsSpan(0, plant.StateSize), s.AsSpan(plant.StateSize), default, out var j));
        for (int b = 0; b < s.Length; b++)
        {
            var up = (double[])s.Clone();
            var down = (double[])s.Clone();
            up[b] += Step;
            down[b] -= Step;
            var fu = Map(plant, net, up, 3);
            var fd = Map(plant, net, down, 3);
            for (int a = 0; a < s.Length; a++)
                Near((fu[a] - fd[a]) / (2 * Step), j[a, b], FiniteDifferenceTolerance, $"[{a},{b}]");
        }
    }

    [Fact]
    public void Relu_has_no_jacobian_at_the_origin_but_one_at_an_operating_point()
    {
        var plant = Plants.DoubleIntegrator();
        var net = Rnn(Activation.Relu, Recurrence.Dense, 1, 1, seed: 2);
        Array.Clear(net.HiddenBias);
        var jac = new JointJacobian(plant, net);
        Assert.False(jac.TryAtOrigin(out _));
        Assert.True(jac.TryAt(0, [0.5, -0.2], Enumerable.Range(0, net.N).Select(i => 0.1 * (i + 1)).ToArray(), default, out _));
    }

    /// <summary>
    /// The closed-loop map (x, h) ↦ (x', h') of docs/science/model-and-training.md §4 written out: u = Z h + b_o, x' = f_t(x, u), o' = g(x'), and the
    /// cell in column form with scalar loops (docs/science/model-and-training.md §2.1, §2.6).
    /// </summary>
    private static double[] Map(IPlant plant, NetworkParameters p, double[] s, int t)
    {
        int k = plant.StateSize, n = p.N, nin = p.Settings.Inputs;
        var h = s[k..];
        double u = p.OutputBias[0];
        for (int i = 0; i < n; i++) u += p.Readout[i] * h[i];
        var next = new double[k + n];
        plant.Dynamics<double>().Step(t, s.AsSpan(0, k), [u], default, next, new double[k], 1);
        var o = new double[nin];
        plant.Dynamics<double>().Observe(next, o, 1);
        (p.IsGru ? CellProblems.ReferenceGruStep(p, h, o) : RnnCell(p, h, o)).CopyTo(next, k);
        return next;
    }

    private static double[] RnnCell(NetworkParameters p, double[] h, double[] o)
    {
        int n = p.N;
        double gamma = p.Settings.Gamma;
        var next = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = p.HiddenBias[i];
            for (int j = 0; j < n; j++) a += p.Recurrent[j * n + i] * h[j];
            for (int j = 0; j < o.Length; j++) a += p.Input[j * n + i] * o[j];
            double phi = p.Settings.Activation switch { Activation.Tanh => Math.Tanh(a), Activation.Relu => Math.Max(a, 0), _ => a };
            next[i] = (1 - gamma) * h[i] + gamma * phi;
        }
        return next;
    }

    private static NetworkParameters Rnn(Activation act, Recurrence rec, int inputs, int outputs, ulong seed)
    {
        var settings = new NetworkSettings
        {
            Hidden = 6, Inputs = inputs, Outputs = outputs, Activation = act, Recurrence = rec, Rank = 2, Dt = 0.4, Tau = 1.0,
            Trainable = ParameterBlocks.None,
        };
        if (act == Activation.Relu) settings = settings with { Dt = 1.0 };
        var p = new NetworkParameters(settings);
        var rng = new RandomStream(seed);
        foreach (var block in p.Blocks()) rng.FillNormal(block.Values, 0, 0.5);
        return p;
    }
}
