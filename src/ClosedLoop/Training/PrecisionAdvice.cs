using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Theory;

namespace ClosedLoop.Training;

/// <summary>
/// Where single precision is not safe (docs/findings/precision.md, measured by <c>closedloop reproduce precision</c>):
/// float32's largest number is 3.4e38, and a linear controller of an unclamped linear plant whose initial closed loop
/// P₀ is unstable grows its states like ρ(P₀)^t over an episode, so its loss and gradient grow like ρ(P₀)^(2T) during
/// Stage 1. Nonlinear networks saturate and the clamp bounds the states, so they are not at risk. <c>train</c> prints
/// <see cref="Before"/> before such a run and <see cref="After"/> after a single-precision run that diverged.
/// </summary>
public static class PrecisionAdvice
{
    /// <summary>
    /// The exponent of the predicted loss growth, 2T·log₁₀ ρ(P₀), above which a run is warned about: float32 ends at
    /// 10^38.5, and the gradient is a further factor of about T·N above the loss (a rank-1 run with an exponent of 36.8
    /// overflowed at epoch 0 while its double twin peaked at a loss of 1.7e35 and a gradient norm of 6e37).
    /// </summary>
    public const double OverflowExponent = 30;

    /// <summary>
    /// The spectral radius ρ(P₀) of the initial closed loop and the predicted loss-growth exponent 2T·log₁₀ ρ(P₀), for a
    /// linear controller of an unclamped linear plant drawn from the seed (null otherwise).
    /// </summary>
    public static (double Rho, double Exponent)? Growth(RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Network.Cell != Cell.Rnn || s.Network.Activation != Activation.Linear || s.Plant.Kind == PlantKind.Ring
            || s.Plant.Clamp is not null || s.Start is not null) return null;
        var p = Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init());
        double rho = Spectrum.Of(JointMatrix.Build(s.Plant.BuildLinear(), p)).Radius;
        return (rho, 2 * s.Episode.Steps * Math.Log10(rho));
    }

    /// <summary>The warning for a single-precision run whose predicted growth passes <see cref="OverflowExponent"/>, or null.</summary>
    public static string? Before(RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Precision != Precision.Single || Growth(s) is not { } g || !(g.Exponent > OverflowExponent)) return null;
        return $"warning: precision = single is not safe for this run: the initial closed loop of seed {s.Seed} grows like ρ(P)^t "
            + $"with ρ(P) = {g.Rho:G4}, so over episode.steps = {s.Episode.Steps} the loss can reach about 1e{g.Exponent:0}, next to "
            + "float32's largest number 3.4e38, and overflow where double precision stays finite (docs/findings/precision.md); "
            + "train with --set precision=double";
    }

    /// <summary>The line added to the divergence warning of a single-precision run, or null.</summary>
    public static string? After(RunSettings s, bool diverged) =>
        s.Precision == Precision.Single && diverged
            ? "note: this run trained in single precision, whose largest number is 3.4e38; the same settings in double precision may stay finite (docs/findings/precision.md)"
            : null;
}
