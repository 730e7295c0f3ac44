using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>Whether linear controllers may be simulated on a superposition basis (docs/superposition.md).</summary>
public enum SuperpositionUse
{
    /// <summary>Use the basis whenever it is exact; fall back to the batch when the clamp would act.</summary>
    Auto,
    /// <summary>Always simulate every trajectory of the batch.</summary>
    Off,
}

/// <summary>
/// Linear superposition: with a linear network (no biases), a noise-free linear plant, a zero regulation target and
/// an inactive clamp, every trajectory of the batch is a linear combination of a few basis trajectories (one per
/// initial-state component, and a cosine and a sine per reference component). Quadratic losses over the batch then
/// equal Gram-weighted losses over the basis, exactly, and so do their gradients.
/// </summary>
internal static class Superposition
{
    /// <summary>True when the basis simulation is exact for these weights and this problem.</summary>
    public static bool IsExact<T>(NetworkWeights<T> p, IPlant plant, ObjectiveSettings objective) where T : unmanaged, IFloatingPointIeee754<T> =>
        p.Settings.Cell == Cell.Rnn && p.Settings.Activation == Activation.Linear && p.BiasesAreFrozenZero() && plant is LinearPlant { IsNoisy: false }
        && (objective.Task == TaskKind.Tracking || objective.TargetIsZero);

    /// <summary>True when the settings allow a basis at all (the weights are checked again every epoch).</summary>
    public static bool MayApply(RunSettings s) =>
        s.Superposition == SuperpositionUse.Auto && s.Network.Cell == Cell.Rnn && s.Network.Activation == Activation.Linear
        && s.Plant.Kind != PlantKind.Ring
        && (s.LearnerNetwork.Trainable & (ParameterBlocks.HiddenBias | ParameterBlocks.OutputBias)) == 0
        && s.Plant.ProcessNoise == 0 && s.Plant.ObservationNoise == 0
        && !(s.Mode == LoopMode.Open && s.OpenLoop.Variant == OpenLoopVariant.WhiteNoise)
        && (s.Objective.Task == TaskKind.Tracking || s.Objective.TargetIsZero);

    /// <summary>
    /// True when every reconstructed batch state x_t (t = 1..T) lies inside [−bound, bound]: the unclamped basis
    /// rollout then equals the clamped batch rollout exactly.
    /// </summary>
    public static bool RespectsClamp<T>(ReadOnlySpan<T> basisStates, SampleSet<T> basis, int steps, int k, double bound, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int s = basis.Samples, nb = basis.Coefficients!.Length / s;
        var x = scratch[..(nb * k)];
        T limit = T.CreateTruncating(bound);
        for (int t = 1; t <= steps; t++)
        {
            Gemm.AB(basis.Coefficients, basisStates.Slice(t * s * k, s * k), x, nb, s, k, accumulate: false);
            foreach (var v in x)
                if (!(T.Abs(v) <= limit)) return false;
        }
        return true;
    }
}

/// <summary>
/// Builds the simulated trajectories of a draw — the batch itself or its superposition basis — into buffers owned
/// by one problem and reused every epoch. The draw is float64; its values are rounded to the element type T here
/// (initial states, basis coefficients; reference values are summed in T from the rounded basis signals).
/// </summary>
internal sealed class SampleSets<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrackingReference? _ref;
    private readonly int _k;
    private readonly T[]? _refBasis;
    private readonly SampleSet<T> _direct;
    private T[] _coefScratch = [], _states = [];
    private SampleSet<T>? _basis;
    private (int Batch, int StateBasis) _basisShape;

    public SampleSets(TrackingReference? reference, int k)
    {
        _ref = reference;
        _k = k;
        _refBasis = reference is null ? null : Elements.Of<T>(reference.Basis());
        _direct = new SampleSet<T> { Samples = 0, Batch = 0, InitialStates = [] };
    }

    /// <summary>The batch itself (every trajectory simulated); the returned set is reused by the next call.</summary>
    public SampleSet<T> Direct(BatchDraw draw)
    {
        int n = draw.Batch;
        _direct.Samples = n;
        _direct.Batch = draw.LossBatch;
        _direct.InitialStates = InitialStates(draw);
        if (_ref is not null)
        {
            if (_direct.Reference is null || _direct.Reference.Length != _ref.Steps * n * 2) _direct.Reference = new T[_ref.Steps * n * 2];
            if (_coefScratch.Length < n * _ref.BasisSize) _coefScratch = new T[n * _ref.BasisSize];
            _ref.ValuesInto(draw.Phases!, n, _refBasis, _coefScratch, _direct.Reference);
        }
        return _direct;
    }

    /// <summary>The draw's initial states in T: the draw's own array for double, a rounded copy in a reused buffer for float.</summary>
    private T[] InitialStates(BatchDraw draw)
    {
        if (typeof(T) == typeof(double)) return (T[])(object)draw.InitialStates;
        if (_states.Length != draw.InitialStates.Length) _states = new T[draw.InitialStates.Length];
        Elements.Round<T>(draw.InitialStates, _states);
        return _states;
    }

    /// <summary>
    /// The basis of <paramref name="draw"/>: state basis vectors e_1..e_k (when some initial state is non-zero) followed
    /// by the reference basis signals; coefficients c_b = (x0_b, reference coefficients_b); Gram = Σ_b c_b c_bᵀ.
    /// </summary>
    public SampleSet<T> Basis(BatchDraw draw)
    {
        int nb = draw.Batch, k = _k;
        bool states = Array.Exists(draw.InitialStates, v => v != 0);
        int ks = states ? k : 0, kr = _ref?.BasisSize ?? 0;
        if (ks + kr == 0) ks = k; // all-zero initial states and no reference: a trivial basis keeps the shapes valid
        int s = ks + kr;
        var set = BasisBuffers(nb, ks, s);
        set.Batch = draw.LossBatch;
        var coef = set.Coefficients!;
        for (int b = 0; b < nb; b++)
            for (int i = 0; i < ks; i++) coef[b * s + i] = T.CreateTruncating(draw.InitialStates[b * k + i]);
        if (_ref is not null)
        {
            if (_coefScratch.Length < nb * kr) _coefScratch = new T[nb * kr];
            var rc = _coefScratch.AsSpan(0, nb * kr);
            _ref.CoefficientsInto(draw.Phases!, nb, rc);
            for (int b = 0; b < nb; b++)
                rc.Slice(b * kr, kr).CopyTo(coef.AsSpan(b * s + ks, kr));
        }
        Gemm.AtB(coef, coef, set.Gram, s, nb, s, accumulate: false);
        return set;
    }

    private SampleSet<T> BasisBuffers(int nb, int ks, int s)
    {
        if (_basis is { } b && _basisShape == (nb, ks)) return b;
        _basisShape = (nb, ks);
        var x0 = new T[s * _k];
        for (int i = 0; i < ks; i++) x0[i * _k + i] = T.One;
        T[]? refs = null;
        if (_ref is not null)
        {
            int steps = _ref.Steps, kr = _ref.BasisSize;
            refs = new T[steps * s * 2];
            for (int j = 0; j < kr; j++)
                for (int t = 0; t < steps; t++)
                    for (int a = 0; a < 2; a++)
                        refs[(t * s + ks + j) * 2 + a] = _refBasis![(j * steps + t) * 2 + a];
        }
        return _basis = new SampleSet<T> { Samples = s, Batch = nb, InitialStates = x0, Reference = refs, Gram = new T[s * s], Coefficients = new T[nb * s] };
    }
}
