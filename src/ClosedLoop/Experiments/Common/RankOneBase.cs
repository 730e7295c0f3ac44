using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>
/// Stage boundaries of a rank-1 base run as Figs 3–5 use them (docs/science/figures-and-studies.md §3–§6, decision 17 of docs/science/decisions.md):
/// <see cref="E1"/> = e₁ of the spectral detector, <see cref="EStab"/> = the strict stabilisation epoch of ρ(P),
/// <see cref="StartSnapshot"/> = e_s = max(10, e₁ + 2), the start of the Stage-2 analyses ("snapshot 10").
/// </summary>
public sealed record RankOneStages(int? E1, int? EStab, bool ThreeStages, int LastEpoch)
{
    /// <summary>e_s = max(10, e₁ + 2) (e₁ = 0 when the detector finds none), clipped to the recorded epochs.</summary>
    public int StartSnapshot => Math.Min(Math.Max(10, (E1 ?? 0) + 2), LastEpoch);

    /// <summary>e₁, or 0 when the detector finds no Stage-1 end (Stage 1 empty).</summary>
    public int E1OrZero => E1 ?? 0;
}

/// <summary>
/// The rank-1 base run of docs/science/figures-and-studies.md §3 (preset <c>lowrank</c> = <c>lr-published</c>, 1000 epochs, a snapshot
/// every epoch), shared by Figs 3, 4, 5 and the β, T and Adam studies: every caller builds its settings here so that
/// the run cache trains each seed once. Also the Fig. 3 figure seed and rollouts of a snapshot from x₀ = (1, −1),
/// h₀ = 0 with the full joint matrix P; the restarts from a snapshot are <see cref="RankOneRestarts"/>.
/// </summary>
public static class RankOneBase
{
    /// <summary>Initial σ_zm above which a seed shows Stage 1 (docs/science/figures-and-studies.md §4, decision 18 of docs/science/decisions.md).</summary>
    public const double FigureSeedThreshold = 0.02;

    /// <summary>Seeds searched for the Fig. 3 figure seed before giving up.</summary>
    public const int FigureSeedSearch = 10_000;

    /// <summary>The published hand-placed boundaries of the rank-1 run (docs/science/analysis-maths.md §7.1): e₁ = 8, e_stab = 129.</summary>
    public static readonly int[] PublishedBoundaries = [8, 129];

    /// <summary>Initial state of the single-trajectory panels (Figs 3b, 4b, 5b): (position, velocity) = (1, −1).</summary>
    public static readonly double[] PanelState = [1.0, -1.0];

    /// <summary>The base-run settings of one seed at the context's size (smoke: sized down, 30 epochs).</summary>
    public static RunSettings Settings(ExperimentContext ctx, long seed) => Settings(ctx.Size, seed);

    /// <summary>The base-run settings of one seed at <paramref name="size"/>.</summary>
    public static RunSettings Settings(ExperimentSize size, long seed) =>
        Sizing.Apply(Presets.Get("lowrank") with { Seed = seed, Epochs = 1000 }, size);

    /// <summary>Stage boundaries of a base run (spectral detector on its recorded spectra and gain fit).</summary>
    public static RankOneStages Stages(RunRecord run)
    {
        var st = RunStages.Of(run);
        return new RankOneStages(st.Stage1End, st.Stabilization, st.ThreeStages, run.Epochs - 1);
    }

    /// <summary>σ_zm = zᵀm of the initial weights the trainer draws for <paramref name="s"/> (no training).</summary>
    public static double InitialSigmaZm(RunSettings s) =>
        OrderParameters.Of(Initializer.Create(s.Network, new RandomStreams(s.Seed, s.EvalSeed).Init())).SigmaZm;

    /// <summary>The first seed ≥ 0 whose initial σ_zm exceeds <see cref="FigureSeedThreshold"/> at this size.</summary>
    public static long FigureSeed(ExperimentSize size)
    {
        for (long seed = 0; seed < FigureSeedSearch; seed++)
            if (InitialSigmaZm(Settings(size, seed)) > FigureSeedThreshold) return seed;
        throw new InvalidOperationException($"no seed below {FigureSeedSearch} has initial σ_zm > {FigureSeedThreshold}");
    }

    /// <summary>
    /// Positions x⁽¹⁾_t, t = 0..steps−1, of the closed loop of <paramref name="p"/> from x₀ = (1, −1), h₀ = 0, rolled out
    /// with the full joint matrix P (s_t = Pᵗ s₀; exact for the linear network with FirstControl = Zero).
    /// </summary>
    public static double[] Positions(NetworkParameters p, int steps)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (steps < 1) throw new ArgumentException($"steps = {steps} is not allowed: it must be >= 1");
        var matrix = JointMatrix.Build(Plants.DoubleIntegrator(), p);
        int dim = matrix.Rows;
        var s = new double[dim];
        var next = new double[dim];
        (s[0], s[1]) = (PanelState[0], PanelState[1]);
        var x = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            x[t] = s[0];
            for (int i = 0; i < dim; i++)
            {
                double acc = 0;
                for (int j = 0; j < dim; j++) acc += matrix[i, j] * s[j];
                next[i] = acc;
            }
            (s, next) = (next, s);
        }
        return x;
    }
}

