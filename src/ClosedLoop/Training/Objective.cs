using System.Numerics;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>
/// Evaluates the loss of docs/science/model-and-training.md §5 on a recorded rollout and, on request, its gradient with respect to every
/// state and control. Works on a plain batch or on a superposition basis (weights from the Gram matrix). Element type
/// T (double or float): the errors, products and gradients are in T; each step's terms are added up in double.
/// </summary>
internal sealed class Objective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ObjectiveSettings _o;
    private readonly LossTiming _timing;
    private readonly int _k, _nu, _kc;
    private readonly T[] _select; // k'×k selection of the costed components
    private readonly T[] _target; // regulation target in costed coordinates (length k')
    private T[] _e = [], _f = [];

    public Objective(ObjectiveSettings o, IPlant plant, LossTiming timing)
    {
        _o = o;
        _timing = timing;
        _k = plant.StateSize;
        _nu = plant.ControlSize;
        var sel = o.Task == TaskKind.Tracking ? TrackedPositions(plant) : plant.RegulationCost;
        _kc = sel.Rows;
        _select = Elements.Of<T>(sel.Data);
        _target = new T[_kc];
        if (o.Task == TaskKind.Regulation && o.Target is { } tg) for (int i = 0; i < _kc; i++) _target[i] = T.CreateTruncating(tg[i]);
    }

    private static Mat TrackedPositions(IPlant plant) => plant is LinearPlant linear
        ? linear.C
        : throw new ArgumentException($"objective.task = tracking is not allowed with plant '{plant.Name}': tracking compares the observed positions C x of a linear plant with the reference");

    /// <summary>Number of costed state components k'.</summary>
    public int CostedComponents => _kc;

    /// <summary>State-term factor w·ν_S/n_b (/k' for MeanElements).</summary>
    public double StateFactor(int steps, int batch) =>
        _o.StepWeight * Nu(_o.StateTime, steps) / batch / (_o.StateReduction == StateReduction.MeanElements ? _kc : 1);

    /// <summary>Control-term factor w·β·ν_K times the batch reduction.</summary>
    public double ControlFactor(int steps, int batch) => _o.StepWeight * _o.Beta * Nu(_o.ControlTime, steps) * _o.ControlReduction switch
    {
        ControlReduction.SumBatch => 1.0,
        ControlReduction.MeanBatch => 1.0 / batch,
        _ => 1.0 / (batch * _nu),
    };

    /// <summary>
    /// Closed-loop loss of the recorded rollout; when <paramref name="dLdX"/> is not empty also dL/dx (T+1, S, k) and
    /// dL/du (T, S, n_u).
    /// </summary>
    public LossTerms ClosedLoop(ClosedLoopRollout<T> r, SampleSet<T> set, Span<T> dLdX, Span<T> dLdU)
    {
        int s = set.Samples, steps = r.Steps, k = _k, kc = _kc;
        bool grad = !dLdX.IsEmpty;
        if (grad)
        {
            dLdX[..((steps + 1) * s * k)].Clear();
            dLdU[..(steps * s * _nu)].Clear();
        }
        Ensure(s * Math.Max(kc, _nu));
        double fs = StateFactor(steps, set.Batch), fk = ControlFactor(steps, set.Batch);
        double state = 0, control = 0;
        for (int t = 0; t < steps; t++)
        {
            int tx = _timing == LossTiming.BeforeStep ? t : t + 1;
            var e = _e.AsSpan(0, s * kc);
            Gemm.ABt(r.State(tx), _select, e, s, k, kc, accumulate: false);
            SubtractTarget(e, set, t, s);
            var f = _f.AsSpan(0, s * kc);
            state += WeightedQuadratic(e, set.Gram, s, kc, fs, grad ? f : default);
            if (grad) Gemm.AB(f, _select, dLdX.Slice(tx * s * k, s * k), s, kc, k, accumulate: true);
            if (fk != 0)
            {
                var fu = _f.AsSpan(0, s * _nu);
                control += WeightedQuadratic(r.Control(t), set.Gram, s, _nu, fk, grad ? fu : default);
                if (grad) fu.CopyTo(dLdU.Slice(t * s * _nu, s * _nu));
            }
        }
        return new LossTerms(state, control, 0);
    }

    /// <summary>
    /// Imitation loss <c>w ν Σ_t mean_{b,j} (u^S − u^T)²</c> over T steps; the controls have shape (T, S, n_u). When
    /// <paramref name="dLdU"/> is not empty it receives dL/du^S.
    /// </summary>
    public LossTerms Imitation(ReadOnlySpan<T> student, ReadOnlySpan<T> teacher, int steps, SampleSet<T> set, Span<T> dLdU)
    {
        int s = set.Samples, nu = _nu;
        double f = _o.StepWeight * Nu(_o.ImitationTime, steps) / (set.Batch * nu);
        Ensure(s * nu);
        double total = 0;
        for (int t = 0; t < steps; t++)
        {
            var e = _e.AsSpan(0, s * nu);
            var us = student.Slice(t * s * nu, s * nu);
            var ut = teacher.Slice(t * s * nu, s * nu);
            for (int i = 0; i < e.Length; i++) e[i] = us[i] - ut[i];
            total += WeightedQuadratic(e, set.Gram, s, nu, f, dLdU.IsEmpty ? default : dLdU.Slice(t * s * nu, s * nu));
        }
        return new LossTerms(0, 0, total);
    }

    /// <summary>
    /// Per-step state cost (1/n_b) Σ_{s,s'} G_{ss'} e_{t,s}·e_{t,s'} (G = identity for a batch) without step weight,
    /// time normalisation or component mean, for t = 0..T−1 of the recorded rollout.
    /// </summary>
    public void PerStepStateCost(ClosedLoopRollout<T> r, SampleSet<T> set, Span<double> perStep)
    {
        int s = set.Samples, steps = r.Steps, k = _k, kc = _kc;
        Ensure(s * kc);
        for (int t = 0; t < steps; t++)
        {
            int tx = _timing == LossTiming.BeforeStep ? t : t + 1;
            var e = _e.AsSpan(0, s * kc);
            Gemm.ABt(r.State(tx), _select, e, s, k, kc, accumulate: false);
            SubtractTarget(e, set, t, s);
            perStep[t] = WeightedQuadratic(e, set.Gram, s, kc, 1.0 / set.Batch, default);
        }
    }

    private void SubtractTarget(Span<T> e, SampleSet<T> set, int t, int s)
    {
        int kc = _kc;
        if (_o.Task == TaskKind.Tracking)
        {
            var r = set.Reference ?? throw new InvalidOperationException("a tracking objective needs a reference");
            var rt = r.AsSpan(t * s * kc, s * kc);
            for (int i = 0; i < e.Length; i++) e[i] -= rt[i];
        }
        else if (_o.Target is not null)
        {
            for (int b = 0; b < s; b++)
                for (int i = 0; i < kc; i++) e[b * kc + i] -= _target[i];
        }
    }

    /// <summary>
    /// factor·Σ_{s,s'} G_{ss'} e_s·e_{s'} (G = identity when null); when <paramref name="grad"/> is not empty it
    /// receives the gradient 2·factor·G·E.
    /// </summary>
    internal static double WeightedQuadratic(ReadOnlySpan<T> e, T[]? gram, int s, int d, double factor, Span<T> grad)
    {
        T twice = T.CreateTruncating(2 * factor);
        if (gram is null)
        {
            double sum = double.CreateTruncating(Gemm.Dot(e, e));
            if (!grad.IsEmpty)
                for (int i = 0; i < s * d; i++) grad[i] = twice * e[i];
            return factor * sum;
        }
        Span<T> ge = grad.IsEmpty ? stackalloc T[s * d] : grad;
        Gemm.AB(gram, e, ge, s, s, d, accumulate: false);
        double weighted = double.CreateTruncating(Gemm.Dot(e[..(s * d)], ge[..(s * d)]));
        if (!grad.IsEmpty)
            for (int i = 0; i < s * d; i++) grad[i] *= twice;
        return factor * weighted;
    }

    private static double Nu(TimeReduction r, int steps) => r == TimeReduction.Mean ? 1.0 / steps : 1.0;

    private void Ensure(int n)
    {
        if (_e.Length < n) { _e = new T[n]; _f = new T[n]; }
    }
}
