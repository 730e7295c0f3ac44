using System.Numerics;
using ClosedLoop.Controllers;

namespace ClosedLoop.Training;

/// <summary>
/// Owner of the open-loop time loop: the network reads a given input sequence (white noise, or the observations of
/// a plant driven by a teacher) and acts at every step from t = 0 (docs/science/model-and-training.md §6.2). No gradient flows through a plant.
/// </summary>
internal sealed class DrivenRollout<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly INetworkPass<T> _net;
    private readonly int _nin, _nu;
    private int _steps;

    public DrivenRollout(NetworkSettings net, int maxSamples, int maxSteps)
    {
        _net = NetworkPasses.Create<T>(net, maxSamples, maxSteps);
        _nin = net.Inputs;
        _nu = net.Outputs;
    }

    /// <summary>Controls u_t for t = 0..T−1 as one span of shape (T, S, n_u).</summary>
    public ReadOnlySpan<T> Controls => _net.Outputs(_steps);

    /// <summary>Runs the network on <paramref name="inputs"/> of shape (T, S, n_in).</summary>
    public void Forward(NetworkWeights<T> p, ReadOnlySpan<T> inputs, int samples, int steps)
    {
        _steps = steps;
        _net.Begin(p, samples);
        for (int t = 0; t < steps; t++)
        {
            inputs.Slice(t * samples * _nin, samples * _nin).CopyTo(_net.Input(t));
            _net.Forward(t, act: true);
        }
    }

    /// <summary>Backward sweep given dL/du of shape (T, S, n_u); writes the trainable blocks of <paramref name="grad"/>.</summary>
    public void Backward(ReadOnlySpan<T> dLdU, NetworkWeights<T> grad)
    {
        int s = _net.Samples;
        _net.BeginBackward();
        for (int t = _steps - 1; t >= 0; t--)
        {
            dLdU.Slice(t * s * _nu, s * _nu).CopyTo(_net.OutputGradient(t));
            _net.Backward(t, default);
        }
        _net.WeightGradients(grad, _steps);
    }
}
