using System.Numerics;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// What Fig. 3's claims read from one seed (docs/science/figures-and-studies.md §3–§4): the whole-run identities of the
/// base run (§3), its Stage 1, the Stage-1 landscape at the seed's fresh models and the ten "over" runs.
/// </summary>
public sealed record Fig3Seed : ISeeded
{
    public required long Seed { get; init; }
    /// <summary>σ_zm of the base run's epoch-0 weights.</summary>
    public required double InitialSigmaZm { get; init; }
    public required RankOneStages Stages { get; init; }
    /// <summary>§3.1: largest error of "cubic roots = non-zero eigenvalues of P" (<see cref="Fig3Measures.RootIdentityError"/>).</summary>
    public required double RootError { get; init; }
    /// <summary>§3.2: largest relative gap between the training loss and the loss of P_eff (<see cref="Fig3Measures.LossIdentityError"/>).</summary>
    public required double LossError { get; init; }
    /// <summary>Smallest gap ln ℒ(+s) − ln ℒ(−s) over the asymmetry points, in simulation and theory.</summary>
    public required double AsymmetryGap { get; init; }
    /// <summary>Largest |ln ℒ_sim − ln ℒ_theory| at |σ_zm| ≥ 0.05.</summary>
    public required double LandscapeDeviation { get; init; }
    /// <summary>Smallest ln ℒ_sim − ln ℒ_theory at |σ_zm| &lt; 0.05.</summary>
    public required double SmallSigmaMargin { get; init; }
    /// <summary>Final σ_zm of the ten "over" runs, in the order of <see cref="Fig3.OverStarts"/>.</summary>
    public required double[] OverFinals { get; init; }
    /// <summary>Largest per-epoch |Δσ_zm| of the "over" runs in units of η‖m‖.</summary>
    public required double MaxStepRatio { get; init; }
    /// <summary>Whether the positive starts descend at every epoch while σ_zm &gt; 0.</summary>
    public required bool PositiveDescent { get; init; }
    /// <summary>Largest change of the distance to the median final σ_zm over the negative starts (negative: all moved closer).</summary>
    public required double TowardAttractor { get; init; }
    /// <summary>Whether every negative start ended above its start or closer to the median final σ_zm.</summary>
    public required bool NegativeStartsMoveUp { get; init; }
    /// <summary>D at epoch 0 and at e₁ (e₁ = 0 when Stage 1 is empty).</summary>
    public required double D0 { get; init; }
    public required double DE1 { get; init; }
    /// <summary>The dominant root at e₁.</summary>
    public required Complex RootAtE1 { get; init; }
    /// <summary>Largest deviation of the real pair before e₁ from 1 ± √σ_zm (NaN when no snapshot had a real pair).</summary>
    public required double RealPairDeviation { get; init; }
    /// <summary>max|x| over steps 250–299 over max|x| over 0–50 of snapshot e₁ from (1, −1), and the sign changes.</summary>
    public required double OscillationRatio { get; init; }
    public required int SignChanges { get; init; }

    /// <summary>Measures a seed from its base run and its "over" runs.</summary>
    public static Fig3Seed Of(RankOneRun run, IReadOnlyList<RunRecord> over)
    {
        var net = run.Record.Settings.Network;
        var landscape = StageOneLandscape.Compute(net, run.Seed, StageOneLandscape.Grid());
        var asymmetry = StageOneLandscape.Asymmetry(net, run.Seed);
        double[] sig = [.. landscape.Sigma, .. asymmetry.Sigma], sim = [.. landscape.LnSimulated, .. asymmetry.LnSimulated], th = [.. landscape.LnTheory, .. asymmetry.LnTheory];
        var finals = over.Select(r => OrderParameters.Of(r.Parameters()).SigmaZm).ToArray();
        int e1 = run.Stages.E1OrZero;
        var d = run.Record.Column("test_loss");
        var x = run.Positions(e1, 300);
        var toward = Fig3Measures.TowardAttractor(Fig3.OverStarts, finals);
        return new Fig3Seed
        {
            Seed = run.Seed,
            InitialSigmaZm = run.Order(0).SigmaZm,
            Stages = run.Stages,
            RootError = Fig3Measures.RootIdentityError(run),
            LossError = Fig3Measures.LossIdentityError(run),
            AsymmetryGap = Fig3Measures.SmallestAsymmetryGap(asymmetry),
            LandscapeDeviation = Enumerable.Range(0, sig.Length).Where(i => Math.Abs(sig[i]) >= Fig3Claims.SmallSigma).Max(i => Math.Abs(sim[i] - th[i])),
            SmallSigmaMargin = Enumerable.Range(0, sig.Length).Where(i => Math.Abs(sig[i]) < Fig3Claims.SmallSigma).Min(i => sim[i] - th[i]),
            OverFinals = finals,
            MaxStepRatio = over.Max(r => RankOneMeasures.MaxStep(Sigmas(r)) / (r.Settings.Optimizer.LearningRate * Math.Sqrt(r.Parameters(0).Input.Sum(m => m * m)))),
            PositiveDescent = over.Where((r, i) => Fig3.OverStarts[i] > 0).All(r => Fig3Measures.DescendsWhilePositive(Sigmas(r))),
            TowardAttractor = toward.Worst,
            NegativeStartsMoveUp = toward.UpOrCloser,
            D0 = SeedRuns.At(d, 0),
            DE1 = SeedRuns.At(d, e1),
            RootAtE1 = run.Roots(e1)?[0] ?? Complex.NaN,
            RealPairDeviation = Fig3Measures.RealPairDeviation(run),
            OscillationRatio = RankOneMeasures.MaxAbs(x, 250, 299) / RankOneMeasures.MaxAbs(x, 0, 50),
            SignChanges = RankOneMeasures.SignChanges(x),
        };
    }

    private static double[] Sigmas(RunRecord r) => [.. r.Series("sigma_zm"), OrderParameters.Of(r.Parameters()).SigmaZm];
}

/// <summary>The measures behind Fig. 3's claims that need more than one line (docs/science/figures-and-studies.md §3–§4).</summary>
public static class Fig3Measures
{
    /// <summary>Checkpoints examined by the §3 identities: every 50th epoch and the last one.</summary>
    public static IReadOnlyList<int> CheckEpochs(int epochs) =>
        Enumerable.Range(0, epochs).Where(e => e % 50 == 0 || e == epochs - 1).ToList();

    /// <summary>
    /// Largest error of the identity "cubic roots = non-zero eigenvalues of P, the other N−1 are zero" over the check
    /// epochs: for each recorded root the distance to the nearest of the three largest eigenvalues of the full
    /// (N+2)×(N+2) joint matrix of the snapshot, and the modulus of the fourth largest eigenvalue.
    /// </summary>
    public static double RootIdentityError(RankOneRun run)
    {
        var plant = Plants.DoubleIntegrator();
        double worst = 0;
        foreach (int e in CheckEpochs(run.Epochs))
        {
            var roots = run.Roots(e);
            if (roots is null) return double.NaN;
            var full = Spectrum.Of(JointMatrix.Build(plant, run.Record.Parameters(e))).Eigenvalues;
            foreach (var r in roots)
                worst = Math.Max(worst, full.Take(3).Min(l => Complex.Abs(l - r)));
            if (full.Count > 3) worst = Math.Max(worst, full[3].Magnitude);
        }
        return worst;
    }

    /// <summary>
    /// Largest relative difference, over the check epochs, between the run's training loss at epoch e and the loss of
    /// P_eff built from snapshot e's order parameters on the same batch (regenerated from the run's train-ic stream,
    /// one draw per epoch as the engine does).
    /// </summary>
    public static double LossIdentityError(RankOneRun run)
    {
        var s = run.Record.Settings;
        var rng = new RandomStreams(s.Seed, s.EvalSeed).TrainInitialConditions();
        var batch = new double[2 * s.Episode.Batch];
        double half = s.Episode.InitialStates.HalfWidth;
        var loss = run.Record.Column("loss");
        var check = CheckEpochs(run.Epochs).ToHashSet();
        double worst = 0;
        for (int e = 0; e < run.Epochs; e++)
        {
            rng.FillUniform(batch, -half, half);
            if (!check.Contains(e)) continue;
            double full = loss[e] ?? double.NaN;
            double reduced = ReducedModelTraining.LossAndGradient(run.Order(e), batch, s.Episode.Steps, s.Objective.Beta).Value;
            worst = Math.Max(worst, Math.Abs(full - reduced) / Math.Max(1e-300, Math.Abs(reduced)));
        }
        return worst;
    }

    /// <summary>The smallest of ln ℒ(+s) − ln ℒ(−s) over the asymmetry pairs, in simulation and theory (NaN propagates).</summary>
    public static double SmallestAsymmetryGap(StageOneLandscape a)
    {
        double min = double.PositiveInfinity;
        for (int k = 0; k < a.Sigma.Length / 2; k++)
            min = Math.Min(min, Math.Min(a.LnSimulated[2 * k + 1] - a.LnSimulated[2 * k], a.LnTheory[2 * k + 1] - a.LnTheory[2 * k]));
        return min;
    }

    /// <summary>Whether a σ_zm series decreases at every epoch while it is positive.</summary>
    public static bool DescendsWhilePositive(double[] sigma)
    {
        for (int e = 1; e < sigma.Length && sigma[e - 1] > 0; e++)
            if (!(sigma[e] < sigma[e - 1])) return false;
        return true;
    }

    /// <summary>
    /// Over the negative starts: the largest change of |final − attractor| − |start − attractor| (attractor = the median
    /// final σ_zm; negative = every negative start moved closer), and whether each moved up or closer.
    /// </summary>
    public static (double Worst, bool UpOrCloser) TowardAttractor(IReadOnlyList<double> starts, IReadOnlyList<double> finals)
    {
        double attractor = Descriptive.Median(finals.ToList());
        var neg = Enumerable.Range(0, starts.Count).Where(k => starts[k] < 0).ToList();
        bool up = neg.All(k => finals[k] > starts[k] || Math.Abs(finals[k] - attractor) < Math.Abs(starts[k] - attractor));
        return (neg.Max(k => Math.Abs(finals[k] - attractor) - Math.Abs(starts[k] - attractor)), up);
    }

    /// <summary>
    /// The largest deviation of the two leading roots from 1 ± √σ_zm over the snapshots e₁−4..e₁−1 whose two leading
    /// roots are real (NaN when none is).
    /// </summary>
    public static double RealPairDeviation(RankOneRun run)
    {
        int e1 = run.Stages.E1OrZero;
        double worst = double.NaN;
        for (int e = Math.Max(0, e1 - 4); e < e1; e++)
        {
            var r = run.Roots(e);
            if (r is null || Math.Abs(r[0].Imaginary) > Spectrum.ImaginaryTolerance || Math.Abs(r[1].Imaginary) > Spectrum.ImaginaryTolerance) continue;
            double q = Math.Sqrt(Math.Max(0, run.Order(e).SigmaZm));
            double dev = Math.Max(Math.Abs(r[0].Real - (1 + q)), Math.Abs(r[1].Real - (1 - q)));
            worst = double.IsNaN(worst) ? dev : Math.Max(worst, dev);
        }
        return worst;
    }
}
