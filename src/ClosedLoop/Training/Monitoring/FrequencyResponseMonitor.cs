using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>
/// The closed-loop frequency response of a linear tracking network at each task frequency
/// (<see cref="FrequencyResponse"/>; docs/science/analysis-maths.md §1.3, §9), on the probe schedule: for probe i
/// (ω_i on axis a, increasing frequency) <c>gain_wi</c> = |H_aa(e^{iω_i dt})|, <c>phase_wi</c> = arg H_aa in radians
/// (−π, π] (negative: the position lags the reference), <c>cross_wi</c> = |H_ba| (the other axis' position per unit
/// reference on a). Perfect steady-state tracking is gain 1, phase 0, cross 0; the steady state exists only when
/// ρ(P) &lt; 1 (<c>spectral_radius</c>).
/// </summary>
public sealed class FrequencyResponseMonitor : ICheckpointMonitor
{
    private readonly LinearPlant _plant;
    private readonly LossTiming _timing;
    private readonly int _every;
    private readonly (double Omega, int Axis)[] _probes;
    private readonly MetricColumn[] _columns;

    public FrequencyResponseMonitor(RunSettings s)
    {
        var task = s.Reference ?? throw new ArgumentException("the frequency response needs a tracking reference");
        _plant = s.Plant.Build();
        _timing = s.Episode.LossTiming;
        _every = s.Evaluation.ProbeEvery;
        _probes = [.. task.Components.OrderBy(c => c.FrequencyHz).Select(c => (c.AngularFrequency, (int)c.Axis))];
        var names = new[] { "gain", "phase", "cross" };
        _columns = [.. names.SelectMany(kind => Enumerable.Range(1, _probes.Length).Select(i => new MetricColumn($"{kind}_w{i}")))];
    }

    /// <summary>True for tracking runs of linear networks with probes (the response is recorded with them).</summary>
    public static bool Applies(RunSettings s, LinearPlant plant) =>
        ProbeMonitor.Applies(s) && s.LearnerNetwork.Activation == Activation.Linear
        && plant.ObservationSize == 2 && s.LearnerNetwork.Inputs == 2 * plant.ObservationSize;

    public IReadOnlyList<MetricColumn> Columns => _columns;

    public bool IsDue(int epoch, int epochs) => epoch % _every == 0 || epoch == epochs - 1;

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        if (!p.AllFinite()) return;
        var response = FrequencyResponse.Of(_plant, p, _timing);
        int n = _probes.Length;
        for (int i = 0; i < n; i++)
        {
            var (omega, axis) = _probes[i];
            ResponseMatrix h;
            try
            {
                h = response.At(omega);
            }
            catch (ArithmeticException)
            {
                continue; // e^{iω dt} is an eigenvalue of P to the last bit: H is infinite there
            }
            values[i] = h[axis, axis].Magnitude;
            values[n + i] = h[axis, axis].Phase;
            values[2 * n + i] = h[1 - axis, axis].Magnitude;
        }
    }
}
