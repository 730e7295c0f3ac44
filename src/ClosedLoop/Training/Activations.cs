using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Training;

/// <summary>The nonlinearities and their derivatives, on spans of the engine's element type T (double or float).</summary>
internal static class Activations
{
    /// <summary>phi = φ(pre). For linear φ the two spans may be the same (nothing to do).</summary>
    public static void Apply<T>(Activation kind, ReadOnlySpan<T> pre, Span<T> phi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case Activation.Linear:
                if (!pre.Overlaps(phi)) pre.CopyTo(phi);
                break;
            case Activation.Tanh:
                FastMath.Tanh(pre, phi);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(pre, T.Zero, phi);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>ga = γ · gh ⊙ φ'(a), with φ' read from the stored activations phi = φ(a).</summary>
    public static void BackwardScaled<T>(Activation kind, T gamma, ReadOnlySpan<T> gh, ReadOnlySpan<T> phi, Span<T> ga) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case Activation.Linear:
                TensorPrimitives.Multiply(gh, gamma, ga);
                break;
            case Activation.Tanh:
                TanhBackward(gamma, gh, phi, ga);
                break;
            case Activation.Relu:
                for (int i = 0; i < ga.Length; i++) ga[i] = phi[i] > T.Zero ? gamma * gh[i] : T.Zero;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>ga = γ·gh·(1 − φ²), vectorised; the same arithmetic (and bits) in every lane and in the tail.</summary>
    private static void TanhBackward<T>(T gamma, ReadOnlySpan<T> gh, ReadOnlySpan<T> phi, Span<T> ga) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = ga.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            var vg = new Vector<T>(gamma);
            var ghv = MemoryMarshal.Cast<T, Vector<T>>(gh[..n]);
            var phv = MemoryMarshal.Cast<T, Vector<T>>(phi[..n]);
            var gav = MemoryMarshal.Cast<T, Vector<T>>(ga);
            for (int v = 0; v < gav.Length; v++) gav[v] = vg * ghv[v] * (one - phv[v] * phv[v]);
            i = gav.Length * Vector<T>.Count;
        }
        for (; i < n; i++) ga[i] = gamma * gh[i] * (T.One - phi[i] * phi[i]);
    }

    /// <summary>φ'(0): 1 for linear and tanh; relu has no derivative defined at 0 (null).</summary>
    public static double? SlopeAtOrigin(Activation kind) => kind switch
    {
        Activation.Linear or Activation.Tanh => 1.0,
        _ => null,
    };
}
