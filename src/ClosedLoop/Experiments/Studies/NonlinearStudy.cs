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
public sealed class NonlinearStudy : IExperiment
{
    public string Name => "nonlinear";

    public string Description => "tanh network: three stages in the joint matrix P but not in W alone; linear and continuous-time variants";

    public ExperimentOutput Run(ExperimentContext ctx)
    {
        var seeds = ctx.Seeds(quick: 5, full: 5);
        var ctSeeds = seeds.Take(Math.Min(seeds.Count, ctx.BySize(1, 2, 5))).ToList();
        var plan = new List<(NonlinearConfig Config, long Seed)>();
        plan.AddRange(seeds.Select(s => (NonlinearConfig.Tanh, s)));
        plan.AddRange(seeds.Select(s => (NonlinearConfig.Linear, s)));
        foreach (var c in NonlinearConfig.ContinuousTime) plan.AddRange(ctSeeds.Select(s => (c, s)));
        var records = ctx.Runs.GetAll(plan.Select(p => p.Config.Settings(ctx, p.Seed)).ToList());
        var runs = plan.Select((p, i) => NonlinearRun.Of(p.Config, p.Seed, records[i])).ToList();
        WriteSummary(ctx, runs);
        var figures = new List<FigureEntry>
        {
            NonlinearPanels.Radii(ctx, First(runs, "tanh")),
            NonlinearPanels.Radii(ctx, First(runs, "linear")),
            NonlinearPanels.ContinuousTimeRadii(ctx, runs.Where(r => r.Seed == seeds[0]).ToList()),
            NonlinearPanels.DominantPath(ctx, First(runs, "tanh")),
            NonlinearPanels.DominantPath(ctx, First(runs, "linear")),
            NonlinearPanels.FinalEigW(ctx, First(runs, "tanh"), First(runs, "linear")),
        };
        return new ExperimentOutput(Claims(runs), figures);
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
                r.Stages.Growth, r.Stages.ThreeStages, r.RadiusWAtCrossing, r.Run.TryColumn("rho_w")?.Any(v => v is not null) == true ? "recorded" : "snapshots",
                SeedRuns.Last(r.Run.Column("spectral_radius")), r.FinalClass, outlier.Real, outlier.Imaginary, bulk, r.Run.Summary.FinalLoss,
            ];
        });
        ctx.WriteTable("study_nonlinear_summary.csv", header, rows);
    }

    private static IReadOnlyList<Claim> Claims(IReadOnlyList<NonlinearRun> runs)
    {
        var c = new ClaimList("nonlinear");
        foreach (var (config, suffix) in new[] { (NonlinearConfig.Tanh, "a"), (NonlinearConfig.Linear, "b") })
        {
            var rs = runs.Where(r => r.Config == config).ToList();
            string who = config.Description;
            c.MostSeeds("1" + suffix, $"{who}: the spectral three-stage signature holds (e1 and the persistent crossing exist, |lambda3| grows after it, finite losses)", "three stages in >= 80 % of seeds",
                rs.Select(r => new SeedValue(r.Seed, r.Stages.Growth, r.Stages.ThreeStages)).ToList(),
                note: "measured: growth G of |lambda3| after the crossing; e1 per seed " + Join(rs, r => r.Stages.Stage1End));
            c.PerSeed("2" + suffix, $"{who}: rho(W) stays well below 1 (< {NonlinearMeasures.RadiusBound}) around the crossing of rho(P)", $"max rho(W) within +-{NonlinearMeasures.CrossingHalfWidth} epochs of e_stab(P) < 0.5",
                rs.Select(r => new SeedValue(r.Seed, r.RadiusWAtCrossing, r.RadiusWAtCrossing < NonlinearMeasures.RadiusBound)).ToList(),
                note: (config == NonlinearConfig.Tanh ? "rho(W) from the log-spaced parameter snapshots of the Fig. 1c runs (nearest snapshots when none lies in the window); " : "rho(W) recorded every epoch; ")
                    + "e_stab(P) per seed " + Join(rs, r => r.Stages.Stabilization));
            c.MostSeeds("3" + suffix, $"{who}: the two stabilisation epochs (linearised P, gain system P_red(k_eff)) differ by less than 30 epochs", "|e_stab(P) - e_stab(gain)| < 30",
                rs.Select(r => new SeedValue(r.Seed, r.StabilizationGap, r.StabilizationGap < NonlinearMeasures.StabilizationGapBound)).ToList(),
                note: "gain-system e_stab per seed " + Join(rs, r => r.Stages.GainStabilization));
            c.PerSeed("4" + suffix, $"{who}: the final closed-loop gains are in the stable class", "class(P_red(k_final)) = stable",
                rs.Select(r => new SeedValue(r.Seed, r.FinalClass is { } k ? (int)k : double.NaN, r.FinalClass == GainClass.Stable)).ToList(),
                note: "measured: class label (2 stable, 1 unstable osc., 0 unstable real); final eig(W): " + string.Join("; ", rs.Select(Shape)));
        }
        foreach (var config in NonlinearConfig.ContinuousTime)
        {
            var rs = runs.Where(r => r.Config == config).ToList();
            c.Reported("5-" + config.Label, $"{config.Description}: three-stage signature, stabilisation epochs (P / gain), rho(W) around the crossing, final class",
                string.Join("; ", rs.Select(r => $"seed {r.Seed}: three stages {r.Stages.ThreeStages}, e1 {Text(r.Stages.Stage1End)}, e_stab {Text(r.Stages.Stabilization)}/{Text(r.Stages.GainStabilization)}, "
                    + $"rho(W) {r.RadiusWAtCrossing.ToString("G3", CultureInfo.InvariantCulture)}, final {r.FinalClass?.ToString() ?? "n/a"}")));
        }
        return c.Items;
    }

    private static string Shape(NonlinearRun r)
    {
        var (o, bulk) = NonlinearMeasures.Shape(r.FinalEigW);
        return string.Create(CultureInfo.InvariantCulture, $"seed {r.Seed} outlier {o.Real:G3}{(Math.Abs(o.Imaginary) > 1e-6 ? $"±{Math.Abs(o.Imaginary):G2}i" : "")}, bulk {bulk:G2}");
    }

    private static string Join(IReadOnlyList<NonlinearRun> rs, Func<NonlinearRun, int?> f) => string.Join(", ", rs.Select(r => Text(f(r))));

    private static string Text(int? e) => e?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
