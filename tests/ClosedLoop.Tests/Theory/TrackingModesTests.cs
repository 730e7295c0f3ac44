using System.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Tests.Theory;

public class TrackingModesTests
{
    // docs/science/reference-values.md A8: ω = 0.628319, 1.25664, 1.88496, 2.51327 rad/s.
    private static readonly double[] Omegas = [2 * Math.PI * 0.1, 2 * Math.PI * 0.2, 2 * Math.PI * 0.3, 2 * Math.PI * 0.4];

    [Fact]
    public void PairWithinFifteenPercent_Matches()
    {
        Complex[] eig = [new(0.9, Omegas[0] * 1.10), new(0.9, -Omegas[0] * 1.10), new(0.95, Omegas[2] * 0.80), new(0.95, -Omegas[2] * 0.80), new(-0.875, 0)];
        Assert.True(ModeFrequency.HasModeNear(eig, Omegas[0]));
        Assert.False(ModeFrequency.HasModeNear(eig, Omegas[2])); // 20 % low
        Assert.True(ModeFrequency.HasModeNear(eig, Omegas[2], relativeTolerance: 0.25));
        Assert.Equal([true, false, false, false], ModeFrequency.MatchTargets(eig, Omegas));
    }

    [Fact]
    public void AngularFrequencies_OnePerPairScaledByTau()
    {
        Complex[] eig = [new(0.5, 2.0), new(0.5, -2.0), new(0.1, 1.0), new(0.1, -1.0), new(0.3, 1e-9)];
        Assert.Equal([1.0, 2.0], ModeFrequency.AngularFrequencies(eig));
        Assert.Equal([0.5, 1.0], ModeFrequency.AngularFrequencies(eig, tau: 2));
        Assert.Throws<ArgumentException>(() => ModeFrequency.AngularFrequencies(eig, tau: 0));
    }

    [Fact]
    public void RealEigenvalues_NeverMatch()
    {
        Assert.False(ModeFrequency.HasModeNear([new Complex(0.63, 0), new Complex(-0.875, 0)], Omegas[0]));
    }

    [Fact]
    public void JointModes_MatchByMultiplierAngleAndMustBeResonant()
    {
        double dt = 0.1;
        Complex Mode(double rate, double freq) => Complex.Exp(new Complex(rate, freq) * dt);
        // ω2 = 1.2566: a pair at 1.10 ω2 with ζ = 0.05 matches; the same frequency with ζ = 0.8 (rate −2.2) does not.
        Assert.True(ModeFrequency.HasJointModeNear([Mode(-0.07, 1.10 * Omegas[1]), Mode(-0.07, -1.10 * Omegas[1])], Omegas[1], dt));
        Assert.False(ModeFrequency.HasJointModeNear([Mode(-2.2, 1.10 * Omegas[1])], Omegas[1], dt));
        Assert.False(ModeFrequency.HasJointModeNear([Mode(-0.07, 1.20 * Omegas[1])], Omegas[1], dt)); // 20 % high
        Assert.False(ModeFrequency.HasJointModeNear([new Complex(0.99, 0), Complex.Zero], Omegas[0], dt)); // real modes never
        Assert.True(ModeFrequency.HasJointModeNear([Mode(0.01, Omegas[3])], Omegas[3], dt)); // growing modes count (ζ < 0)
        Assert.Throws<ArgumentException>(() => ModeFrequency.HasJointModeNear([Mode(-0.07, 1)], 1, 0));
    }
}
