using System.Numerics;
using ClosedLoop.Experiments;
using ClosedLoop.Training;
using static ClosedLoop.Tests.Theory.TrackingLoopFixtures;

namespace ClosedLoop.Tests.Experiments.Figures;

public class AcquisitionModesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_carrying_mode_is_a_pole_of_the_probed_axis(int i)
    {
        // x's PD loop has the closed-loop polynomial z³ − 2z² + (1 + dt² k_p + dt k_d) z − dt k_d; y's gains are halved.
        // The mode carrying ω_i is a root of the probed axis' polynomial, and its network mode is the delay/memoryless
        // units' multiplier 0 (no recurrence of its own).
        var s = TrackingRun(4);
        var m = AcquisitionModes.Of(s, PdNetwork(yGain: 0.5), 123, i)!;
        double g = i % 2 == 0 ? 1 : 0.5; // ω1, ω3 on x; ω2, ω4 on y
        var z = Complex.Exp(new Complex(m.Rate, m.Frequency) * Dt);
        var poly = z * z * z - 2 * z * z + (1 + g * (Dt * Dt * Kp + Dt * Kd)) * z - g * Dt * Kd;
        Assert.True(poly.Magnitude < 1e-9, $"ω{i + 1}: mode {z} is not a root (|p(z)| = {poly.Magnitude})");
        Assert.Equal(123, m.Epoch);
        Assert.Equal(i, m.Index);
        Assert.True(m.Share > 0 && double.IsFinite(m.Share));
        Assert.True(double.IsNegativeInfinity(m.NetworkRate), "the PD units are memoryless or pure delays: multiplier 0");
    }

    [Fact]
    public void Ratios_and_plant_shift_follow_from_the_frequencies_and_rates()
    {
        var m = new CarryingMode(0, 150, 0.628, 0.42, -0.144, 0.325, 1.5, 0.234, -0.567);
        Assert.Equal(0.42 / 0.628, m.FrequencyRatio, 14);
        Assert.Equal(0.234 / 0.628, m.NetworkFrequencyRatio, 14);
        Assert.Equal(Math.Sqrt(0.186 * 0.186 + 0.423 * 0.423), m.PlantShift, 12);
    }

    [Fact]
    public void Nonlinear_networks_have_no_carrying_mode()
    {
        var s = TrackingRun(4);
        var tanh = PdNetwork().CloneWith(PdNetwork().Settings with { Activation = ClosedLoop.Controllers.Activation.Tanh });
        Assert.Null(AcquisitionModes.Of(s, tanh, 0, 0));
    }
}
