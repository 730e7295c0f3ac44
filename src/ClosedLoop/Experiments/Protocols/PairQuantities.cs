using ClosedLoop.Theory;

namespace ClosedLoop.Experiments.Protocols;

/// <summary>
/// The named per-seed quantities of the paired core protocol (docs/science/figures-and-studies.md §12.2), as written to
/// <c>core_seeds.csv</c> (one row per seed) and summarised in <c>core_summary.csv</c>. Criteria (post-initial peak,
/// spike, divergence, three stages, ...) are 1/0 quantities whose mean is the support fraction; every quantity is NaN
/// for a failed seed, so failures are counted apart.
/// </summary>
public static class PairQuantities
{
    /// <summary>Every quantity by name, in table order.</summary>
    public static IReadOnlyList<(string Name, Func<PairMeasures, double> Get)> All { get; } = Build();

    /// <summary>The value of quantity <paramref name="name"/> for a seed (NaN for a failed seed).</summary>
    public static double Of(PairMeasures m, string name) => Value(m, All.First(q => q.Name == name).Get);

    /// <summary>1 or 0 (NaN for a failed seed) — criteria as numbers.</summary>
    public static double Flag(bool b) => b ? 1 : 0;

    /// <summary>The value of a quantity getter for a seed (NaN for a failed seed).</summary>
    public static double Value(PairMeasures m, Func<PairMeasures, double> get) => m.Failed ? double.NaN : get(m);

    /// <summary>Epoch as a number, NaN when undefined.</summary>
    public static double Epoch(int? e) => e is { } v ? v : double.NaN;

    private static List<(string, Func<PairMeasures, double>)> Build()
    {
        var list = new List<(string, Func<PairMeasures, double>)>
        {
            ("initial_gap", m => m.InitialGap),
            ("open_peak_epoch", m => Epoch(m.Peak.PeakEpoch)),
            ("open_peak_over_initial", m => m.Peak.PeakOverInitial),
            ("open_peak_over_final", m => m.Peak.PeakOverFinal),
            ("open_separation_epoch", m => Epoch(m.Peak.SeparationEpoch)),
            ("post_initial_peak", m => Flag(m.Peak.PostInitialPeak)),
            ("spike", m => Flag(m.Peak.Spike)),
            ("final_d_closed", m => m.FinalClosed),
            ("final_d_open", m => m.FinalOpen),
            ("gap", m => m.Comparison.FinalGap),
            ("relative_gap", m => m.Comparison.RelativeGap),
            ("loss_divergence", m => Flag(m.Comparison.LossDivergence)),
            ("gain_distance", m => m.Comparison.GainDistance ?? double.NaN),
            ("gain_divergence", m => Flag(m.Comparison.GainDivergence)),
            ("recovered", m => Flag(m.Comparison.Recovered)),
            ("e1", m => Epoch(m.Spectral.Stage1End)),
            ("e2_crossing", m => Epoch(m.Spectral.Stage2End)),
            ("e_stab_strict", m => Epoch(m.Spectral.StrictStabilization)),
            ("growth_g", m => m.Spectral.Growth ?? double.NaN),
            ("three_stages", m => Flag(m.ThreeStages)),
            ("open_crossing", m => Epoch(m.OpenCrossing)),
            ("final_rho_p_closed", m => m.FinalRho),
            ("final_rho_p_open", m => m.FinalRhoOpen),
            ("rho_w_at_crossing", m => m.RhoWAtCrossing),
            ("rho_w_final", m => m.RhoWFinal),
            ("deriv_stage1_end", m => Epoch(m.Derivative.Stage1End)),
            ("deriv_plateau_end", m => Epoch(m.Derivative.PlateauEnd)),
            ("deriv_crossing", m => Epoch(m.Derivative.Crossing)),
            ("deriv_plateau", m => Flag(m.Derivative.PlateauDetected)),
            ("deriv_three_stages", m => Flag(m.Derivative.ThreeStages)),
            ("deriv_reaches_stability", m => Flag(m.Derivative.ReachesStability)),
        };
        for (int v = 0; v < SegmentedRegressionSettings.Variants.Count; v++)
        {
            int i = v;
            string p = "cp_" + SegmentedRegressionSettings.Variants[v].Name.Replace('-', '_');
            list.Add(($"{p}_boundary1", m => Epoch(m.ChangePoints[i].Boundary1)));
            list.Add(($"{p}_boundary2", m => Epoch(m.ChangePoints[i].Boundary2)));
            list.Add(($"{p}_a1", m => m.ChangePoints[i].Slopes.A1));
            list.Add(($"{p}_a2", m => m.ChangePoints[i].Slopes.A2));
            list.Add(($"{p}_a3", m => m.ChangePoints[i].Slopes.A3));
            list.Add(($"{p}_three_stages", m => Flag(m.ChangePoints[i].ThreeStages)));
        }
        return list;
    }
}
