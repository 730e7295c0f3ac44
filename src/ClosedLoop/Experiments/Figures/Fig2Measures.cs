using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// The per-seed measures behind the claims of Fig. 2 (docs/science/figures-and-studies.md §2), as pure functions of the two learners'
/// gain paths, the closed learner's Stage-1 end e₁ and gain-system stabilisation epoch e_stab, and the open
/// learner's deployed loss. Every measure returns the value reported in the claims table and whether the seed
/// supports the claim; a measure that cannot be taken (missing boundary, no valid gains) gives NaN and false.
/// </summary>
public static class Fig2Measures
{
    /// <summary>Stage-1 window of claim 2: k₁ ∈ [−0.05, −0.005], |k₂| &lt; 0.01, unstable oscillatory.</summary>
    public const double Stage1K1Min = -0.05, Stage1K1Max = -0.005, Stage1K2Abs = 0.01;

    /// <summary>Stage-2 box of claim 3: [−0.06, 0.005] × [−0.06, 0.01].</summary>
    public const double Stage2K1Min = -0.06, Stage2K1Max = 0.005, Stage2K2Min = -0.06, Stage2K2Max = 0.01;

    /// <summary>End point of claim 4: |k₁ + 0.36| &lt; 0.15, |k₂ + 1.0| &lt; 0.3, stable.</summary>
    public const double EndK1 = -0.36, EndK1Tolerance = 0.15, EndK2 = -1.0, EndK2Tolerance = 0.3;

    /// <summary>Overshoot region of claim 5: k₁ ≤ −0.05 and |k₂| ≤ 0.05 in the unstable-oscillatory class.</summary>
    public const double OvershootK1 = -0.05, OvershootK2Abs = 0.05;

    /// <summary>Claim 5: the open path's minimum k₁ lies at least this far beyond its own end point.</summary>
    public const double SwingMargin = 0.05;

    /// <summary>Claim 6: maximum distance between the two end points.</summary>
    public const double EndpointDistance = 0.3;

    /// <summary>Claim 2's condition in words (from the constants above).</summary>
    public static string Stage1Text =>
        $"k1(e1) in [{Number.Text(Stage1K1Min)}, {Number.Text(Stage1K1Max)}], |k2(e1)| < {Number.Text(Stage1K2Abs)}, class unstable osc.";

    /// <summary>Claim 3's condition in words.</summary>
    public static string Stage2Text =>
        $"fraction of [e1, e_stab] inside [{Number.Text(Stage2K1Min)}, {Number.Text(Stage2K1Max)}] x [{Number.Text(Stage2K2Min)}, {Number.Text(Stage2K2Max)}] = 1, k2(e_stab − 1) < 0, class unstable osc. at e_stab − 1 and stable at e_stab";

    /// <summary>Claim 4's condition in words.</summary>
    public static string EndText =>
        $"class stable, |k1 − ({Number.Text(EndK1)})| < {Number.Text(EndK1Tolerance)}, |k2 − ({Number.Text(EndK2)})| < {Number.Text(EndK2Tolerance)} at the last epoch";

    /// <summary>Claim 5a's condition in words.</summary>
    public static string OvershootText =>
        $"open-path epochs with k1 <= {Number.Text(OvershootK1)}, |k2| <= {Number.Text(OvershootK2Abs)}, class unstable osc. > 0, closed-path epochs there = 0";

    /// <summary>Claim 5d's condition in words.</summary>
    public static string SwingText => $"min k1(open) < k1(open, final) − {Number.Text(SwingMargin)}";

    /// <summary>Claim 2: the closed path at e₁ (value: k₁(e₁)).</summary>
    public static (double Value, bool Holds) Stage1Point(GainPath closed, int? e1)
    {
        if (e1 is not { } e || !closed.IsValid(e)) return (double.NaN, false);
        double k1 = closed.K1[e], k2 = closed.K2[e];
        bool holds = k1 >= Stage1K1Min && k1 <= Stage1K1Max && Math.Abs(k2) < Stage1K2Abs && closed.Classes[e] == GainClass.UnstableOscillatory;
        return (k1, holds);
    }

    /// <summary>
    /// Claim 3: over [e₁, e_stab] the closed path stays in the Stage-2 box, k₂ is negative just before e_stab, and the
    /// class changes from unstable oscillatory (at e_stab − 1) to stable (at e_stab), i.e. across k₂ = k₁
    /// (value: fraction of valid Stage-2 epochs inside the box).
    /// </summary>
    public static (double Value, bool Holds) Stage2Box(GainPath closed, int? e1, int? eStab)
    {
        if (e1 is not { } a || eStab is not { } b || b <= a || !closed.IsValid(b - 1) || !closed.IsValid(b)) return (double.NaN, false);
        var epochs = closed.ValidEpochs(a, b).ToList();
        double inside = epochs.Count(e => InStage2Box(closed.K1[e], closed.K2[e])) / (double)epochs.Count;
        bool turned = closed.K2[b - 1] < 0;
        bool crossing = closed.Classes[b - 1] == GainClass.UnstableOscillatory && closed.Classes[b] == GainClass.Stable;
        return (inside, inside == 1 && turned && crossing);
    }

    /// <summary>Claim 4: the closed path's end point (value: distance to the published (−0.365, −1.003)).</summary>
    public static (double Value, bool Holds) EndPoint(GainPath closed)
    {
        if (closed.LastValid is not { } e) return (double.NaN, false);
        double k1 = closed.K1[e], k2 = closed.K2[e];
        bool holds = closed.Classes[e] == GainClass.Stable && Math.Abs(k1 - EndK1) < EndK1Tolerance && Math.Abs(k2 - EndK2) < EndK2Tolerance;
        return (Distance(k1, k2, -0.365, -1.003), holds);
    }

    /// <summary>
    /// Claim 5a: the open path visits the overshoot region (k₁ ≤ −0.05, |k₂| ≤ 0.05, unstable oscillatory) and the
    /// closed path never does (value: number of open-path epochs in the region).
    /// </summary>
    public static (double Value, bool Holds) OpenOvershoot(GainPath closed, GainPath open)
    {
        int openVisits = open.ValidEpochs().Count(e => InOvershoot(open, e));
        int closedVisits = closed.ValidEpochs().Count(e => InOvershoot(closed, e));
        return (openVisits, openVisits > 0 && closedVisits == 0);
    }

    /// <summary>Claim 5b: the open learner's deployed-loss peak (argmax over e ≥ 1) falls in the unstable-oscillatory class (value: the peak epoch).</summary>
    public static (double Value, bool Holds) PeakInOscillatoryClass(GainPath open, IReadOnlyList<double> openLoss)
    {
        int? peak = null;
        for (int e = 1; e < openLoss.Count; e++)
            if (double.IsFinite(openLoss[e]) && (peak is null || openLoss[e] > openLoss[peak.Value])) peak = e;
        if (peak is not { } p) return (double.NaN, false);
        return (p, open.IsValid(p) && open.Classes[p] == GainClass.UnstableOscillatory);
    }

    /// <summary>Claim 5c: the open learner's gain system stabilises later than the closed one's (value: the difference in epochs).</summary>
    public static (double Value, bool Holds) LaterStabilization(int? closedStab, int? openStab)
    {
        if (closedStab is not { } c) return (double.NaN, false);
        if (openStab is not { } o) return (double.PositiveInfinity, true);
        return (o - c, o > c);
    }

    /// <summary>Claim 5d: on its return the open path swings past its own end point along k₁ (value: min_e k₁ of the open path).</summary>
    public static (double Value, bool Holds) OpenSwing(GainPath open)
    {
        if (open.LastValid is not { } last) return (double.NaN, false);
        double min = open.ValidEpochs().Min(e => open.K1[e]);
        return (min, min < open.K1[last] - SwingMargin);
    }

    /// <summary>Claim 6: distance between the two end points (value: ‖k_closed − k_open‖₂ at the last valid epochs).</summary>
    public static (double Value, bool Holds) EndpointGap(GainPath closed, GainPath open)
    {
        if (closed.LastValid is not { } c || open.LastValid is not { } o) return (double.NaN, false);
        double d = Distance(closed.K1[c], closed.K2[c], open.K1[o], open.K2[o]);
        return (d, d < EndpointDistance);
    }

    /// <summary>Whether (k₁, k₂) lies in the Stage-2 box of claim 3.</summary>
    public static bool InStage2Box(double k1, double k2) => k1 >= Stage2K1Min && k1 <= Stage2K1Max && k2 >= Stage2K2Min && k2 <= Stage2K2Max;

    private static bool InOvershoot(GainPath p, int e) =>
        p.K1[e] <= OvershootK1 && Math.Abs(p.K2[e]) <= OvershootK2Abs && p.Classes[e] == GainClass.UnstableOscillatory;

    private static double Distance(double a1, double a2, double b1, double b2) => Math.Sqrt((a1 - b1) * (a1 - b1) + (a2 - b2) * (a2 - b2));
}
