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
    public static bool IsExact(NetworkParameters p, LinearPlant plant, ObjectiveSettings objective) =>
        p.Settings.Activation == Activation.Linear && p.BiasesAreFrozenZero() && !plant.IsNoisy
        && (objective.Task == TaskKind.Tracking || objective.TargetIsZero);

    /// <summary>The batch itself (every trajectory simulated).</summary>
    public static SampleSet Direct(BatchDraw draw, TrackingReference? reference) => new()
    {
        Samples = draw.Batch,
        Batch = draw.Batch,
        InitialStates = draw.InitialStates,
        Reference = reference is null ? null : reference.Values(draw.Phases!, draw.Batch),
    };

    /// <summary>
    /// The basis of <paramref name="draw"/>: state basis vectors e_1..e_k (when some initial state is non-zero) followed
    /// by the reference basis signals; coefficients c_b = (x0_b, reference coefficients_b); Gram = Σ_b c_b c_bᵀ.
    /// </summary>
    public static SampleSet Basis(BatchDraw draw, TrackingReference? reference, int k)
    {
        int nb = draw.Batch;
        bool states = Array.Exists(draw.InitialStates, v => v != 0);
        int ks = states ? k : 0, kr = reference?.BasisSize ?? 0, s = ks + kr;
        if (s == 0) s = ks = k; // all-zero initial states and no reference: a trivial basis keeps the shapes valid
        var x0 = new double[s * k];
        for (int i = 0; i < ks; i++) x0[i * k + i] = 1;
        var coef = new double[nb * s];
        for (int b = 0; b < nb; b++)
            for (int i = 0; i < ks; i++) coef[b * s + i] = draw.InitialStates[b * k + i];
        double[]? refs = null;
        if (reference is not null)
        {
            var rc = reference.Coefficients(draw.Phases!, nb);
            for (int b = 0; b < nb; b++)
                for (int j = 0; j < kr; j++) coef[b * s + ks + j] = rc[b * kr + j];
            refs = BasisReference(reference, ks, s);
        }
        var gram = new double[s * s];
        Gemm.AtB(coef, coef, gram, s, nb, s, accumulate: false);
        return new SampleSet { Samples = s, Batch = nb, InitialStates = x0, Reference = refs, Gram = gram, Coefficients = coef };
    }

    /// <summary>Reference channels of the basis trajectories, shape (T, S, 2): zero for state basis vectors.</summary>
    private static double[] BasisReference(TrackingReference reference, int ks, int s)
    {
        int steps = reference.Steps, kr = reference.BasisSize;
        var basis = reference.Basis(); // (kr, T, 2)
        var r = new double[steps * s * 2];
        for (int j = 0; j < kr; j++)
            for (int t = 0; t < steps; t++)
                for (int a = 0; a < 2; a++)
                    r[(t * s + ks + j) * 2 + a] = basis[(j * steps + t) * 2 + a];
        return r;
    }

    /// <summary>
    /// True when every reconstructed batch state x_t (t = 1..T) lies inside [−bound, bound]: the unclamped basis
    /// rollout then equals the clamped batch rollout exactly.
    /// </summary>
    public static bool RespectsClamp(ReadOnlySpan<double> basisStates, SampleSet basis, int steps, int k, double bound, Span<double> scratch)
    {
        int s = basis.Samples, nb = basis.Batch;
        var x = scratch[..(nb * k)];
        for (int t = 1; t <= steps; t++)
        {
            Gemm.AB(basis.Coefficients, basisStates.Slice(t * s * k, s * k), x, nb, s, k, accumulate: false);
            foreach (var v in x)
                if (!(Math.Abs(v) <= bound)) return false;
        }
        return true;
    }
}
