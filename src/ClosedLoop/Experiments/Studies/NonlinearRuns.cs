using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>A configuration of the nonlinear study (docs/science/figures-and-studies.md §11).</summary>
/// <param name="Label">Short name: <c>tanh</c> (i), <c>linear</c> (ii), <c>tau2</c>, <c>tau5</c> (iii).</param>
/// <param name="Description">Name in figure titles and claims.</param>
/// <param name="Asserted">Whether claims 1–4 are judged on it ((i), (ii)); the continuous-time variants are reported.</param>
public sealed record NonlinearConfig(string Label, string Description, bool Asserted)
{
    /// <summary>(i) the closed-loop tanh runs of Fig. 1c.</summary>
    public static NonlinearConfig Tanh { get; } = new("tanh", "(i) tanh, gamma = 1 (Fig. 1c runs)", true);

    /// <summary>(ii) the same dense network with linear φ (I-NL).</summary>
    public static NonlinearConfig Linear { get; } = new("linear", "(ii) dense linear network, I-NL", true);

    /// <summary>(iii) continuous-time variants τ = 2 and τ = 5 (γ = 0.5, 0.2; plant dt = 1).</summary>
    public static IReadOnlyList<NonlinearConfig> ContinuousTime { get; } =
        [new("tau2", "(iii) tanh, tau = 2 (gamma = 0.5)", false), new("tau5", "(iii) tanh, tau = 5 (gamma = 0.2)", false)];

    /// <summary>
    /// The settings of one seed. (i) is exactly <see cref="Fig1c.Closed"/> (shared with Figs 1c/2, so ρ(W) is computed
    /// from its parameter snapshots); (ii) and (iii) also record the network spectrum every epoch.
    /// </summary>
    public RunSettings Settings(ExperimentContext ctx, long seed)
    {
        var s = Fig1c.Closed(ctx, seed);
        if (Label == "tanh") return s;
        var spectra = s.Evaluation with { Spectra = SpectrumKinds.Joint | SpectrumKinds.Network };
        var network = Label switch
        {
            "linear" => s.Network with { Activation = Activation.Linear },
            "tau2" => s.Network with { Tau = 2 },
            "tau5" => s.Network with { Tau = 5 },
            _ => throw new ArgumentException($"nonlinear.config = '{Label}' is not known: allowed are tanh, linear, tau2, tau5"),
        };
        return s with { Preset = $"tanh-{Label}", Network = network, Evaluation = spectra };
    }
}

/// <summary>What the nonlinear study measures on one run (docs/science/figures-and-studies.md §11).</summary>
/// <param name="Config">The configuration.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Run">The finished run.</param>
/// <param name="Stages">Spectral stages, strict ρ(P) and gain-system stabilisation epochs (<see cref="RunStages.Of"/>).</param>
/// <param name="RadiusW">ρ(W) at the epochs where it is known (every epoch when recorded, otherwise the parameter snapshots).</param>
/// <param name="RadiusWAtCrossing">Largest ρ(W) around the strict ρ(P) stabilisation epoch (<see cref="NonlinearMeasures.AroundCrossing"/>).</param>
/// <param name="FinalClass">Class of P_red at the last valid gain fit (null when no valid fit).</param>
/// <param name="FinalEigW">Eigenvalues of the final W, sorted by descending modulus.</param>
public sealed record NonlinearRun(NonlinearConfig Config, long Seed, RunRecord Run, RunStages Stages, IReadOnlyList<(int Epoch, double Value)> RadiusW,
    double RadiusWAtCrossing, GainClass? FinalClass, IReadOnlyList<Complex> FinalEigW)
{
    /// <summary>|e_stab(P) − e_stab(gain system)|, NaN when either is missing.</summary>
    public double StabilizationGap => Stages.Stabilization is { } a && Stages.GainStabilization is { } b ? Math.Abs(a - b) : double.NaN;

    /// <summary>Measures one run.</summary>
    public static NonlinearRun Of(NonlinearConfig config, long seed, RunRecord run)
    {
        var stages = RunStages.Of(run);
        var radius = RadiusOfW(run);
        double around = stages.Stabilization is { } c ? NonlinearMeasures.AroundCrossing(radius, c) : double.NaN;
        var gains = GainPath.Of(run);
        GainClass? final = gains.LastValid is { } e ? gains.Classes[e] : null;
        var weights = run.Parameters();
        var eig = weights.AllFinite() ? Spectrum.Of(weights.RecurrentColumnForm()).Eigenvalues : [];
        return new NonlinearRun(config, seed, run, stages, radius, around, final, eig);
    }

    /// <summary>ρ(W) per epoch from the <c>rho_w</c> column when recorded, otherwise from every parameter snapshot.</summary>
    public static IReadOnlyList<(int Epoch, double Value)> RadiusOfW(RunRecord run)
    {
        var column = run.TryColumn("rho_w");
        if (column is not null && column.Any(v => v is not null))
            return column.Select((v, e) => (e, v)).Where(p => p.v is { } x && double.IsFinite(x)).Select(p => (p.e, p.v!.Value)).ToList();
        var list = new List<(int, double)>();
        for (int e = 0; e < run.Epochs; e++)
        {
            if (!run.HasSnapshot(e)) continue;
            var p = run.Parameters(e);
            if (p.AllFinite()) list.Add((e, Spectrum.Of(p.RecurrentColumnForm()).Radius));
        }
        return list;
    }
}

/// <summary>Pure measures of the nonlinear study.</summary>
public static class NonlinearMeasures
{
    /// <summary>Half-width (epochs) of the window "around the crossing" of claim 2.</summary>
    public const int CrossingHalfWidth = 25;

    /// <summary>Claim 2's bound on ρ(W) around the crossing.</summary>
    public const double RadiusBound = 0.5;

    /// <summary>Claim 3's bound on the difference of the two stabilisation epochs.</summary>
    public const int StabilizationGapBound = 30;

    /// <summary>
    /// Largest ρ(W) over the known epochs within ±<paramref name="halfWidth"/> of <paramref name="crossing"/>; when no
    /// known epoch lies in that window (sparse snapshots), the largest of the nearest known epochs before and after
    /// it. NaN when nothing is known.
    /// </summary>
    public static double AroundCrossing(IReadOnlyList<(int Epoch, double Value)> radius, int crossing, int halfWidth = CrossingHalfWidth)
    {
        var inside = radius.Where(p => Math.Abs(p.Epoch - crossing) <= halfWidth).Select(p => p.Value).ToList();
        if (inside.Count > 0) return inside.Max();
        var before = radius.Where(p => p.Epoch < crossing).OrderBy(p => p.Epoch).LastOrDefault(p => true, (-1, double.NaN));
        var after = radius.Where(p => p.Epoch > crossing).OrderBy(p => p.Epoch).FirstOrDefault(p => true, (-1, double.NaN));
        var near = new[] { before, after }.Where(p => p.Item1 >= 0).Select(p => p.Item2).ToList();
        return near.Count == 0 ? double.NaN : near.Max();
    }

    /// <summary>
    /// Shape of a final W spectrum: the largest-modulus eigenvalue (the outlier) and the largest modulus of the rest
    /// (the bulk radius); NaN for an empty spectrum.
    /// </summary>
    public static (Complex Outlier, double BulkRadius) Shape(IReadOnlyList<Complex> eigenvalues)
    {
        if (eigenvalues.Count == 0) return (new Complex(double.NaN, double.NaN), double.NaN);
        var sorted = eigenvalues.OrderByDescending(z => z.Magnitude).ToList();
        var outlier = sorted[0];
        int skip = Math.Abs(outlier.Imaginary) > Spectrum.ImaginaryTolerance ? 2 : 1;
        return (outlier, sorted.Count > skip ? sorted[skip].Magnitude : double.NaN);
    }
}
