using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>
/// A discrete-time plant as the engine sees it: a pure step <c>x_{t+1} = f_t(x_t, u_t, w_t)</c>, an observation
/// <c>y_t = g(x_t)</c> (the rollout adds the observation noise ε_t), their vector–Jacobian products for the backward
/// pass (<see cref="Dynamics{T}"/>, in the engine's element type), and their Jacobians at one point for the joint
/// Jacobian (docs/generalisation.md). Implementations: <see cref="LinearPlant"/> (docs/science/model-and-training.md
/// §1.1–1.3) and <see cref="RingPlant"/> (docs/science/model-and-training.md §1.5).
/// </summary>
/// <remarks>
/// A plant holds no mutable state and draws nothing: the rollout draws the noise from the run's noise stream and
/// passes it in. Everything a backward step needs is the forward state x_t and the per-component step mask the
/// forward step wrote (the derivative of an output nonlinearity such as the clamp: 1 or 0).
/// </remarks>
public interface IPlant
{
    /// <summary>A short name (e.g. <c>double_integrator</c>, <c>ring</c>).</summary>
    string Name { get; }

    /// <summary>State dimension k.</summary>
    int StateSize { get; }

    /// <summary>Number of controls n_u.</summary>
    int ControlSize { get; }

    /// <summary>Number of observed values c the controller reads (before any exogenous channels).</summary>
    int ObservationSize { get; }

    /// <summary>Plant time step dt.</summary>
    double Dt { get; }

    /// <summary>σ_w: the process noise w_t ~ N(0, (σ_w √dt)²) per component and sample (0: none).</summary>
    double ProcessNoiseStd { get; }

    /// <summary>σ_o: the observation noise ε_t ~ N(0, σ_o²) per observed value and sample (0: none).</summary>
    double ObservationNoiseStd { get; }

    /// <summary>True when the step or the observation is stochastic.</summary>
    bool IsNoisy { get; }

    /// <summary>True when the step writes a mask (<see cref="IPlantDynamics{T}.Step"/>) that <see cref="IPlantDynamics{T}.StepAdjoint"/> reads.</summary>
    bool HasStepMask { get; }

    /// <summary>
    /// The k'×k matrix Q^{1/2} that maps a state to its costed error in a regulation task, e = Q^{1/2} x − x*: the
    /// identity for linear plants, diag(1, √c_v) for the ring (angle error and weighted velocity).
    /// </summary>
    Mat RegulationCost { get; }

    /// <summary>
    /// The batch step, observation and their adjoints in element type T (double, or float for single precision),
    /// with the plant's constants converted to T once. For double the plant's own matrices are used, uncopied.
    /// </summary>
    IPlantDynamics<T> Dynamics<T>() where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Jacobians of step t at one state and control (noise-free): ∂f_t/∂x (k×k), ∂f_t/∂u (k×n_u), and of the
    /// observation at <paramref name="x"/>, ∂g/∂x (c×k).
    /// </summary>
    PlantJacobian Linearize(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> u);
}

/// <summary>Jacobians of a plant at one point (column form).</summary>
/// <param name="State">∂x_{t+1}/∂x_t, k×k (A for a linear plant with an inactive clamp).</param>
/// <param name="Control">∂x_{t+1}/∂u_t, k×n_u (f_B·B).</param>
/// <param name="Observation">∂y_t/∂x_t, c×k (C).</param>
public sealed record PlantJacobian(Mat State, Mat Control, Mat Observation);

/// <summary>
/// The batch methods of a plant (<see cref="IPlant.Dynamics{T}"/>) in element type T: S samples stored sample-major
/// (S×k states, S×n_u controls, S×c observations). Spans may be longer than needed; only the leading elements are used.
/// </summary>
public interface IPlantDynamics<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Step t for S samples: <paramref name="xNext"/> = f_t(x, u, w), with <paramref name="noise"/> the process noise w
    /// (S×k; empty for none). When <see cref="IPlant.HasStepMask"/>, <paramref name="mask"/> (S×k) receives
    /// ∂x_{t+1,i}/∂(pre-mask value)_i per component.
    /// </summary>
    void Step(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ReadOnlySpan<T> noise, Span<T> xNext, Span<T> mask, int samples);

    /// <summary>
    /// Backward through step t: with g = dL/dx_{t+1} (S×k), adds (∂f_t/∂x)ᵀ g to <paramref name="gx"/> (S×k) and
    /// (∂f_t/∂u)ᵀ g to <paramref name="gu"/> (S×n_u). <paramref name="scratch"/> holds at least S·k values.
    /// </summary>
    void StepAdjoint(int t, ReadOnlySpan<T> x, ReadOnlySpan<T> mask, ReadOnlySpan<T> gNext, Span<T> gx, Span<T> gu, int samples, Span<T> scratch);

    /// <summary>Noise-free observation y = g(x), S×c.</summary>
    void Observe(ReadOnlySpan<T> x, Span<T> y, int samples);

    /// <summary>Backward through the observation: adds (∂g/∂x)ᵀ gy to <paramref name="gx"/> (gy is S×c).</summary>
    void ObserveAdjoint(ReadOnlySpan<T> x, ReadOnlySpan<T> gy, Span<T> gx, int samples);
}
