using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// Per-frequency probe losses of a tracking checkpoint (docs/science/analysis-maths.md §9): the network is rolled out in closed loop on
/// each single-frequency probe (batch 1, zero initial state, the task's timing) and
/// <c>probe_loss_i</c> = (1/T) Σ_j [(x_{j+1} − r_x[j])² + (y_{j+1} − r_y[j])²] (no dt factor), i = 1..4 in
/// increasing frequency. Evaluated every <see cref="EvaluationSettings.ProbeEvery"/> epochs.
/// </summary>
public sealed class ProbeMonitor : ICheckpointMonitor
{
    private readonly RunSettings _s;
    private readonly ClosedLoopProblem<double> _problem;
    private readonly SampleSet<double> _set;
    private readonly MetricColumn[] _columns;
    private readonly int _n;
    private readonly Mat _observe;
    private readonly double[] _sums;

    public ProbeMonitor(RunSettings s)
    {
        _s = s;
        var task = s.Reference ?? throw new ArgumentException("probe losses need a tracking reference");
        var plant = s.Plant.BuildLinear();
        var probes = TrackingProbes.Draw(task, new RandomStreams(s.Seed, s.EvalSeed).Probe());
        _n = probes.Count;
        var ep = s.Episode with { Batch = _n };
        _problem = new ClosedLoopProblem<double>(plant, s.LearnerNetwork, ep, s.Objective with { Beta = 0 }, task, SuperpositionUse.Off, _n);
        _set = new SampleSet<double> { Samples = _n, Batch = _n, InitialStates = new double[_n * plant.StateSize], Reference = probes.Values() };
        _observe = plant.C;
        _sums = new double[_n];
        _columns = Enumerable.Range(1, _n).Select(i => new MetricColumn($"probe_loss_{i}")).ToArray();
    }

    /// <summary>True for tracking runs.</summary>
    public static bool Applies(RunSettings s) => s.Objective.Task == TaskKind.Tracking && s.Reference is not null && s.Evaluation.ProbeEvery > 0;

    public IReadOnlyList<MetricColumn> Columns => _columns;

    public bool IsDue(int epoch, int epochs) => epoch % _s.Evaluation.ProbeEvery == 0 || epoch == epochs - 1;

    public void Evaluate(int epoch, NetworkParameters p, Span<double?> values, CheckpointArrays arrays)
    {
        var r = _problem.Rollout;
        _problem.RunFixed(p, _set);
        int steps = r.Steps, k = r.StateSize;
        var sums = _sums;
        Array.Clear(sums);
        var obs = _observe;
        for (int t = 0; t < steps; t++)
        {
            int tx = _s.Episode.LossTiming == LossTiming.AfterStep ? t + 1 : t;
            var x = r.State(tx);
            for (int i = 0; i < _n; i++)
                for (int a = 0; a < 2; a++)
                {
                    double pos = 0;
                    for (int j = 0; j < k; j++) pos += obs[a, j] * x[i * k + j];
                    double d = pos - _set.Reference![(t * _n + i) * 2 + a];
                    sums[i] += d * d;
                }
        }
        for (int i = 0; i < _n; i++) values[i] = sums[i] / steps;
    }
}
