using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Theory;

/// <summary>
/// A hand-built linear tracking network on the point mass whose closed loop is known in closed form: per axis a PD
/// controller on the error e_t = r_t − x_t, u_t = k_p e_t + k_d (e_t − e_{t−1})/dt, made of a memoryless unit
/// (W_ii = −(1−γ)/γ, so h_t = e_t) and a one-step delay unit (h_t = e_{t−1}); optional extra units with random weights
/// (fast: per-step multiplier about 0.4) perturb the loop without a closed form.
/// </summary>
internal static class TrackingLoopFixtures
{
    public const double Dt = 0.1;
    public const double Kp = 4, Kd = 4;

    public static NetworkSettings Settings(int hidden) => new()
    {
        Hidden = hidden, Inputs = 4, Outputs = 2, Activation = Activation.Linear, Dt = Dt, Tau = 1.0,
        Trainable = ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights,
    };

    /// <summary>The tracking preset with a network of <paramref name="hidden"/> units (the PD network's settings apart from init).</summary>
    public static RunSettings TrackingRun(int hidden) => Presets.Get("tracking") with { Network = Presets.Get("tracking").Network with { Hidden = hidden } };

    /// <summary>The PD network (4 units; y's gains times <paramref name="yGain"/>), plus <paramref name="extra"/> random units scaled by <paramref name="scale"/>.</summary>
    public static NetworkParameters PdNetwork(int extra = 0, double scale = 0, ulong seed = 1, double yGain = 1)
    {
        int n = 4 + extra;
        var p = new NetworkParameters(Settings(n));
        double g = p.Settings.Gamma;
        for (int axis = 0; axis < 2; axis++)
        {
            int e = 2 * axis, d = e + 1;
            p.Input[axis * n + e] = -1 / g;           // position of this axis
            p.Input[(2 + axis) * n + e] = 1 / g;      // reference of this axis
            p.Recurrent[e * n + e] = -(1 - g) / g;
            p.Recurrent[d * n + d] = -(1 - g) / g;
            p.Recurrent[e * n + d] = 1 / g;           // h_d,t = h_e,t−1
            double g2 = axis == 0 ? 1 : yGain; // y's gains scaled: the axes then have distinct eigenvalues
            p.Readout[e * 2 + axis] = g2 * (Kp + Kd / Dt);
            p.Readout[d * 2 + axis] = -g2 * Kd / Dt;
        }
        var rng = new RandomStream(seed);
        for (int j = 4; j < n; j++)
        {
            for (int i = 0; i < 4; i++) p.Input[i * n + j] = scale * rng.Normal(0, 1);
            for (int i = 0; i < n; i++) p.Recurrent[i * n + j] += scale * rng.Normal(0, 1);
            for (int i = 0; i < 4; i++) p.Recurrent[j * n + i] += scale * rng.Normal(0, 1);
            for (int a = 0; a < 2; a++) p.Readout[j * 2 + a] = scale * rng.Normal(0, 1);
            p.Recurrent[j * n + j] -= 5; // per-step multiplier ≈ 0.4: the extra units are fast
        }
        return p;
    }

    /// <summary>
    /// Closed-form response of the PD loop on one axis: X = L/(1+L) R with L(z) = dt² K(z)/(z−1)²,
    /// K(z) = k_p + k_d(1 − z⁻¹)/dt; the after-step loss charges x_{t+1}, so H = z L/(1+L).
    /// </summary>
    public static Complex PdResponse(double omega, LossTiming timing)
    {
        var z = Complex.FromPolarCoordinates(1, omega * Dt);
        var k = Kp + Kd * (1 - 1 / z) / Dt;
        var l = Dt * Dt * k / ((z - 1) * (z - 1));
        var h = l / (1 + l);
        return timing == LossTiming.AfterStep ? z * h : h;
    }
}
