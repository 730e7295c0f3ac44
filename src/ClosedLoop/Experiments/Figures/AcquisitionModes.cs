using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// The closed-loop mode that carries the response at ω_i at one checkpoint (docs/findings/tracking-modes.md): the
/// eigenvalue of the joint matrix P with the largest contribution to H_aa(ω_i) (<see cref="ResponseModes"/>), and
/// the eigenvalue of W whose per-step multiplier 1 − γ + γλ_W lies nearest to it. Frequencies and rates are in
/// continuous time (rad/s, 1/s): arg λ / dt and ln|λ| / dt.
/// </summary>
/// <param name="Index">i − 1 (0 for ω₁).</param>
/// <param name="Epoch">The checkpoint (a snapshot epoch).</param>
/// <param name="Omega">ω_i.</param>
/// <param name="Frequency">Frequency of the carrying P mode.</param>
/// <param name="Rate">Growth rate of the carrying P mode (negative: decaying).</param>
/// <param name="Damping">Damping ratio ζ of the carrying P mode.</param>
/// <param name="Share">|contribution| / |H_aa(ω_i)| of the carrying mode (above 1 when other modes partly cancel it).</param>
/// <param name="NetworkFrequency">Frequency of the nearest mode of the network alone (from eig(W)).</param>
/// <param name="NetworkRate">Growth rate of that network mode.</param>
public sealed record CarryingMode(int Index, int Epoch, double Omega, double Frequency, double Rate, double Damping, double Share, double NetworkFrequency, double NetworkRate)
{
    /// <summary>Frequency of the carrying P mode over ω_i.</summary>
    public double FrequencyRatio => Frequency / Omega;

    /// <summary>Frequency of the nearest W mode over ω_i.</summary>
    public double NetworkFrequencyRatio => NetworkFrequency / Omega;

    /// <summary>
    /// How far the plant's feedback moves the mode: |(rate + i·frequency)_P − (rate + i·frequency)_W| in 1/s, the
    /// distance between the closed-loop mode and the network's own mode.
    /// </summary>
    public double PlantShift => Complex.Abs(new Complex(Rate - NetworkRate, Frequency - NetworkFrequency));
}

/// <summary>Carrying modes of a tracking run's checkpoints.</summary>
public static class AcquisitionModes
{
    /// <summary>
    /// The mode carrying ω_{i+1} in the network <paramref name="parameters"/> of a tracking run with settings <paramref name="s"/>;
    /// null for a non-finite network or when H is not defined (nonlinear network).
    /// </summary>
    public static CarryingMode? Of(RunSettings s, NetworkParameters parameters, int epoch, int i)
    {
        if (!parameters.AllFinite() || parameters.Settings.Activation != Activation.Linear) return null;
        var comp = s.Reference!.Components.OrderBy(c => c.FrequencyHz).ElementAt(i);
        int axis = (int)comp.Axis;
        var plant = s.Plant.Build();
        var response = FrequencyResponse.Of(plant, parameters, s.Episode.LossTiming);
        var modes = ResponseModes.Of(response, Spectrum.Of(response.Joint).Eigenvalues, comp.AngularFrequency, axis, axis);
        if (modes.Count == 0) return null;
        var top = modes[0];
        double h = response.At(comp.AngularFrequency)[axis, axis].Magnitude;
        double gamma = parameters.Settings.Gamma, dt = plant.Dt;
        var nearest = Spectrum.Of(parameters.RecurrentColumnForm()).Eigenvalues
            .Select(l => 1 - gamma + gamma * l)
            .MinBy(mu => Complex.Abs(mu - top.Eigenvalue));
        var w = new ResponseMode(nearest, Complex.Zero);
        return new CarryingMode(i, epoch, comp.AngularFrequency, top.Frequency(dt), top.Rate(dt), top.DampingRatio(dt),
            h > 0 ? top.Contribution.Magnitude / h : double.NaN, Math.Abs(w.Frequency(dt)), w.Rate(dt));
    }

    /// <summary>
    /// The carrying mode of ω_{i+1} at its acquisition epoch: at the first snapshot at or after
    /// <paramref name="acquisition"/> (snapshots are written every <see cref="Fig6.SnapshotSpacing"/> epochs). Null when
    /// ω_{i+1} is not acquired.
    /// </summary>
    public static CarryingMode? AtAcquisition(RunRecord run, int i, int? acquisition)
    {
        if (acquisition is not { } e) return null;
        for (int k = e; k < run.Epochs; k++)
            if (run.HasSnapshot(k)) return Of(run.Settings, run.Parameters(k), k, i);
        return Of(run.Settings, run.Parameters(), run.Epochs - 1, i);
    }
}
