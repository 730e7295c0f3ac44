using System.Globalization;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// Study: the nonlinear (tanh) network (docs/science/figures-and-studies.md §11). (i) The closed-loop tanh runs of Fig. 1c; (ii) the same
/// dense network with linear φ; (iii) continuous-time variants τ ∈ {2, 5}. Checks that the three-stage structure is
/// visible in the joint matrix P but not in the recurrent matrix W alone, that the two stabilisation epochs agree,
/// and that the final gains are stable; writes <c>study_nonlinear_summary.csv</c>.
/// </summary>
/// <remarks>
/// (i) reuses Fig. 1c's runs unchanged (recording ρ(W) would change their settings and retrain them), so ρ(W) of (i)
/// is computed from its parameter snapshots (log-spaced: …, 80, 100, 120, 150, 200, …); (ii) and (iii) record ρ(W)
/// every epoch. At quick size (iii) uses 2 seeds (reported only), to stay in the CPU budget.
/// </remarks>
public sealed class NonlinearStudy : Experiment<NonlinearStudy.Key, IReadOnlyList<NonlinearRun>>
{
    /// <summary>The key of a run of the study: a configuration (<see cref="NonlinearConfig.Label"/>) and a seed.</summary>
    public readonly record struct Key(string Config, long Seed);

    public override string Name => "nonlinear";

    public override string Description => "tanh network: three stages in the joint matrix P but not in W alone; linear and continuous-time variants";

    /// <summary>The configurations with their seeds: (i) and (ii) on every seed, (iii) on the first 2 (quick) or 5 (full).</summary>
    private static IEnumerable<(NonlinearConfig Config, long Seed)> Cases(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var ctSeeds = seeds.Take(Math.Min(seeds.Count, ctx.BySize(1, 2, 5))).ToList();
        return seeds.Select(s => (NonlinearConfig.Tanh, s)).Concat(seeds.Select(s => (NonlinearConfig.Linear, s)))
            .Concat(NonlinearConfig.ContinuousTime.SelectMany(c => ctSeeds.Select(s => (c, s))));
    }

    public override RunGrid<Key> Plan(ExperimentContext ctx) =>
        new RunGrid<Key>().AddEach(Cases(ctx).Select(c => new Key(c.Config.Label, c.Seed)), k => NonlinearConfig.Of(k.Config).Settings(ctx, k.Seed));

    public override IReadOnlyList<NonlinearRun> Measure(ExperimentContext ctx, RunSet<Key> runs) =>
        Cases(ctx).Select(c => NonlinearRun.Of(c.Config, c.Seed, runs[new Key(c.Config.Label, c.Seed)])).ToList();

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, IReadOnlyList<NonlinearRun> runs)
    {
        WriteSummary(ctx, runs);
        long first = runs[0].Seed;
        return
        [
            NonlinearPanels.Radii(ctx, First(runs, "tanh")),
            NonlinearPanels.Radii(ctx, First(runs, "linear")),
            NonlinearPanels.ContinuousTimeRadii(ctx, runs.Where(r => r.Seed == first).ToList()),
            NonlinearPanels.DominantPath(ctx, First(runs, "tanh")),
            NonlinearPanels.DominantPath(ctx, First(runs, "linear")),
            NonlinearPanels.FinalEigW(ctx, First(runs, "tanh"), First(runs, "linear")),
        ];
    }

    private static NonlinearRun First(IReadOnlyList<NonlinearRun> runs, string label) => runs.First(r => r.Config.Label == label);

    private static void WriteSummary(ExperimentContext ctx, IReadOnlyList<NonlinearRun> runs)
    {
        string[] header = ["config", "seed", "e1", "crossing_persistent", "e_stab_p", "e_stab_gain", "stabilization_gap", "growth", "three_stages",
            "rho_w_at_crossing", "rho_w_source", "final_rho_p", "final_class", "final_eig_w_outlier_re", "final_eig_w_outlier_im", "final_eig_w_bulk_radius", "final_loss"];
        var rows = runs.Select(r =>
        {
            var (outlier, bulk) = NonlinearMeasures.Shape(r.FinalEigW);
            return (IReadOnlyList<object?>)
            [
                r.Config.Label, r.Seed, r.Stages.Stage1End, r.Stages.Crossing, r.Stages.Stabilization, r.Stages.GainStabilization, r.StabilizationGap,
                r.Stages.Growth, r.Stages.ThreeStages, r.RadiusWAtCrossing, r.Run.RadiusWRecorded ? "recorded" : "snapshots",
                r.Run.FinalRhoP, r.FinalClass, outlier.Real, outlier.Imaginary, bulk, r.Run.FinalLoss,
            ];
        });
        ctx.WriteTable("study_nonlinear_summary.csv", header, rows);
    }

    public override void Judge(ExperimentContext ctx, IReadOnlyList<NonlinearRun> runs, ClaimSet c)
    {
        foreach (var (config, suffix) in new[] { (NonlinearConfig.Tanh, "a"), (NonlinearConfig.Linear, "b") })
        {
            var rs = runs.Where(r => r.Config == config).ToList();
            string who = config.Description;
            c.RestingOn($"nonlinear_radii_{config.Label}", $"nonlinear_dominant_{config.Label}", "study_nonlinear_summary.csv");
            c.MostSeeds("1" + suffix, $"{who}: the spectral three-stage signature holds (e1 and the persistent crossing exist, |lambda3| grows after it, finite losses)", rs,
                Criteria.Is<NonlinearRun>($"e1 and the persistent crossing exist, G > {Number.Text(new SpectralDetectorSettings().GrowthThreshold)}, finite losses", r => r.Stages.ThreeStages))
                .Measuring(new Quantity<NonlinearRun>("growth G of |lambda3| after the crossing", r => r.Stages.Growth))
                .Note("e1 per seed " + Join(rs, r => r.Stages.Stage1End));
            c.EverySeed("2" + suffix, $"{who}: rho(W) stays well below 1 (< {NonlinearMeasures.RadiusBound}) around the crossing of rho(P)", rs,
                new Quantity<NonlinearRun>($"max rho(W) within +-{NonlinearMeasures.CrossingHalfWidth} epochs of e_stab(P)", r => r.RadiusWAtCrossing).Below(NonlinearMeasures.RadiusBound))
                .Note((config == NonlinearConfig.Tanh ? "rho(W) from the log-spaced parameter snapshots of the Fig. 1c runs (nearest snapshots when none lies in the window); " : "rho(W) recorded every epoch; ")
                    + "e_stab(P) per seed " + Join(rs, r => r.Stages.Stabilization));
            c.MostSeeds("3" + suffix, $"{who}: the two stabilisation epochs (linearised P, gain system P_red(k_eff)) differ by less than 30 epochs", rs,
                new Quantity<NonlinearRun>("|e_stab(P) - e_stab(gain)|", r => r.StabilizationGap).Below(NonlinearMeasures.StabilizationGapBound))
                .Note("gain-system e_stab per seed " + Join(rs, r => r.Stages.GainStabilization));
            c.RestingOn("nonlinear_eig_w", "study_nonlinear_summary.csv");
            c.EverySeed("4" + suffix, $"{who}: the final closed-loop gains are in the stable class", rs,
                Criteria.Is<NonlinearRun>("class(P_red(k_final)) = stable", r => r.FinalClass == GainClass.Stable))
                .Measuring(new Quantity<NonlinearRun>("class label (2 stable, 1 unstable osc., 0 unstable real)", r => r.FinalClass is { } k ? (int)k : double.NaN))
                .Note("final eig(W): " + string.Join("; ", rs.Select(Shape)));
        }
        c.RestingOn("nonlinear_radii_continuous_time", "study_nonlinear_summary.csv");
        foreach (var config in NonlinearConfig.ContinuousTime)
        {
            var rs = runs.Where(r => r.Config == config).ToList();
            c.Reported("5-" + config.Label, $"{config.Description}: three-stage signature, stabilisation epochs (P / gain), rho(W) around the crossing, final class",
                string.Join("; ", rs.Select(r => $"seed {r.Seed}: three stages {r.Stages.ThreeStages}, e1 {Text(r.Stages.Stage1End)}, e_stab {Text(r.Stages.Stabilization)}/{Text(r.Stages.GainStabilization)}, "
                    + $"rho(W) {r.RadiusWAtCrossing.ToString("G3", CultureInfo.InvariantCulture)}, final {r.FinalClass?.ToString() ?? "n/a"}")));
        }
    }

    private static string Shape(NonlinearRun r)
    {
        var (o, bulk) = NonlinearMeasures.Shape(r.FinalEigW);
        return string.Create(CultureInfo.InvariantCulture, $"seed {r.Seed} outlier {o.Real:G3}{(Math.Abs(o.Imaginary) > 1e-6 ? $"±{Math.Abs(o.Imaginary):G2}i" : "")}, bulk {bulk:G2}");
    }

    private static string Join(IReadOnlyList<NonlinearRun> rs, Func<NonlinearRun, int?> f) => string.Join(", ", rs.Select(r => Text(f(r))));

    private static string Text(int? e) => e?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
