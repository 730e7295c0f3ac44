using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;
using static ClosedLoop.Tests.Theory.TrackingLoopFixtures;

namespace ClosedLoop.Tests.Theory;

public class ResponseModesTests
{
    [Theory]
    [InlineData(11UL, 0.628)]
    [InlineData(12UL, 1.885)]
    [InlineData(13UL, 2.513)]
    public void ContributionsOfAllModesSumToTheResponse(ulong seed, double omega)
    {
        // H(z) = Σ_k z r_k/(z − λ_k) over all eigenvalues. Stability is not needed.
        var p = RandomNetwork(8, seed);
        var response = FrequencyResponse.Of(Plants.PointMass(), p);
        var eig = Spectrum.Of(response.Joint).Eigenvalues;
        var h = response.At(omega);
        for (int row = 0; row < 2; row++)
            for (int col = 0; col < 2; col++)
            {
                var modes = ResponseModes.Of(response, eig, omega, row, col);
                var sum = modes.Aggregate(Complex.Zero, (s, m) => s + m.Contribution);
                Assert.True((sum - h[row, col]).Magnitude < 1e-8 * Math.Max(1, h[row, col].Magnitude), $"H[{row},{col}] = {h[row, col]}, sum of modes = {sum}");
                Assert.True(modes.Zip(modes.Skip(1)).All(x => x.First.Contribution.Magnitude >= x.Second.Contribution.Magnitude), "largest contribution first");
            }
    }

    [Fact]
    public void AModeTheReferenceCannotReachContributesNothing()
    {
        // Unit 4 has no inputs and no readout and feeds nobody: its eigenvalue 1 − γ + γ·3 = 1.2 is a mode of P
        // that the reference never excites.
        var p = PdNetwork(extra: 1, scale: 0);
        p.Recurrent[4 * 5 + 4] = 3;
        var response = FrequencyResponse.Of(Plants.PointMass(), p);
        var residue = ResponseModes.Residue(response, new Complex(1.2, 0), 0, 0);
        Assert.True(residue.Magnitude < 1e-9, $"residue {residue}");
        var active = ResponseModes.Residue(response, Spectrum.Of(response.Joint).Eigenvalues.First(l => Math.Abs(l.Real - 1.2) > 1e-3 && l.Magnitude > 0.5), 0, 0);
        Assert.True(active.Magnitude > 1e-3, "the PD loop's own modes do carry the response");
    }

    [Fact]
    public void ModeFrequencyRateAndDampingFollowFromTheMultiplier()
    {
        double dt = 0.1, rate = -0.1, freq = 2.0;
        var mode = new ResponseMode(Complex.Exp(new Complex(rate, freq) * dt), Complex.One);
        Assert.Equal(freq, mode.Frequency(dt), 12);
        Assert.Equal(rate, mode.Rate(dt), 12);
        Assert.Equal(0.1 / Math.Sqrt(4.01), mode.DampingRatio(dt), 12);
        Assert.Equal(1.0, new ResponseMode(new Complex(0.5, 0), Complex.One).DampingRatio(dt), 12);
    }

    [Fact]
    public void FastModesCanBeLeftOut()
    {
        var p = RandomNetwork(8, 11);
        var response = FrequencyResponse.Of(Plants.PointMass(), p);
        var eig = Spectrum.Of(response.Joint).Eigenvalues;
        var slow = ResponseModes.Of(response, eig, 1.0, 0, 0, minModulus: 0.8);
        Assert.All(slow, m => Assert.True(m.Eigenvalue.Magnitude >= 0.8));
        Assert.Equal(eig.Count(l => l.Imaginary >= -Spectrum.ImaginaryTolerance && l.Magnitude >= 0.8), slow.Count);
    }

    private static NetworkParameters RandomNetwork(int n, ulong seed)
    {
        var p = new NetworkParameters(Settings(n));
        var rng = new RandomStream(seed);
        rng.FillNormal(p.Input, 0, 1.0);
        rng.FillNormal(p.Recurrent, 0, 0.5);
        rng.FillNormal(p.Readout, 0, 1.0);
        return p;
    }
}
