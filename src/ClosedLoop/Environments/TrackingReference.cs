using System.Numerics;
using System.Text.Json.Serialization;
using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>Which plant axis a reference component drives.</summary>
public enum Axis { X = 0, Y = 1 }

/// <summary>One sinusoid of a tracking reference: <c>amplitude·cos(2π f t + φ)</c> on one axis.</summary>
public sealed record SinusoidComponent(Axis Axis, double FrequencyHz, double Amplitude)
{
    /// <summary>Angular frequency ω = 2π f in rad/s.</summary>
    [JsonIgnore]
    public double AngularFrequency => 2 * Math.PI * FrequencyHz;
}

/// <summary>How the phases of the components are chosen.</summary>
public enum PhaseRule
{
    /// <summary>Independent U(−π, π) per batch element and component, redrawn every call (training, evaluation).</summary>
    RandomPerSample,
    /// <summary>Fixed phases given by <see cref="TrackingReference.FixedPhases"/>, identical for every sample.</summary>
    Fixed,
}

/// <summary>
/// A two-axis tracking reference: a sum of ramped sinusoids sampled on t_i = dt·i, i = 0..steps−1
/// (docs/science/model-and-training.md §1.4). The default is the paper's task: amplitude 2.31, 0.1 and 0.3 Hz on x, 0.2 and 0.4 Hz on
/// y, 1 s linear ramp, 300 samples at 10 Hz.
/// </summary>
public sealed record TrackingReference
{
    public IReadOnlyList<SinusoidComponent> Components { get; init; } = PaperComponents;
    public double RampSeconds { get; init; } = 1.0;
    public double Dt { get; init; } = 0.1;
    public int Steps { get; init; } = 300;
    public PhaseRule Phases { get; init; } = PhaseRule.RandomPerSample;
    public IReadOnlyList<double>? FixedPhases { get; init; }

    /// <summary>The paper's amplitude a = 2.31.</summary>
    public const double PaperAmplitude = 2.31;

    public static readonly IReadOnlyList<SinusoidComponent> PaperComponents =
    [
        new(Axis.X, 0.10, PaperAmplitude),
        new(Axis.X, 0.30, PaperAmplitude),
        new(Axis.Y, 0.20, PaperAmplitude),
        new(Axis.Y, 0.40, PaperAmplitude),
    ];

    /// <summary>The reproduction's deterministic reference (docs/science/model-and-training.md §1.4), T = 100.</summary>
    public static TrackingReference ReproductionDeterministic() => new()
    {
        Components =
        [
            new(Axis.X, 0.10, 1.5), new(Axis.X, 0.30, 1.0),
            new(Axis.Y, 0.20, 1.2), new(Axis.Y, 0.40, 0.8),
        ],
        Steps = 100,
        Phases = PhaseRule.Fixed,
        FixedPhases = [0.0, 1.3, 0.7, 2.1],
    };

    /// <summary>Ramp value at sample i: min(max(t/ramp, 0), 1).</summary>
    public double Ramp(int i) => RampSeconds <= 0 ? 1.0 : Math.Clamp(i * Dt / RampSeconds, 0.0, 1.0);

    /// <summary>
    /// Number of basis signals: a cosine and a sine per component. Every reference of this family is
    /// <c>r_b = Σ_j c_{b,j} φ_j</c> with these basis signals, which lets linear controllers be simulated on the
    /// basis instead of the batch.
    /// </summary>
    [JsonIgnore]
    public int BasisSize => 2 * Components.Count;

    /// <summary>
    /// Basis signals, shape (BasisSize, Steps, 2) flattened: basis 2j is ramp·cos(ω_j t) on component j's axis,
    /// basis 2j+1 is ramp·sin(ω_j t).
    /// </summary>
    public double[] Basis()
    {
        var basis = new double[BasisSize * Steps * 2];
        for (int j = 0; j < Components.Count; j++)
        {
            var comp = Components[j];
            int ax = (int)comp.Axis;
            for (int i = 0; i < Steps; i++)
            {
                double t = i * Dt, ramp = Ramp(i), w = comp.AngularFrequency * t;
                basis[((2 * j) * Steps + i) * 2 + ax] = ramp * Math.Cos(w);
                basis[((2 * j + 1) * Steps + i) * 2 + ax] = ramp * Math.Sin(w);
            }
        }
        return basis;
    }

    /// <summary>Draws (or takes) one phase per sample and component; shape (batch, Components.Count).</summary>
    public double[] DrawPhases(RandomStream rng, int batch)
    {
        var phases = new double[batch * Components.Count];
        DrawPhasesInto(rng, batch, phases);
        return phases;
    }

    /// <summary><see cref="DrawPhases"/> into a caller's buffer; allocates nothing.</summary>
    public void DrawPhasesInto(RandomStream rng, int batch, Span<double> phases)
    {
        int nc = Components.Count;
        if (Phases == PhaseRule.Fixed)
        {
            var fixedPh = FixedPhases ?? throw new InvalidOperationException("reference.phases is 'fixed' but no fixed phases are given");
            if (fixedPh.Count != nc) throw new ArgumentException($"reference.fixed_phases has {fixedPh.Count} values, expected {nc}");
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < nc; j++) phases[b * nc + j] = fixedPh[j];
            return;
        }
        rng.FillUniform(phases[..(batch * nc)], -Math.PI, Math.PI);
    }

    /// <summary>Basis coefficients for given phases: c_{b,2j} = a_j cos φ_{b,j}, c_{b,2j+1} = −a_j sin φ_{b,j}; shape (batch, BasisSize).</summary>
    public double[] Coefficients(ReadOnlySpan<double> phases, int batch)
    {
        var coef = new double[batch * BasisSize];
        CoefficientsInto(phases, batch, coef);
        return coef;
    }

    /// <summary><see cref="Coefficients"/> into a caller's buffer of length batch·BasisSize, each value computed in double and rounded to T.</summary>
    public void CoefficientsInto<T>(ReadOnlySpan<double> phases, int batch, Span<T> coef) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nc = Components.Count;
        for (int j = 0; j < nc; j++)
        {
            double a = Components[j].Amplitude;
            for (int b = 0; b < batch; b++)
            {
                double ph = phases[b * nc + j];
                coef[b * 2 * nc + 2 * j] = T.CreateTruncating(a * Math.Cos(ph));
                coef[b * 2 * nc + 2 * j + 1] = T.CreateTruncating(-a * Math.Sin(ph));
            }
        }
    }

    /// <summary>
    /// Reference values for given phases, shape (Steps, batch, 2) flattened (time-major, as the rollout reads
    /// them): <c>r[i, b, axis] = ramp(t_i) Σ_j a_j cos(ω_j t_i + φ_{b,j})</c> over the components on that axis,
    /// evaluated as Σ_j c_{b,j} φ_j(t_i) on the <see cref="Basis"/> (the same numbers a basis simulation uses).
    /// </summary>
    public double[] Values(ReadOnlySpan<double> phases, int batch)
    {
        var r = new double[Steps * batch * 2];
        ValuesInto(phases, batch, Basis(), new double[batch * BasisSize], r);
        return r;
    }

    /// <summary>
    /// <see cref="Values"/> into <paramref name="dest"/> (Steps·batch·2), given the precomputed <paramref name="basis"/>
    /// and a scratch buffer for the coefficients (batch·BasisSize), in element type T (the sums in T); allocates nothing.
    /// </summary>
    public void ValuesInto<T>(ReadOnlySpan<double> phases, int batch, ReadOnlySpan<T> basis, Span<T> coefScratch, Span<T> dest)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nb = BasisSize, steps = Steps;
        var coef = coefScratch[..(batch * nb)];
        CoefficientsInto(phases, batch, coef);
        for (int i = 0; i < steps; i++)
            for (int b = 0; b < batch; b++)
            {
                T rx = T.Zero, ry = T.Zero;
                for (int j = 0; j < nb; j++)
                {
                    T c = coef[b * nb + j];
                    rx += c * basis[(j * steps + i) * 2];
                    ry += c * basis[(j * steps + i) * 2 + 1];
                }
                dest[(i * batch + b) * 2] = rx;
                dest[(i * batch + b) * 2 + 1] = ry;
            }
    }

    /// <summary>Checks the settings; throws naming the field.</summary>
    public TrackingReference Validated()
    {
        Training.SizeLimits.Count("reference.steps", Steps, 1, Training.SizeLimits.MaxSteps);
        Training.SizeLimits.Count("the length of reference.components", Components.Count, 0, Training.SizeLimits.MaxPlantSize);
        if (!(Dt > 0)) throw new ArgumentException($"reference.dt = {Dt} is not allowed: it must be > 0");
        if (RampSeconds < 0) throw new ArgumentException($"reference.ramp = {RampSeconds} is not allowed: it must be >= 0");
        if (Components.Count == 0) throw new ArgumentException("reference.components is empty: at least one sinusoid is needed");
        return this;
    }
}
