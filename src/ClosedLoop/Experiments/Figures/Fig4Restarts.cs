namespace ClosedLoop.Experiments;

/// <summary>Fig. 4's claims on the reduced-model paths from e_s (claim 8) and the episode-length restarts (claim 9).</summary>
public static class Fig4Restarts
{
    /// <summary>The α of the scan that claim 8 requires to contain one disk-entering path: {0.1, …, 0.9} ∪ {0.48, 0.52, 0.55}.</summary>
    public static bool InClaimScan(double alpha) => alpha is > 0.05 and < 0.95;

    public static void Add(ClaimList c, IReadOnlyList<Fig4Seed> seeds, IReadOnlyList<int> lengths)
    {
        var w = Fig4Paths.ReducedWindow;
        c.PerSeed("8", "(d) From the run's own e_s: the α = 0 path ends (240 steps) with Im at least 0.1 above its start and |λ| > 1.05; the α = 1 path's Im decreases monotonically while in the window; some α of {0.1, …, 0.9} ∪ {0.48, 0.52, 0.55} enters the unit disk within 300 steps",
            "all three", seeds.Select(s =>
            {
                var up = s.Reduced.Single(r => r.Settings.Alpha == 0);
                var down = s.Reduced.Single(r => r.Settings.Alpha == 1);
                double rise = up.Final.DominantRoot.Imaginary - up.Records[0].DominantRoot.Imaginary;
                var inside = RankOneMeasures.WhileInside(down.Records.Select(x => x.DominantRoot).ToList(), w.ReMin, w.ReMax, w.ImMin, w.ImMax);
                bool monotone = inside.Count >= 2 && RankOneMeasures.DecreasesStrictly(inside.Select(z => z.Imaginary).ToList());
                bool enters = s.Scan.Any(r => InClaimScan(r.Settings.Alpha) && r.FirstInsideUnitDisk is not null);
                return new SeedValue(s.Base.Seed, rise, rise >= 0.1 && up.Final.DominantRoot.Magnitude > 1.05 && monotone && enters);
            }).ToList(), note: "measured: rise of Im along the α = 0 path; α entering the disk within 300 steps per seed: "
                + string.Join("; ", seeds.Select(s => $"{s.Base.Seed}: {Interval(s)}"))
                + "; start point (e_s, π(e_s), λ_dom): " + string.Join("; ", seeds.Select(s =>
                    $"{s.Base.Seed}: ({s.Base.Stages.StartSnapshot}, {s.Reduced[0].Start.Pi:G2}, {s.Reduced[0].Records[0].DominantRoot.Real:F4}{s.Reduced[0].Records[0].DominantRoot.Imaginary:+0.0000;-0.0000}i)")));
        int ti = lengths.Count - 1;
        var at = seeds.Select(s =>
        {
            double start = s.Restarts[0].Series("dom_im")[0];
            var ims = s.Restarts.Select(r => SeedRuns.At(r.Column("dom_im"), Fig4Claims.RestartEpoch)).ToList();
            return (s.Base.Seed, Start: start, Ims: ims);
        }).ToList();
        c.MostSeeds("9", $"(e) After {Fig4Claims.RestartEpoch} restart epochs: the T = {lengths[0]} path's Im is at least 0.05 above the start, the T = {lengths[ti]} path's Im is below the start, and Im decreases with T (at most one inversion)",
            "all three", at.Select(a => new SeedValue(a.Seed, a.Ims[0] - a.Start,
                a.Ims[0] >= a.Start + 0.05 && a.Ims[ti] < a.Start && RankOneMeasures.IncreasingPairs(a.Ims) <= 1)).ToList(),
            note: $"measured: Im(T = {lengths[0]}) − Im(start) at restart epoch {Fig4Claims.RestartEpoch}; Im per T at that epoch: "
                + string.Join("; ", at.Select(a => $"{a.Seed}: start {a.Start:F3} → " + string.Join("/", a.Ims.Select(v => v.ToString("F3"))))));
        c.Reported("9r", "(e) Later behaviour of the restarts (reported, not asserted): final dominant eigenvalue and stabilisation epoch per T",
            string.Join("; ", seeds.Select(s => $"seed {s.Base.Seed}: " + string.Join(", ", s.Restarts.Select((r, i) =>
                $"T={lengths[i]} {SeedRuns.Last(r.Column("dom_re")):F3}{SeedRuns.Last(r.Column("dom_im")):+0.000;-0.000}i stab {r.Summary.StabilizationEpoch?.ToString() ?? "none"}")))));
    }

    /// <summary>The α of a seed's scan whose paths enter the unit disk within the scan's steps, as text.</summary>
    public static string Interval(Fig4Seed s)
    {
        var entered = s.Scan.Where(r => r.FirstInsideUnitDisk is not null).Select(r => r.Settings.Alpha).ToList();
        return entered.Count == 0 ? "none" : string.Join(", ", entered.Select(a => a.ToString("0.##")));
    }
}
