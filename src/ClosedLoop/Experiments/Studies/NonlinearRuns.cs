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

    /// <summary>The configuration labelled <paramref name="label"/>.</summary>
    public static NonlinearConfig Of(string label) =>
        new[] { Tanh, Linear }.Concat(ContinuousTime).FirstOrDefault(c => c.Label == label)
        ?? throw new ArgumentException($"nonlinear.config = '{label}' is not known: allowed are tanh, linear, tau2, tau5");

    /// <summary>
    /// The settings of one seed. (i) is exactly the Fig. 1c run (<see cref="TanhBase.Settings"/>, shared with Figs 1c/2,
    /// so ρ(W) is computed from its parameter snapshots); (ii) and (iii) also record the network spectrum every epoch.
    /// </summary>
    public RunSettings Settings(ExperimentContext ctx, long seed)
    {
        var s = TanhBase.Settings(ctx, seed);
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
/// <param name="Run">The run's series the panels draw.</param>
/// <param name="Stages">Spectral stages, strict ρ(P) and gain-system stabilisation epochs (<see cref="RunStages.Of"/>).</param>
/// <param name="RadiusW">ρ(W) at the epochs where it is known (every epoch when recorded, otherwise the parameter snapshots).</param>
/// <param name="RadiusWAtCrossing">Largest ρ(W) around the strict ρ(P) stabilisation epoch (<see cref="NonlinearMeasures.AroundCrossing"/>).</param>
/// <param name="FinalClass">Class of P_red at the last valid gain fit (null when no valid fit).</param>
/// <param name="FinalEigW">Eigenvalues of the final W, sorted by descending modulus.</param>
public sealed record NonlinearRun(NonlinearConfig Config, long Seed, NonlinearSeries Run, RunStages Stages, IReadOnlyList<(int Epoch, double Value)> RadiusW,
    double RadiusWAtCrossing, GainClass? FinalClass, IReadOnlyList<Complex> FinalEigW) : ISeeded
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
        return new NonlinearRun(config, seed, NonlinearSeries.Of(run), stages, radius, around, final, eig);
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

/// <summary>What the nonlinear study's table and panels read from a run beside its measures.</summary>
/// <param name="Epochs">Number of recorded epochs.</param>
/// <param name="RhoP">ρ(P) of the linearised joint matrix per epoch.</param>
/// <param name="DomRe">Re λ_dom per epoch.</param>
/// <param name="DomIm">Im λ_dom per epoch.</param>
/// <param name="InitialEigW">Eigenvalues of W at epoch 0.</param>
/// <param name="RadiusWRecorded">Whether ρ(W) was recorded every epoch (otherwise computed from snapshots).</param>
/// <param name="FinalLoss">The final training loss.</param>
public sealed record NonlinearSeries(int Epochs, double[] RhoP, double[] DomRe, double[] DomIm, IReadOnlyList<Complex> InitialEigW, bool RadiusWRecorded, double FinalLoss)
{
    public static NonlinearSeries Of(RunRecord run) =>
        new(run.Epochs, run.Series("spectral_radius"), run.Series("dom_re"), run.Series("dom_im"), Spectrum.Of(run.Parameters(0).RecurrentColumnForm()).Eigenvalues,
            run.TryColumn("rho_w")?.Any(v => v is not null) == true, run.Summary.FinalLoss);

    /// <summary>The last recorded ρ(P).</summary>
    public double FinalRhoP => RhoP.LastOrDefault(v => !double.IsNaN(v), double.NaN);
}
