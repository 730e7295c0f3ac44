using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Experiments;
using ClosedLoop.Theory;
using ClosedLoop.Training;
using static ClosedLoop.Tests.Theory.TrackingLoopFixtures;

namespace ClosedLoop.Tests.Theory;

public class FrequencyResponseTests
{
    private const double ClosedFormTolerance = 1e-12;
    private const double SteadyStateTolerance = 1e-11;
    private const int Steps = 800;
    private static readonly double[] Omegas = [2 * Math.PI * 0.1, 2 * Math.PI * 0.2, 2 * Math.PI * 0.3, 2 * Math.PI * 0.4];

    [Theory]
    [InlineData(LossTiming.AfterStep)]
    [InlineData(LossTiming.BeforeStep)]
    public void PdLoopResponseEqualsItsClosedForm(LossTiming timing)
    {
        var response = FrequencyResponse.Of(Plants.PointMass(), PdNetwork(), timing);
        foreach (double w in Omegas.Append(0.05).Append(4.0))
        {
            var h = response.At(w);
            var expected = PdResponse(w, timing);
            for (int a = 0; a < 2; a++)
            {
                Assert.True((h[a, a] - expected).Magnitude < ClosedFormTolerance, $"H[{a},{a}]({w}) = {h[a, a]}, expected {expected}");
                Assert.True(h[1 - a, a].Magnitude < ClosedFormTolerance, $"cross H[{1 - a},{a}]({w}) = {h[1 - a, a]}, expected 0 (axes are decoupled)");
            }
        }
    }

    [Fact]
    public void PdLoopTracksConstantsExactly()
    {
        // At ω = 0 the PD loop's steady state has u = 0, hence e = 0: H(1) = I.
        var h = FrequencyResponse.Of(Plants.PointMass(), PdNetwork()).At(0);
        Assert.True((h[0, 0] - 1).Magnitude < ClosedFormTolerance && (h[1, 1] - 1).Magnitude < ClosedFormTolerance);
        Assert.True(h.ColumnError(0) < ClosedFormTolerance && h.ColumnError(1) < ClosedFormTolerance);
    }

    [Fact]
    public void ZeroReadoutGivesZeroResponse()
    {
        var p = PdNetwork(extra: 3, scale: 0.3);
        Array.Clear(p.Readout);
        var h = FrequencyResponse.Of(Plants.PointMass(), p).At(Omegas[1]);
        Assert.All(h.Entries, v => Assert.True(v.Magnitude < 1e-15, $"{v}"));
        Assert.Equal(1.0, h.ColumnError(0), 14);
    }

    [Theory]
    [InlineData(0, LossTiming.AfterStep)]
    [InlineData(1, LossTiming.AfterStep)]
    [InlineData(2, LossTiming.BeforeStep)]
    [InlineData(3, LossTiming.AfterStep)]
    public void SteadyStateOfTheEngineRolloutIsTheResponse(int probe, LossTiming timing)
    {
        // A perturbed PD loop (no closed form) driven by one un-ramped cosine through the engine's evaluation rollout,
        // clamp on (never reached): after the transient (ρ(P)^500 < 1e-25) every charged position equals
        // Re(H c e^{iω dt t}) on both axes.
        var p = PdNetwork(extra: 3, scale: 0.3, seed: 5);
        var plant = Plants.PointMass();
        var response = FrequencyResponse.Of(plant, p, timing);
        double rho = Spectrum.Of(response.Joint).Radius;
        Assert.True(rho < 0.9, $"precondition: the perturbed loop is stable (ρ(P) = {rho})");
        var comp = TrackingReference.PaperComponents.OrderBy(c => c.FrequencyHz).ElementAt(probe) with { Amplitude = 1.0 };
        double phase = 0.7;
        var run = Simulate(p, comp, phase, timing, clamp: 10.0);
        Assert.True(run.MaxAbsState < 10, "precondition: the clamp never acts");
        int axis = (int)comp.Axis;
        var h = response.At(comp.AngularFrequency);
        double theta = comp.AngularFrequency * Dt;
        for (int t = Steps - 200; t < Steps; t++)
        {
            var c = Complex.FromPolarCoordinates(comp.Amplitude, phase + theta * t);
            Assert.True(Math.Abs(c.Real - run.R(t, 0, comp.Axis)) < 1e-12, $"reference at t = {t}");
            for (int a = 0; a < 2; a++)
            {
                double expected = (h[a, axis] * c).Real;
                Assert.True(Math.Abs(run.X(t, 0, (Axis)a) - expected) < SteadyStateTolerance, $"t = {t}, axis {a}: {run.X(t, 0, (Axis)a)} vs {expected}");
            }
        }
    }

    [Fact]
    public void SteadyStateProbeErrorIsHalfTheSquaredAmplitudeTimesTheColumnError()
    {
        // Mean over whole periods (100 samples = 1, 2, 3, 4 periods) of the summed squared error, against (a²/2)‖(H − I)e_a‖².
        var p = PdNetwork(extra: 3, scale: 0.3, seed: 5);
        var response = FrequencyResponse.Of(Plants.PointMass(), p);
        foreach (var comp in TrackingReference.PaperComponents)
        {
            var run = Simulate(p, comp, 0.3, LossTiming.AfterStep, clamp: null);
            double sum = 0;
            for (int t = Steps - 100; t < Steps; t++)
                for (int a = 0; a < 2; a++)
                {
                    double d = run.X(t, 0, (Axis)a) - run.R(t, 0, (Axis)a);
                    sum += d * d;
                }
            double e = response.At(comp.AngularFrequency).ColumnError((int)comp.Axis);
            double expected = comp.Amplitude * comp.Amplitude / 2 * e * e;
            Assert.True(Math.Abs(expected - sum / 100) < 1e-11 * expected, $"{comp}: {sum / 100} vs {expected}");
        }
    }

    [Fact]
    public void TheClampMakesTheLoopNonlinear()
    {
        // The same loop driven hard enough to reach ±10 no longer follows H (the linear loop does).
        var p = PdNetwork(extra: 3, scale: 0.3, seed: 5);
        var comp = new SinusoidComponent(Axis.X, 0.1, 30.0);
        var h = FrequencyResponse.Of(Plants.PointMass(), p).At(comp.AngularFrequency);
        double Deviation(double? clamp)
        {
            var run = Simulate(p, comp, 0, LossTiming.AfterStep, clamp);
            double max = 0;
            for (int t = Steps - 200; t < Steps; t++)
                max = Math.Max(max, Math.Abs(run.X(t, 0, Axis.X) - (h[0, 0] * Complex.FromPolarCoordinates(comp.Amplitude, comp.AngularFrequency * Dt * t)).Real));
            return max;
        }
        Assert.True(Deviation(null) < 1e-9);
        Assert.True(Deviation(10.0) > 1.0);
    }

    [Fact]
    public void NonlinearNetworksAndWrongInputsAreRejectedNamingTheField()
    {
        var tanh = new NetworkParameters(Settings(4) with { Activation = Activation.Tanh });
        Assert.Contains("network.activation", Assert.Throws<ArgumentException>(() => FrequencyResponse.Of(Plants.PointMass(), tanh)).Message);
        var three = new NetworkParameters(Settings(4) with { Inputs = 3 });
        Assert.Contains("network.inputs", Assert.Throws<ArgumentException>(() => FrequencyResponse.Of(Plants.PointMass(), three)).Message);
    }

    /// <summary>One trajectory of the engine's evaluation rollout on a single un-ramped cosine.</summary>
    private static TrackingTrajectories Simulate(NetworkParameters p, SinusoidComponent comp, double phase, LossTiming timing, double? clamp)
    {
        var s = Presets.Get("tracking") with
        {
            Network = p.Settings,
            Plant = new PlantSettings { Kind = PlantKind.PointMass, Dt = Dt, Clamp = clamp },
            Episode = Presets.Get("tracking").Episode with { Steps = Steps, LossTiming = timing },
            Reference = new TrackingReference { Components = [comp], RampSeconds = 0, Steps = Steps },
        };
        return TrackingRollouts.Fixed(s, p, [phase]);
    }
}
