using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>The open-loop training variants of docs/science/model-and-training.md §6.2.</summary>
public enum OpenLoopVariant
{
    /// <summary>Teacher and student read the same i.i.d. N(0,1) inputs and act from t = 0; no plant.</summary>
    WhiteNoise,
    /// <summary>The plant is driven by the teacher's controls; both networks read its observations from t = 0.</summary>
    TeacherDrivenPlant,
}

/// <summary>
/// Open-loop imitation (docs/science/model-and-training.md §6.2): the student learns to reproduce a fixed teacher's controls. No gradient
/// flows through a plant: the student's inputs do not depend on the student. Element type T: double, or float in single
/// precision (the white-noise inputs are drawn in float64 and rounded to T).
/// </summary>
internal sealed class OpenLoopProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IPlant _plant;
    private readonly EpisodeSettings _ep;
    private readonly ObjectiveSettings _obj;
    private readonly OpenLoopVariant _variant;
    private readonly SuperpositionUse _sup;
    private readonly ClosedLoopRollout<T> _teacherLoop;
    private readonly DrivenRollout<T> _teacher, _student;
    private readonly Objective<T> _objective;
    private readonly T[] _dLdU, _scratch;
    private readonly SampleSets<T> _sets;
    private readonly SampleSet<T> _noiseSet = new() { Samples = 0, Batch = 0, InitialStates = [] };
    private readonly int _nin;

    public OpenLoopProblem(IPlant plant, NetworkSettings net, EpisodeSettings ep, ObjectiveSettings obj,
        TrackingReference? reference, OpenLoopVariant variant, SuperpositionUse sup, int maxBatch)
    {
        _plant = plant;
        _ep = ep;
        _obj = obj;
        _variant = variant;
        _sup = sup;
        _nin = net.Inputs;
        int steps = ep.Steps;
        _teacherLoop = new ClosedLoopRollout<T>(plant, net, maxBatch, steps);
        _teacher = new DrivenRollout<T>(net, maxBatch, steps);
        _student = new DrivenRollout<T>(net, maxBatch, steps);
        _objective = new Objective<T>(obj, plant, ep.LossTiming);
        _dLdU = new T[steps * maxBatch * net.Outputs];
        _scratch = new T[maxBatch * plant.StateSize];
        _sets = new SampleSets<T>(reference, plant.StateSize);
    }

    public OpenLoopVariant Variant => _variant;

    /// <summary>The closed loop of the teacher that drives the plant (teacher-driven variant).</summary>
    public ClosedLoopRollout<T> TeacherRollout => _teacherLoop;

    /// <summary>Draws the white-noise inputs ξ of one epoch, shape (T, n_b, n_in), time-major.</summary>
    public double[] DrawNoiseInputs(RandomStream openLoop, int batch)
    {
        var xi = new double[_ep.Steps * batch * _nin];
        openLoop.FillNormal(xi, 0, 1);
        return xi;
    }

    /// <summary>
    /// Copies samples [start, start + part) of white-noise inputs (steps, n_b, n_in), drawn in float64, into
    /// <paramref name="dest"/> (steps, part, n_in), rounded to T.
    /// </summary>
    public static void CopyNoisePart(ReadOnlySpan<double> whole, int batch, int start, int part, int steps, int nin, Span<T> dest)
    {
        for (int t = 0; t < steps; t++)
            Elements.Round(whole.Slice((t * batch + start) * nin, part * nin), dest.Slice(t * part * nin, part * nin));
    }

    /// <summary>
    /// Imitation loss of <paramref name="student"/> against <paramref name="teacher"/>; for
    /// <see cref="OpenLoopVariant.WhiteNoise"/> <paramref name="noiseInputs"/> are the inputs, otherwise
    /// <paramref name="draw"/> gives the plant's initial states and reference phases.
    /// </summary>
    public EpisodeOutcome Run(NetworkWeights<T> student, NetworkWeights<T> teacher, BatchDraw? draw, T[]? noiseInputs, NetworkWeights<T>? grad, RandomStream? noise, int? lossBatch = null)
    {
        int steps = _ep.Steps;
        SampleSet<T> set;
        SimulationPath path;
        ReadOnlySpan<T> inputs;
        ReadOnlySpan<T> teacherControls;
        if (_variant == OpenLoopVariant.WhiteNoise)
        {
            var xi = noiseInputs ?? throw new ArgumentException("the white-noise variant needs its inputs");
            int batch = xi.Length / (steps * _nin);
            _noiseSet.Samples = batch;
            _noiseSet.Batch = lossBatch ?? batch;
            set = _noiseSet;
            _teacher.Forward(teacher, xi, batch, steps);
            inputs = xi;
            teacherControls = _teacher.Controls;
            path = SimulationPath.Batch;
        }
        else
        {
            (set, path) = SimulateTeacher(teacher, student, draw ?? throw new ArgumentException("the teacher-driven variant needs a batch"), noise);
            inputs = _teacherLoop.Network.Inputs(steps);
            teacherControls = _teacherLoop.Network.Outputs(steps);
        }
        _student.Forward(student, inputs, set.Samples, steps);
        var dLdU = grad is null ? default : _dLdU.AsSpan(0, steps * set.Samples * _plant.ControlSize);
        var loss = _objective.Imitation(_student.Controls, teacherControls, steps, set, dLdU);
        if (grad is not null) _student.Backward(dLdU, grad);
        return new EpisodeOutcome(loss, path);
    }

    private (SampleSet<T>, SimulationPath) SimulateTeacher(NetworkWeights<T> teacher, NetworkWeights<T> student, BatchDraw draw, RandomStream? noise)
    {
        bool linear = _sup == SuperpositionUse.Auto && Superposition.IsExact(teacher, _plant, _obj) && Superposition.IsExact(student, _plant, _obj);
        return _teacherLoop.ForwardBatchOrBasis(teacher, draw, _sets, linear, _ep.Steps, FirstControl.ActFromStart, noise, _scratch);
    }
}
