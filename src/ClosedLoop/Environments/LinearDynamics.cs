using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>
/// The batch step of a <see cref="LinearPlant"/> in element type T: <c>x' = clamp(A x + f_B B u + w)</c>,
/// <c>y = C x</c> and their adjoints, in row form (states are rows, so x' = x Aᵀ + u (f_B B)ᵀ).
/// </summary>
internal sealed class LinearDynamics<T> : IPlantDynamics<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _a, _b, _c;
    private readonly int _k, _nu, _obs;
    private readonly T? _bound;

    public LinearDynamics(LinearPlant plant)
    {
        _a = Elements.Of<T>(plant.A.Data);
        _b = Elements.Of<T>(plant.EffectiveB.Data);
        _c = Elements.Of<T>(plant.C.Data);
        (_k, _nu, _obs) = (plant.StateSize, plant.ControlSize, plant.ObservationSize);
        _bound = plant.ClampBound is { } bound ? T.CreateTruncating(bound) : null;
    }

    /// <summary><c>x' = clamp(A x + f_B B u + w)</c>; the mask is 1 where the pre-clamp value lies in [−bound, bound] (bounds included), else 0.</summary>
    public void Step(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ReadOnlySpan<T> noise, Span<T> xNext, Span<T> mask, int samples)
    {
        int k = _k, n = samples * k;
        Gemm.ABt(x, _a, xNext, samples, k, k, accumulate: false);
        Gemm.ABt(u, _b, xNext, samples, _nu, k, accumulate: true);
        if (!noise.IsEmpty)
            for (int i = 0; i < n; i++) xNext[i] += noise[i];
        if (_bound is { } bound) ClampInPlace(xNext[..n], mask, bound);
    }

    /// <summary>g̃ = mask ⊙ g; gu += g̃ f_B B; gx += g̃ A (row form).</summary>
    public void StepAdjoint(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> mask, ReadOnlySpan<T> gNext, Span<T> gx, Span<T> gu, int samples, Span<T> scratch)
    {
        int k = _k, n = samples * k;
        ReadOnlySpan<T> g = gNext[..n];
        if (_bound is not null)
        {
            var masked = scratch[..n];
            for (int i = 0; i < n; i++) masked[i] = gNext[i] * mask[i];
            g = masked;
        }
        Gemm.AB(g, _b, gu, samples, k, _nu, accumulate: true);
        Gemm.AB(g, _a, gx, samples, k, k, accumulate: true);
    }

    /// <summary>y = C x.</summary>
    public void Observe(ReadOnlySpan<T> x, Span<T> y, int samples) => Gemm.ABt(x, _c, y, samples, _k, _obs, accumulate: false);

    /// <summary>gx += gy C.</summary>
    public void ObserveAdjoint(ReadOnlySpan<T> x, ReadOnlySpan<T> gy, Span<T> gx, int samples) =>
        Gemm.AB(gy, _c, gx, samples, _obs, _k, accumulate: true);

    private static void ClampInPlace(Span<T> x, Span<T> mask, T bound)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            if (v > bound) { x[i] = bound; mask[i] = T.Zero; }
            else if (v < -bound) { x[i] = -bound; mask[i] = T.Zero; }
            else mask[i] = T.One; // inside [−bound, bound], bounds included: derivative 1
        }
    }
}
