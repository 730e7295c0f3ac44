using System.Numerics;
using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>
/// Forward and backward steps of a recurrent controller on a batch of S trajectories in element type T (double, or
/// float in single precision), with the buffers its backward
/// pass needs (allocated once for the largest batch and step count, reused every epoch). The owner of the time loop
/// (<see cref="ClosedLoopRollout{T}"/> or <see cref="DrivenRollout{T}"/>) calls <see cref="Forward"/> for t = 0..T−1 and
/// <see cref="Backward"/> for t = T−1..0, then <see cref="WeightGradients"/>. Implementations:
/// <see cref="NetworkPass{T}"/> (the leaky RNN) and <see cref="GruPass{T}"/> (the GRU).
/// </summary>
internal interface INetworkPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Trajectories of the current episode.</summary>
    int Samples { get; }

    /// <summary>Starts an episode of <paramref name="samples"/> trajectories with the given weights; h_{−1} = 0.</summary>
    void Begin(NetworkWeights<T> p, int samples);

    /// <summary>Input buffer of step t (S×n_in), to be filled by the caller before <see cref="Forward"/>.</summary>
    Span<T> Input(int t);

    /// <summary>Output u_t (S×n_u) of step t.</summary>
    Span<T> Output(int t);

    /// <summary>Outputs u_0..u_{T−1} as one span of shape (T, S, n_u).</summary>
    ReadOnlySpan<T> Outputs(int steps);

    /// <summary>Inputs o_0..o_{T−1} as one span of shape (T, S, n_in).</summary>
    ReadOnlySpan<T> Inputs(int steps);

    /// <summary>Hidden state h_t (S×N); t = −1 is the zero initial state.</summary>
    ReadOnlySpan<T> Hidden(int t);

    /// <summary>Gradient buffer dL/du_t (S×n_u), filled by the caller before <see cref="Backward"/>.</summary>
    Span<T> OutputGradient(int t);

    /// <summary>
    /// Step t. When <paramref name="act"/> is false the controller is not called: h_t = h_{t−1} and u_t = 0
    /// (FirstControl = Zero at t = 0).
    /// </summary>
    void Forward(int t, bool act);

    /// <summary>Clears the running gradient dL/dh before a backward sweep.</summary>
    void BeginBackward();

    /// <summary>
    /// Backward through step t: adds the readout path of dL/du_t to dL/dh_t and moves the running gradient to
    /// h_{t−1}. When <paramref name="inputGradient"/> is not empty it receives dL/do_t (S×n_in).
    /// </summary>
    void Backward(int t, Span<T> inputGradient);

    /// <summary>
    /// Weight gradients of the whole episode, summed over the acting steps; only the trainable blocks of
    /// <paramref name="grad"/> are written (the others are left untouched).
    /// </summary>
    void WeightGradients(NetworkWeights<T> grad, int steps);
}

/// <summary>Creates the pass of a network's cell.</summary>
internal static class NetworkPasses
{
    /// <summary>The pass of <paramref name="settings"/>' cell, with buffers for the given batch and episode sizes.</summary>
    public static INetworkPass<T> Create<T>(NetworkSettings settings, int maxSamples, int maxSteps) where T : unmanaged, IFloatingPointIeee754<T> =>
        settings.Cell switch
        {
            Cell.Gru => new GruPass<T>(settings, maxSamples, maxSteps),
            _ => new NetworkPass<T>(settings, maxSamples, maxSteps),
        };
}
