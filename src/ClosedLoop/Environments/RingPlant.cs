using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>What the controller observes of the ring plant.</summary>
public enum RingObservation
{
    /// <summary>(sin ε, cos ε): the angle error only (the hard ring).</summary>
    Angle,
    /// <summary>(sin ε, cos ε, ω): the angle error and the angular velocity (the simple ring).</summary>
    AngleAndVelocity,
}

/// <summary>
/// The ring / angular-integration plant of docs/science/model-and-training.md §1.5 (docs/science/model-and-training.md §1.5): an angle θ on
/// the circle driven through its angular velocity ω, <c>ω' = ω + dt f_B u</c>, <c>θ' = wrap(θ + dt ω')</c>, with
/// <c>wrap(a) = ((a + π) mod 2π) − π</c>, tracking the target θ*(t) = A_r sin(f_r t) (t the step index; A_r = 0 is the
/// constant target 0). Observation (sin ε, cos ε[, ω]); cost ε² + c_v ω² per step.
/// </summary>
/// <remarks>
/// The state is held in error coordinates, x = (ε, ω) with ε = wrap(θ − θ*(t)) ∈ [−π, π): the observation and the cost
/// depend on θ only through ε, and wrap(wrap(a) + b) = wrap(a + b), so the step is
/// <c>ε' = wrap(ε + dt ω' + θ*(t) − θ*(t+1))</c> and the loss is the same function of the controls as in the (θ, ω)
/// form. For the constant target ε = θ; otherwise θ = wrap(ε + θ*(t)). The wrap is piecewise the identity, so the
/// step's Jacobian is constant, [[1, dt], [0, 1]] and f_B [dt², dt]ᵀ; the loss is continuous across the wrap (it
/// depends on ε through ε², sin ε and cos ε, all 2π-periodic except ε² at ε = ±π, where it is continuous with a
/// kink). No noise and no clamp.
/// </remarks>
public sealed record RingPlant : IPlant
{
    /// <summary>Plant time step dt (default 0.1).</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>Feedback factor f_B scaling the control (default 1).</summary>
    public double FeedbackFactor { get; init; } = 1.0;

    /// <summary>What the controller reads.</summary>
    public RingObservation Observation { get; init; } = RingObservation.AngleAndVelocity;

    /// <summary>Target amplitude A_r (0: constant target θ* = 0).</summary>
    public double TargetAmplitude { get; init; }

    /// <summary>Target frequency f_r (radians per step) of θ*(t) = A_r sin(f_r t).</summary>
    public double TargetFrequency { get; init; }

    /// <summary>Velocity penalty c_v of the cost ε² + c_v ω² (default 0.1).</summary>
    public double VelocityPenalty { get; init; } = 0.1;

    public string Name => "ring";
    public int StateSize => 2;
    public int ControlSize => 1;
    public int ObservationSize => Observation == RingObservation.Angle ? 2 : 3;
    public double ProcessNoiseStd => 0;
    public double ObservationNoiseStd => 0;
    public bool IsNoisy => false;
    public bool HasStepMask => false;

    /// <summary>diag(1, √c_v): e = (ε, √c_v ω), so ‖e‖² = ε² + c_v ω².</summary>
    public Mat RegulationCost => Mat.FromRows([1, 0], [0, Math.Sqrt(VelocityPenalty)]);

    /// <summary>Checks every field; throws naming it.</summary>
    public RingPlant Validated()
    {
        if (!(Dt > 0) || double.IsInfinity(Dt)) throw new ArgumentException($"plant.dt = {Dt} is not allowed: it must be a positive finite number");
        if (!double.IsFinite(FeedbackFactor)) throw new ArgumentException($"plant.feedback_factor = {FeedbackFactor} is not allowed: it must be finite");
        if (!double.IsFinite(TargetAmplitude)) throw new ArgumentException($"plant.ring.target_amplitude = {TargetAmplitude} is not allowed: it must be finite");
        if (!double.IsFinite(TargetFrequency)) throw new ArgumentException($"plant.ring.target_frequency = {TargetFrequency} is not allowed: it must be finite");
        if (!(VelocityPenalty >= 0) || double.IsInfinity(VelocityPenalty)) throw new ArgumentException($"plant.ring.velocity_penalty = {VelocityPenalty} is not allowed: it must be >= 0 and finite");
        return this;
    }

    /// <summary>wrap(a) = ((a + π) mod 2π) − π, in [−π, π).</summary>
    public static double Wrap(double a) => Wrap<double>(a);

    /// <summary>wrap(a) in element type T (π and 2π rounded to T).</summary>
    internal static T Wrap<T>(T a) where T : IFloatingPointIeee754<T>
    {
        T twoPi = T.Pi + T.Pi;
        T m = (a + T.Pi) % twoPi;
        if (m < T.Zero) m += twoPi;
        return m - T.Pi;
    }

    /// <summary>The target θ*(t) = A_r sin(f_r t).</summary>
    public double Target(int t) => TargetAmplitude == 0 ? 0.0 : TargetAmplitude * Math.Sin(TargetFrequency * t);

    /// <summary>The step, the observation (sin ε, cos ε[, ω]) and their adjoints in element type T.</summary>
    public IPlantDynamics<T> Dynamics<T>() where T : unmanaged, IFloatingPointIeee754<T> => new RingDynamics<T>(this);

    /// <summary>State [[1, dt], [0, 1]], control f_B [dt², dt]ᵀ, observation [[cos ε, 0], [−sin ε, 0](, [0, 1])].</summary>
    public PlantJacobian Linearize(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double dt = Dt, e = x[0];
        var fx = Mat.FromRows([1, dt], [0, 1]);
        var fu = Mat.FromRows([dt * dt * FeedbackFactor], [dt * FeedbackFactor]);
        var g = new Mat(ObservationSize, 2);
        g[0, 0] = Math.Cos(e);
        g[1, 0] = -Math.Sin(e);
        if (ObservationSize == 3) g[2, 1] = 1;
        return new PlantJacobian(fx, fu, g);
    }
}
