using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Environments;

public class RingPlantTests
{
    private static readonly RingPlant Moving = new()
    {
        Dt = 0.1, FeedbackFactor = 1.3, Observation = RingObservation.AngleAndVelocity, TargetAmplitude = 1.2, TargetFrequency = 0.04, VelocityPenalty = 0.05,
    };

    private static readonly IPlantDynamics<double> Steps = Moving.Dynamics<double>();

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(Math.PI, -Math.PI)]
    [InlineData(-Math.PI, -Math.PI)]
    [InlineData(3.5, 3.5 - 2 * Math.PI)]
    [InlineData(-7.0, -7.0 + 2 * Math.PI)]
    [InlineData(20.0, 20.0 - 6 * Math.PI)]
    public void Wrap_maps_into_minus_pi_to_pi(double a, double expected) => Assert.Equal(expected, RingPlant.Wrap(a), 1e-12);

    [Fact]
    public void Step_in_error_coordinates_equals_the_angle_form_of_the_spec()
    {
        // θ' = wrap(θ + dt ω'), ω' = ω + dt f_B u, ε = wrap(θ − θ*(t)) (docs/science/model-and-training.md §1.5), over 40 steps that wrap.
        var rng = new RandomStream(3);
        double theta = 2.9, omega = 1.7, eps = RingPlant.Wrap(theta - Moving.Target(0));
        var x = new[] { eps, omega };
        var next = new double[2];
        for (int t = 0; t < 40; t++)
        {
            double u = rng.Uniform(-3, 3);
            omega += Moving.Dt * Moving.FeedbackFactor * u;
            theta = RingPlant.Wrap(theta + Moving.Dt * omega);
            Steps.Step(t, x, [u], default, next, [], 1);
            next.CopyTo(x, 0);
            Assert.Equal(omega, x[1], 1e-12);
            double expected = RingPlant.Wrap(theta - Moving.Target(t + 1));
            Assert.True(Math.Abs(RingPlant.Wrap(x[0] - expected)) < 1e-12, $"t = {t}: ε = {x[0]}, from θ: {expected}");
        }
    }

    [Fact]
    public void Adjoints_match_central_differences_across_the_wrap()
    {
        // A batch whose steps cross ε = ±π (the state jumps by 2π) and one that does not; every output is checked.
        double[] x = [3.1, 2.0, -3.05, -1.5, 0.4, -0.2];
        double[] u = [0.7, -0.4, 1.1];
        var (gNext, gy) = (new[] { 0.3, -1.2, 0.8, 0.5, -0.6, 0.9 }, new[] { 0.2, -0.7, 1.1, -0.4, 0.6, 0.3, 0.9, -0.1, 0.5 });
        var next = new double[6];
        Steps.Step(7, x, u, default, next, [], 3);
        Assert.True(next[0] < 0 && next[2] > 0, "the first two samples cross the wrap");
        var gx = new double[6];
        var gu = new double[3];
        Steps.StepAdjoint(7, x, [], gNext, gx, gu, 3, new double[6]);
        var gxObs = new double[6];
        Steps.ObserveAdjoint(x, gy, gxObs, 3);
        // Central differences of the continuous functionals ⟨g, sin/cos(ε')⟩-style: the wrap's jump is removed by
        // comparing unwrapped differences (wrap(ε'(x+h) − ε'(x−h))).
        const double h = 1e-6;
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(gx[i], Directional(x, u, i, isControl: false, h, gNext), 8);
            Assert.Equal(gxObs[i], ObservationDirectional(x, i, h, gy), 8);
        }
        for (int b = 0; b < 3; b++) Assert.Equal(gu[b], Directional(x, u, b, isControl: true, h, gNext), 8);
    }

    private static double Directional(double[] x, double[] u, int i, bool isControl, double h, double[] g)
    {
        double[] Plus(double s)
        {
            var xs = (double[])x.Clone();
            var us = (double[])u.Clone();
            if (isControl) us[i] += s; else xs[i] += s;
            var n = new double[6];
            Steps.Step(7, xs, us, default, n, [], 3);
            return n;
        }
        var up = Plus(h);
        var down = Plus(-h);
        double sum = 0;
        for (int j = 0; j < 6; j++)
        {
            double d = j % 2 == 0 ? RingPlant.Wrap(up[j] - down[j]) : up[j] - down[j];
            sum += g[j] * d / (2 * h);
        }
        return sum;
    }

    private static double ObservationDirectional(double[] x, int i, double h, double[] gy)
    {
        var up = (double[])x.Clone();
        var down = (double[])x.Clone();
        up[i] += h;
        down[i] -= h;
        var yu = new double[9];
        var yd = new double[9];
        Steps.Observe(up, yu, 3);
        Steps.Observe(down, yd, 3);
        double sum = 0;
        for (int j = 0; j < 9; j++) sum += gy[j] * (yu[j] - yd[j]) / (2 * h);
        return sum;
    }

    [Fact]
    public void Linearize_agrees_with_the_adjoints()
    {
        double[] x = [2.5, -0.3];
        var jac = Moving.Linearize(4, x, [0.2]);
        var gx = new double[2];
        var gu = new double[1];
        Steps.StepAdjoint(4, x, [], [1.0, 0.0], gx, gu, 1, new double[2]);
        Assert.Equal([jac.State[0, 0], jac.State[0, 1]], gx);
        Assert.Equal(jac.Control[0, 0], gu[0], 1e-15);
        var gObs = new double[2];
        Steps.ObserveAdjoint(x, [0.0, 1.0, 0.0], gObs, 1);
        Assert.Equal(jac.Observation[1, 0], gObs[0]);
        Assert.Equal(-Math.Sin(2.5), jac.Observation[1, 0]);
    }

    [Fact]
    public void Settings_build_the_ring_and_reject_noise_and_clamp()
    {
        var s = new PlantSettings { Kind = PlantKind.Ring, Dt = 0.1, Ring = new RingSettings { Observation = RingObservation.Angle, VelocityPenalty = 0.05 } };
        var plant = Assert.IsType<RingPlant>(s.Build());
        Assert.Equal(2, plant.ObservationSize);
        Assert.Equal(Math.Sqrt(0.05), plant.RegulationCost[1, 1]);
        var e = Assert.Throws<ArgumentException>(() => (s with { Clamp = 5 }).Build());
        Assert.Contains("plant.clamp", e.Message);
        e = Assert.Throws<ArgumentException>(() => (s with { Ring = s.Ring with { VelocityPenalty = -1 } }).Build());
        Assert.Contains("plant.ring.velocity_penalty = -1", e.Message);
    }
}
