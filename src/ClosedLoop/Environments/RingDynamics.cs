using System.Numerics;

namespace ClosedLoop.Environments;

/// <summary>
/// The batch step of a <see cref="RingPlant"/> in element type T: <c>ω' = ω + dt f_B u</c>,
/// <c>ε' = wrap(ε + dt ω' + θ*(t) − θ*(t+1))</c>, the observation (sin ε, cos ε[, ω]) and their adjoints. The target
/// shift θ*(t) − θ*(t+1) is computed in double and rounded to T.
/// </summary>
internal sealed class RingDynamics<T>(RingPlant plant) : IPlantDynamics<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _dt = T.CreateTruncating(plant.Dt), _gain = T.CreateTruncating(plant.Dt * plant.FeedbackFactor);
    private readonly int _c = plant.ObservationSize;

    /// <summary>ω' = ω + dt f_B u; ε' = wrap(ε + dt ω' + θ*(t) − θ*(t+1)). No mask; the ring is noise-free (the noise span is empty).</summary>
    public void Step(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ReadOnlySpan<T> noise, Span<T> xNext, Span<T> mask, int samples)
    {
        T dt = _dt, gain = _gain, shift = T.CreateTruncating(plant.Target(t) - plant.Target(t + 1));
        for (int b = 0; b < samples; b++)
        {
            T w = x[2 * b + 1] + gain * u[b];
            xNext[2 * b] = RingPlant.Wrap(x[2 * b] + dt * w + shift);
            xNext[2 * b + 1] = w;
        }
    }

    /// <summary>gε += gε'; gω += dt gε' + gω'; gu += f_B dt (dt gε' + gω').</summary>
    public void StepAdjoint(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> mask, ReadOnlySpan<T> gNext, Span<T> gx, Span<T> gu, int samples, Span<T> scratch)
    {
        T dt = _dt, gain = _gain;
        for (int b = 0; b < samples; b++)
        {
            T ge = gNext[2 * b], gw = dt * ge + gNext[2 * b + 1]; // dL/dω' through both ε' and ω'
            gx[2 * b] += ge;
            gx[2 * b + 1] += gw;
            gu[b] += gain * gw;
        }
    }

    /// <summary>y = (sin ε, cos ε[, ω]).</summary>
    public void Observe(ReadOnlySpan<T> x, Span<T> y, int samples)
    {
        int c = _c;
        for (int b = 0; b < samples; b++)
        {
            T e = x[2 * b];
            y[c * b] = T.Sin(e);
            y[c * b + 1] = T.Cos(e);
            if (c == 3) y[c * b + 2] = x[2 * b + 1];
        }
    }

    /// <summary>gε += cos ε · g_sin − sin ε · g_cos; gω += g_ω (velocity observed).</summary>
    public void ObserveAdjoint(ReadOnlySpan<T> x, ReadOnlySpan<T> gy, Span<T> gx, int samples)
    {
        int c = _c;
        for (int b = 0; b < samples; b++)
        {
            T e = x[2 * b];
            gx[2 * b] += T.Cos(e) * gy[c * b] - T.Sin(e) * gy[c * b + 1];
            if (c == 3) gx[2 * b + 1] += gy[c * b + 2];
        }
    }
}
