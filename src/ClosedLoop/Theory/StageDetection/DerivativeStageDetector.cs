namespace ClosedLoop.Theory;

/// <summary>
/// Secondary, loss-based stage detector (docs/science/analysis-maths.md §7.3a): finds the end of the initial drop (the first flat
/// stretch of the smoothed log-loss) and the end of the plateau (a steep slope, the stability crossing, or a
/// fallback). Its plateau exit tends to coincide with the crossing it is given; use the spectral detector for
/// stage claims.
/// </summary>
public static class DerivativeStageDetector
{
    /// <summary>Runs the detector on a per-epoch loss series and an optional per-epoch spectral radius series.</summary>
    public static DerivativeStageResult Detect(IReadOnlyList<double> loss, IReadOnlyList<double>? rho = null, DerivativeDetectorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var s = (settings ?? new DerivativeDetectorSettings()).Validated();
        int n = loss.Count;
        if (n < 2) throw new ArgumentException($"derivative_detector.loss has {n} entries: at least 2 are needed");
        if (rho is not null && rho.Count != n) throw new ArgumentException($"derivative_detector.rho has {rho.Count} entries, expected {n} (one per loss entry)");
        int width = s.WidthFor(n);
        if (loss.Any(x => !double.IsFinite(x)))
            return new DerivativeStageResult(null, null, null, PlateauExit.NonfiniteLoss, false, false, false, width, [], s);

        var slope = Slopes(Smooth(loss.Select(x => Math.Log(Math.Max(x, s.LossFloor))).ToArray(), width));
        int mp = s.MinimumPlateau;
        int stage1 = StageWindows.FirstWindow(n, 1, mp, e => Math.Abs(slope[e]) <= s.FlatnessThreshold)
            ?? (int)Math.Floor(n * s.Stage1FallbackFraction);
        int? crossing = rho is null ? null : StageWindows.FirstWindow(n, stage1, mp + 1, e => rho[e] < 1);

        var (end, reason) = PlateauEnd(slope, stage1, crossing, s);
        bool plateau = end - stage1 >= mp;
        bool stable = crossing is not null && double.IsFinite(rho![n - 1]);
        return new DerivativeStageResult(stage1, crossing, end, reason, plateau, plateau && reason != PlateauExit.Fallback, stable, width, slope, s);
    }

    private static (int End, PlateauExit Reason) PlateauEnd(double[] slope, int stage1, int? crossing, DerivativeDetectorSettings s)
    {
        int n = slope.Length, earliest = stage1 + s.MinimumPlateau;
        for (int e = earliest; e < n; e++)
            if (slope[e] < s.ExitSlope) return (e, PlateauExit.Slope);
        if (crossing is { } c && c >= earliest) return (c, PlateauExit.Stability);
        int fallback = Math.Min(n - 1, Math.Max(earliest, (int)Math.Floor(s.PlateauFallbackFraction * n)));
        return (fallback, PlateauExit.Fallback);
    }

    /// <summary>Centred moving average of odd width, truncated at the ends (mean over the available points).</summary>
    internal static double[] Smooth(double[] y, int width)
    {
        int n = y.Length, half = width / 2;
        var smooth = new double[n];
        for (int i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(n - 1, i + half);
            double sum = 0;
            for (int j = lo; j <= hi; j++) sum += y[j];
            smooth[i] = sum / (hi - lo + 1);
        }
        return smooth;
    }

    /// <summary>Central differences inside, one-sided first differences at the two ends (numpy.gradient).</summary>
    internal static double[] Slopes(double[] y)
    {
        int n = y.Length;
        var s = new double[n];
        s[0] = y[1] - y[0];
        s[n - 1] = y[n - 1] - y[n - 2];
        for (int i = 1; i < n - 1; i++) s[i] = 0.5 * (y[i + 1] - y[i - 1]);
        return s;
    }
}
