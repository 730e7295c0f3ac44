namespace ClosedLoop.Training;

/// <summary>Whether a run records the random draws of every training epoch (<c>train --record-draws</c>).</summary>
public enum DrawRecording
{
    /// <summary>Nothing is recorded (the default; costs nothing).</summary>
    Off,
    /// <summary>Every epoch's draws go to <c>arrays/draws.npz</c> (docs/parity.md).</summary>
    On,
}

/// <summary>
/// One random array a training epoch consumed, in the engine's layout (C order, shape <see cref="RowShape"/>):
/// <list type="bullet">
/// <item><c>initial_states</c> (n_b, k): the plant's initial states (zeros when the task starts at the origin);</item>
/// <item><c>reference_phases</c> (n_b, components): the tracking reference phases, in the order of
/// <c>reference.components</c>;</item>
/// <item><c>white_noise_inputs</c> (T, n_b, n_in): the inputs of white-noise imitation;</item>
/// <item><c>process_noise</c> (T, n_b, k): the noise added to x_{t+1} before the clamp;</item>
/// <item><c>observation_noise</c> (T, n_b, c): the noise added to the observation read at step t (zero at a step
/// where the controller does not act).</item>
/// </list>
/// <see cref="Values"/> is a buffer the engine overwrites every epoch: read it during the call, never keep it.
/// </summary>
public sealed record DrawnArray(string Name, IReadOnlyList<int> RowShape, double[] Values);

/// <summary>Receives the random draws of each training epoch, in epoch order (see <see cref="DrawnArray"/>).</summary>
public interface IDrawRecorder
{
    /// <summary>Called once per epoch, after its loss and gradient, with every array the epoch drew.</summary>
    void Record(int epoch, IReadOnlyList<DrawnArray> draws);
}

/// <summary>The noise a noisy plant drew during one episode: process (T, S, k) and observation (T, S, c) noise.</summary>
internal sealed class NoiseTape(int steps, int samples, int k, int c)
{
    public double[] Process { get; } = new double[steps * samples * k];
    public double[] Observation { get; } = new double[steps * samples * c];
}
