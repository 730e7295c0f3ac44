using ClosedLoop.Numerics;
using ClosedLoop.Runs;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>
/// Configuration A of the β study (= Fig. 5d, docs/science/figures-and-studies.md §6, §8): from snapshot e_stab + 1 of each seed's rank-1
/// base run, (i) the full model restarted with control penalty β (a cached run with the Fig. 5d settings) and (ii) the
/// reduced model P_eff with the snapshot's four order parameters trained identically (docs/science/analysis-maths.md §6), both drawing their
/// batches from the seed's train-ic stream so that restart epoch 0 uses the same batch.
/// </summary>
public static class BetaRestarts
{
    /// <summary>Restart epochs at which the full and reduced loss curves are compared (Fig. 5 claim 5).</summary>
    public static readonly int[] ComparisonEpochs = [10, 50, 100, 300, 999];

    /// <summary>The restarts of one seed, in the order of the β list.</summary>
    /// <param name="Seed">Root seed.</param>
    /// <param name="Epoch">Snapshot e_stab + 1 of the base run.</param>
    /// <param name="Full">Measurements of the full-model restarts.</param>
    /// <param name="Reduced">Measurements of the reduced-model runs.</param>
    /// <param name="FullRuns">The full-model restart runs.</param>
    /// <param name="ReducedRuns">The reduced-model histories.</param>
    public sealed record SeedRestarts(long Seed, int Epoch, IReadOnlyList<StudyRow> Full, IReadOnlyList<StudyRow> Reduced,
        IReadOnlyList<RunRecord> FullRuns, IReadOnlyList<ReducedTrainingResult> ReducedRuns);

    /// <summary>
    /// Trains (or reuses) the full-model restarts of every seed and β in one batch, trains the reduced models, and
    /// measures both on the evaluation set. <paramref name="bases"/> holds each seed's base settings and finished run.
    /// </summary>
    public static IReadOnlyList<SeedRestarts> Run(ExperimentContext ctx, IReadOnlyList<long> seeds, IReadOnlyList<double> betas,
        IReadOnlyList<(RunSettings Settings, RunRecord Run)> bases)
    {
        if (!betas.SequenceEqual(Fig5.Betas)) throw new ArgumentException($"betas must be Fig. 5d's ({string.Join(", ", Fig5.Betas)}): the restarts are shared with it");
        var rankOne = bases.Select(b => new RankOneRun(b.Run)).ToList();
        var epochs = rankOne.Select(Fig5.RestartSnapshot).ToList();
        var settings = rankOne.SelectMany(r => Fig5.Restarts(ctx, r)).ToList();
        var runs = ctx.Runs.GetAll(settings);
        var result = new List<SeedRestarts>();
        for (int i = 0; i < seeds.Count; i++)
        {
            var (baseSettings, baseRun) = bases[i];
            var snapshot = baseRun.Parameters(epochs[i]);
            var x0 = FinalDeployment.InitialStates(baseSettings, snapshot);
            var full = betas.Select((beta, j) => runs[i * betas.Count + j]).ToList();
            var reduced = betas.Select((beta, j) => Fig5.Reduced(rankOne[i], epochs[i], settings[i * betas.Count + j])).ToList();
            result.Add(new SeedRestarts(seeds[i], epochs[i],
                full.Select((r, j) => StudyRow.Measure(r, "A", betas[j], epochs[i])).ToList(),
                reduced.Select((r, j) => ReducedRow(r, seeds[i], betas[j], epochs[i], x0, baseSettings.Episode.Steps)).ToList(),
                full, reduced));
        }
        return result;
    }

    private static StudyRow ReducedRow(ReducedTrainingResult r, long seed, double beta, int epoch, double[] x0, int steps)
    {
        var roots = Spectrum.FromEigenvalues(new RankOneModel(r.Final).CubicRoots());
        return new StudyRow("A", "reduced", beta, seed, null, null, null, null,
            FinalDeployment.OfReduced(r.Final, x0, StudyRuns.DeployedHorizon, steps), roots.Radius, roots.Eigenvalues,
            double.NaN, double.NaN, "", double.NaN, r.GradientNorms.Max(), epoch);
    }

    /// <summary>
    /// Claims of A beyond the β trends: the exact equality of the two losses at restart epoch 0 (same batch, same order
    /// parameters) and, reported, the worst ratio of the two loss curves at <see cref="ComparisonEpochs"/>.
    /// </summary>
    public static void Claims(ClaimList claims, IReadOnlyList<SeedRestarts> a)
    {
        var gaps = a.SelectMany(s => s.FullRuns.Select((r, j) => RelativeGap(SeedRuns.At(r.Column("loss"), 0), s.ReducedRuns[j].Losses[0]))).ToList();
        double worst = gaps.Count == 0 ? double.NaN : gaps.Max();
        claims.Exact("6", "[exact] A: at restart epoch 0 the full and reduced training losses are equal for every beta and seed (same batch, same order parameters)",
            worst, 0, 1e-9, note: "measured: largest relative gap over seeds and beta");
        var ratios = a.Select(s => new SeedValue(s.Seed, s.FullRuns.Select((r, j) => WorstRatio(r, s.ReducedRuns[j])).Max(), true)).ToList();
        claims.Reported("7", "A: full vs reduced training-loss curves, worst max/min ratio over beta and the restart epochs 10, 50, 100, 300, 999 (Fig. 5 claim 5 expects < 2)",
            null, values: ratios, note: "per seed: the worst ratio over the four beta; restart epochs beyond the run are clamped to its last epoch");
    }

    /// <summary>max/min of the two curves over <see cref="ComparisonEpochs"/> (clamped to the run).</summary>
    public static double WorstRatio(RunRecord full, ReducedTrainingResult reduced)
    {
        var loss = full.Column("loss");
        double worst = 1;
        foreach (int e in ComparisonEpochs)
        {
            int k = Math.Min(e, Math.Min(loss.Length, reduced.Losses.Length) - 1);
            double f = SeedRuns.At(loss, k), r = reduced.Losses[k];
            if (!(f > 0 && r > 0)) return double.NaN;
            worst = Math.Max(worst, Math.Max(f, r) / Math.Min(f, r));
        }
        return worst;
    }

    private static double RelativeGap(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(a), 1e-300);
}
