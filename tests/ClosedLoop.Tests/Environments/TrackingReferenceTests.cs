using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Environments;

public class TrackingReferenceTests
{
    // docs/science/reference-values.md §A8: zero-phase reference samples.
    [Theory]
    [InlineData(1, 0, 0.457453)]
    [InlineData(2, 0, 0.887914)]
    [InlineData(10, 0, 1.155)]
    [InlineData(10, 1, -1.155)]
    [InlineData(299, 0, 4.57453)]
    [InlineData(299, 1, 4.52921)]
    public void Zero_phase_samples_match_A8(int index, int axis, double expected)
    {
        var r = new TrackingReference().Values(new double[4], 1);
        Assert.Equal(expected, r[index * 2 + axis], 5e-6 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void Values_equal_the_cosine_formula_for_random_phases()
    {
        var reference = new TrackingReference();
        var phases = reference.DrawPhases(new RandomStream(5), 7);
        var r = reference.Values(phases, 7);
        for (int i = 0; i < reference.Steps; i += 13)
            for (int b = 0; b < 7; b++)
            {
                double t = i * reference.Dt;
                double[] direct = new double[2];
                for (int j = 0; j < 4; j++)
                {
                    var c = reference.Components[j];
                    direct[(int)c.Axis] += reference.Ramp(i) * c.Amplitude * Math.Cos(c.AngularFrequency * t + phases[b * 4 + j]);
                }
                Assert.Equal(direct[0], r[(i * 7 + b) * 2], 1e-12);
                Assert.Equal(direct[1], r[(i * 7 + b) * 2 + 1], 1e-12);
            }
    }

    [Fact]
    public void Mean_squared_reference_energy_matches_A8()
    {
        // 0.1 · mean over steps of Σ_axes r² with all phases 0 (the training loss of a zero-output network).
        var r = new TrackingReference().Values(new double[4], 1);
        double sum = 0;
        foreach (var v in r) sum += v * v;
        Assert.Equal(1.00027, 0.1 * sum / 300, 5e-6);
    }
}
