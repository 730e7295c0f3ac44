using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Configuration A of the β study (= Fig. 5d, docs/science/figures-and-studies.md §6, §8) on one seed: from snapshot e_stab + 1 of the
/// rank-1 base run, (i) the full model restarted with control penalty β (<see cref="RankOneRestarts.ControlPenalty"/>,
/// the Fig. 5d runs) and (ii) the reduced model P_eff with the snapshot's four order parameters trained identically
/// (docs/science/analysis-maths.md §6) on the same batches; both measured on the evaluation set.
/// </summary>
/// <param name="Seed">Root seed.</param>
/// <param name="Epoch">Snapshot e_stab + 1 of the base run.</param>
/// <param name="Full">Measurements of the full-model restarts, in the order of the β list.</param>
/// <param name="Reduced">Measurements of the reduced-model runs.</param>
/// <param name="FullLoss">Training loss per restart epoch of each full restart.</param>
/// <param name="ReducedRuns">The reduced-model histories.</param>
public sealed record BetaRestartSeed(long Seed, int Epoch, IReadOnlyList<StudyRow> Full, IReadOnlyList<StudyRow> Reduced,
    IReadOnlyList<double[]> FullLoss, IReadOnlyList<ReducedTrainingResult> ReducedRuns) : ISeeded
{
    /// <summary>Restart epochs at which the full and reduced loss curves are compared (Fig. 5 claim 5).</summary>
    public static readonly int[] ComparisonEpochs = [10, 50, 100, 300, 999];

    /// <summary>Measures the restarts (in the order of <paramref name="betas"/>) of one seed's base run.</summary>
    public static BetaRestartSeed Of(RankOneRun baseRun, IReadOnlyList<RunRecord> restarts, IReadOnlyList<double> betas)
    {
        int epoch = RankOneRestarts.PenaltySnapshot(baseRun.Stages);
        var settings = baseRun.Record.Settings;
        var x0 = FinalDeployment.InitialStates(settings, baseRun.Record.Parameters(epoch));
        var reduced = restarts.Select(r => RankOneRestarts.Reduced(baseRun, epoch, r.Settings)).ToList();
        return new BetaRestartSeed(baseRun.Seed, epoch,
            restarts.Select((r, j) => StudyRow.Measure(r, "A", betas[j], epoch)).ToList(),
            reduced.Select((r, j) => ReducedRow(r, baseRun.Seed, betas[j], epoch, x0, settings.Episode.Steps)).ToList(),
            restarts.Select(r => r.Series("loss")).ToList(), reduced);
    }

    /// <summary>Largest relative gap of the two training losses at restart epoch 0 over β (same batch, same order parameters: 0 up to rounding).</summary>
    public double StartGap => FullLoss.Select((l, j) => Math.Abs(l[0] - ReducedRuns[j].Losses[0]) / Math.Max(Math.Abs(l[0]), 1e-300)).Max();

    /// <summary>The worst max/min ratio of the two curves over β and <see cref="ComparisonEpochs"/> (clamped to the run).</summary>
    public double WorstRatio => FullLoss.Select((l, j) => Ratio(l, ReducedRuns[j])).Max();

    /// <summary>max/min of the two curves over <see cref="ComparisonEpochs"/> (clamped to the run); NaN when a loss is not positive.</summary>
    public static double Ratio(IReadOnlyList<double> full, ReducedTrainingResult reduced)
    {
        double worst = 1;
        foreach (int e in ComparisonEpochs)
        {
            int k = Math.Min(e, Math.Min(full.Count, reduced.Losses.Length) - 1);
            double f = full[Math.Clamp(k, 0, full.Count - 1)], r = reduced.Losses[k];
            if (!(f > 0 && r > 0)) return double.NaN;
            worst = Math.Max(worst, Math.Max(f, r) / Math.Min(f, r));
        }
        return worst;
    }

    private static StudyRow ReducedRow(ReducedTrainingResult r, long seed, double beta, int epoch, double[] x0, int steps)
    {
        var roots = Spectrum.FromEigenvalues(new RankOneModel(r.Final).CubicRoots());
        return new StudyRow("A", "reduced", beta, seed, null, null, null, null,
            FinalDeployment.OfReduced(r.Final, x0, StudyRuns.DeployedHorizon, steps), roots.Radius, roots.Eigenvalues,
            double.NaN, double.NaN, "", double.NaN, r.GradientNorms.Max(), epoch);
    }
}
