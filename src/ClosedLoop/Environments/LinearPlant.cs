using System.Numerics;
using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>
/// A discrete-time linear plant <c>x_{t+1} = clamp(A x_t + f_B·B u_t + w_t)</c> observed through
/// <c>y_t = C x_t (+ ε_t)</c> (docs/science/model-and-training.md §1). Shapes are checked once, here.
/// </summary>
/// <remarks>
/// Column-vector convention: A is k×k, B is k×n_u, C is c×k. <see cref="ProcessNoiseStd"/> is σ_w: the noise
/// is N(0, (σ_w √dt)²) per component and sample. <see cref="ClampBound"/> null means no clamp; otherwise every
/// component is clipped to [−bound, bound] after the step. <see cref="FeedbackFactor"/> f_B scales B.
/// </remarks>
public sealed record LinearPlant : IPlant
{
    private readonly double _feedback = 1.0;
    private readonly Mat _effectiveB;

    public string Name { get; }
    public Mat A { get; }
    public Mat B { get; }
    public Mat C { get; }
    public double Dt { get; }
    public double ProcessNoiseStd { get; init; }
    public double ObservationNoiseStd { get; init; }
    public double? ClampBound { get; init; }

    public double FeedbackFactor
    {
        get => _feedback;
        init
        {
            _feedback = value;
            _effectiveB = value == 1.0 ? B : value * B;
        }
    }

    public LinearPlant(string name, Mat a, Mat b, Mat c, double dt)
    {
        if (!a.IsSquare) throw new ArgumentException($"plant.a must be square, got {a.Rows}x{a.Cols}");
        if (b.Rows != a.Rows) throw new ArgumentException($"plant.b must have {a.Rows} rows (the state size), got {b.Rows}x{b.Cols}");
        if (c.Cols != a.Rows) throw new ArgumentException($"plant.c must have {a.Rows} columns (the state size), got {c.Rows}x{c.Cols}");
        if (b.Cols < 1 || c.Rows < 1) throw new ArgumentException("plant.b and plant.c need at least one column (an input) and one row (an observed component)");
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentException($"plant.dt = {dt} is not allowed: it must be a positive finite number");
        Name = name;
        A = a;
        B = b;
        C = c;
        Dt = dt;
        _effectiveB = b;
    }

    /// <summary>State dimension k.</summary>
    public int StateSize => A.Rows;

    /// <summary>Number of controls n_u.</summary>
    public int ControlSize => B.Cols;

    /// <summary>Number of observed components c.</summary>
    public int ObservationSize => C.Rows;

    /// <summary>True when the step is stochastic (process or observation noise).</summary>
    public bool IsNoisy => ProcessNoiseStd > 0 || ObservationNoiseStd > 0;

    /// <summary>The effective input matrix f_B·B.</summary>
    public Mat EffectiveB => _effectiveB;

    /// <summary>True when the plant clamps (the step then writes the clamp's derivative as its mask).</summary>
    public bool HasStepMask => ClampBound is not null;

    /// <summary>The identity: every state component is costed with weight 1.</summary>
    public Mat RegulationCost => Mat.Identity(StateSize);

    /// <summary>Checks the optional settings; throws with the field name and the allowed range.</summary>
    public LinearPlant Validated()
    {
        if (ProcessNoiseStd < 0 || double.IsNaN(ProcessNoiseStd)) throw new ArgumentException($"plant.process_noise = {ProcessNoiseStd} is not allowed: it must be >= 0");
        if (ObservationNoiseStd < 0 || double.IsNaN(ObservationNoiseStd)) throw new ArgumentException($"plant.observation_noise = {ObservationNoiseStd} is not allowed: it must be >= 0");
        if (ClampBound is { } cb && !(cb > 0)) throw new ArgumentException($"plant.clamp = {cb} is not allowed: it must be > 0 (or absent for no clamp)");
        if (double.IsNaN(FeedbackFactor) || double.IsInfinity(FeedbackFactor)) throw new ArgumentException($"plant.feedback_factor = {FeedbackFactor} is not allowed: it must be finite");
        return this;
    }

    /// <summary>The step <c>x' = clamp(A x + f_B B u + w)</c>, <c>y = C x</c> and their adjoints in element type T.</summary>
    public IPlantDynamics<T> Dynamics<T>() where T : unmanaged, IFloatingPointIeee754<T> => new LinearDynamics<T>(this);

    /// <summary>(A, f_B B, C), with the rows of A and f_B B zeroed for components the clamp holds at its bound.</summary>
    public PlantJacobian Linearize(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        var fx = A.Clone();
        var fu = _effectiveB.Clone();
        if (ClampBound is { } bound)
        {
            var next = new double[StateSize];
            var mask = new double[StateSize];
            Dynamics<double>().Step(t, x, u, default, next, mask, 1);
            for (int i = 0; i < StateSize; i++)
                if (mask[i] == 0)
                {
                    for (int j = 0; j < StateSize; j++) fx[i, j] = 0;
                    for (int j = 0; j < ControlSize; j++) fu[i, j] = 0;
                }
        }
        return new PlantJacobian(fx, fu, C.Clone());
    }
}
