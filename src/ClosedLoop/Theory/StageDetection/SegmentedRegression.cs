namespace ClosedLoop.Theory;

/// <summary>
/// Change-point detection on ln L (docs/science/analysis-maths.md §7.3b): subsample with a stride, then search exhaustively over two
/// break points splitting the series into three contiguous segments of at least m_seg points, each fitted with its
/// own OLS line against the epoch (lines need not be continuous); keep the split of least total squared error.
/// </summary>
/// <remarks>
/// Each segment's error comes from prefix sums of centred x, y, x², xy, y² in O(1), so the search is O(n²)
/// (500 points: about 10⁵ splits, milliseconds). Splits whose errors differ by less than
/// <see cref="TieTolerance"/>·E₁ (E₁ = error of a single line) count as ties and the earliest is kept, so a point
/// lying on both neighbouring lines (continuous data) goes to the later segment deterministically, not by round-off. Known weakness: the minimum segment
/// (40 epochs in the main variant) is longer than the published Stage 1, so the first segment cannot isolate it.
/// </remarks>
public static class SegmentedRegression
{
    /// <summary>Relative tolerance (of the single-line error) below which two splits count as tied.</summary>
    public const double TieTolerance = 1e-10;

    /// <summary>Fits one, two and three segments to <paramref name="lnLoss"/> (one value per epoch, epochs 0..n−1).</summary>
    public static SegmentedRegressionResult Fit(IReadOnlyList<double> lnLoss, SegmentedRegressionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(lnLoss);
        var s = (settings ?? SegmentedRegressionSettings.Main).Validated();
        if (lnLoss.Any(v => !double.IsFinite(v))) return Empty(SegmentedRegressionStatus.NonfiniteInput, s);
        int n = (lnLoss.Count + s.Stride - 1) / s.Stride, m = s.MinSegment;
        if (n < 3 * m) return Empty(SegmentedRegressionStatus.TooShort, s);

        var sums = new SegmentSums(lnLoss, s.Stride, n);
        double one = sums.Error(0, n);
        double tie = TieTolerance * one;
        var (twoBreak, two) = BestTwo(sums, n, m, tie);
        var (b1, b2, three) = BestThree(sums, n, m, tie);
        var segments = new[] { sums.Segment(0, b1), sums.Segment(b1, b2), sums.Segment(b2, n) };
        double a1 = segments[0].Slope, a2 = segments[1].Slope, a3 = segments[2].Slope;
        return new SegmentedRegressionResult(
            SegmentedRegressionStatus.Ok, segments, sums.Epoch(b1), sums.Epoch(b2), sums.Epoch(twoBreak),
            one, two, three, Reduction(one, three), Reduction(two, three),
            Fast: a1 < s.FastSlope,
            Slow: Math.Abs(a2) < Math.Max(s.SlowRatio * Math.Abs(a1), s.SlowAbsolute),
            Reaccelerates: a3 < a2 - s.Reacceleration,
            s);
    }

    private static (int Break, double Error) BestTwo(SegmentSums sums, int n, int m, double tie)
    {
        int best = m;
        double bestError = double.PositiveInfinity;
        for (int b = m; b <= n - m; b++)
        {
            double e = sums.Error(0, b) + sums.Error(b, n);
            if (e < bestError - tie) (best, bestError) = (b, e);
        }
        return (best, bestError);
    }

    private static (int B1, int B2, double Error) BestThree(SegmentSums sums, int n, int m, double tie)
    {
        int best1 = m, best2 = 2 * m;
        double bestError = double.PositiveInfinity;
        for (int b1 = m; b1 <= n - 2 * m; b1++)
        {
            double head = sums.Error(0, b1);
            for (int b2 = b1 + m; b2 <= n - m; b2++)
            {
                double e = head + sums.Error(b1, b2) + sums.Error(b2, n);
                if (e < bestError - tie) (best1, best2, bestError) = (b1, b2, e);
            }
        }
        return (best1, best2, bestError);
    }

    private static double Reduction(double from, double to) => from > 0 ? (from - to) / from : 0.0;

    private static SegmentedRegressionResult Empty(SegmentedRegressionStatus status, SegmentedRegressionSettings s)
        => new(status, [], null, null, null, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, false, false, false, s);

    /// <summary>Prefix sums over the subsampled points (epoch = index·stride), centred for accuracy.</summary>
    private sealed class SegmentSums
    {
        private readonly int _stride;
        private readonly double _xMean, _yMean;
        private readonly double[] _x, _y, _xx, _xy, _yy;

        public SegmentSums(IReadOnlyList<double> y, int stride, int n)
        {
            _stride = stride;
            for (int i = 0; i < n; i++) { _xMean += i * stride; _yMean += y[i * stride]; }
            _xMean /= n;
            _yMean /= n;
            (_x, _y, _xx, _xy, _yy) = (new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1]);
            for (int i = 0; i < n; i++)
            {
                double xc = i * stride - _xMean, yc = y[i * stride] - _yMean;
                _x[i + 1] = _x[i] + xc;
                _y[i + 1] = _y[i] + yc;
                _xx[i + 1] = _xx[i] + xc * xc;
                _xy[i + 1] = _xy[i] + xc * yc;
                _yy[i + 1] = _yy[i] + yc * yc;
            }
        }

        public int Epoch(int index) => index * _stride;

        /// <summary>Centred moments of points [i, j): (count, Σx, Σy, Sxx, Sxy, Syy) about the segment means.</summary>
        private (int N, double Sx, double Sy, double Cxx, double Cxy, double Cyy) Moments(int i, int j)
        {
            int c = j - i;
            double sx = _x[j] - _x[i], sy = _y[j] - _y[i];
            return (c, sx, sy, _xx[j] - _xx[i] - sx * sx / c, _xy[j] - _xy[i] - sx * sy / c, _yy[j] - _yy[i] - sy * sy / c);
        }

        public double Error(int i, int j)
        {
            var (_, _, _, cxx, cxy, cyy) = Moments(i, j);
            return Math.Max(0.0, cyy - cxy * cxy / cxx);
        }

        public SegmentFit Segment(int i, int j)
        {
            var (c, sx, sy, cxx, cxy, _) = Moments(i, j);
            double slope = cxy / cxx;
            double intercept = (sy - slope * sx) / c + _yMean - slope * _xMean;
            return new SegmentFit(Epoch(i), Epoch(j - 1), c, slope, intercept, Error(i, j));
        }
    }
}
