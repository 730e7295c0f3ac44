using System.Globalization;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>The double and single runs of one seed of a <see cref="PrecisionCase"/>.</summary>
public sealed record PrecisionPair(long Seed, RunRecord Double, RunRecord Single)
{
    /// <summary>The single run had a non-finite loss or gradient and its double twin did not: float32 overflowed.</summary>
    public bool SingleOverflowed => Single.Summary.Diverged && !Double.Summary.Diverged;
}

/// <summary>One quantity of one seed in both precisions.</summary>
public sealed record PrecisionRow(string Case, long Seed, PrecisionQuantity Quantity, double Double, double Single, PrecisionPair Pair)
{
    /// <summary>
    /// |single − double| in epochs, or relative to |double|; 0 when the quantity is undefined in both; +∞ when it is
    /// defined in one only, or when either run diverged (its quantities are not comparable).
    /// </summary>
    public double Difference
    {
        get
        {
            if (Pair.Double.Summary.Diverged || Pair.Single.Summary.Diverged) return double.PositiveInfinity;
            bool d = double.IsFinite(Double), s = double.IsFinite(Single);
            if (!d && !s) return 0;
            if (d != s) return double.PositiveInfinity;
            double diff = Math.Abs(Single - Double);
            return Quantity.Scale == QuantityScale.Epochs ? diff : diff / Math.Abs(Double);
        }
    }
}

/// <summary>
/// The verdicts of the precision study: per case and quantity, whether single precision reproduces the double value in
/// every seed within a tolerance fixed in advance, written as "agrees within X over N seeds" or "differs: …"; and whether
/// float32 overflows exactly where <see cref="PrecisionAdvice"/> warns.
/// </summary>
public static class PrecisionVerdicts
{
    /// <summary>Relative tolerance of losses and loss ratios (float rounding is about 1e-7; training amplifies it).</summary>
    public const double RelativeTolerance = 1e-2;

    /// <summary>Tolerance of an epoch quantity: 1 % of the run's epochs, at least 5.</summary>
    public static double EpochTolerance(int epochs) => Math.Max(5, Math.Round(0.01 * epochs));

    /// <summary>The claims of every case, numbered in order.</summary>
    public static IReadOnlyList<Claim> Judge(IReadOnlyList<(PrecisionCase Case, IReadOnlyList<PrecisionPair> Pairs)> cases)
    {
        var claims = new List<Claim>();
        foreach (var (c, pairs) in cases)
        {
            if (!c.Judged) claims.Add(Overflow(claims.Count + 1, c, pairs));
            foreach (var q in c.Quantities) claims.Add(Quantity(claims.Count + 1, c, pairs, q));
        }
        return claims;
    }

    /// <summary>Every quantity of every seed (the rows of <c>precision_seeds.csv</c>).</summary>
    public static IEnumerable<PrecisionRow> Rows(PrecisionCase c, IReadOnlyList<PrecisionPair> pairs) =>
        from p in pairs from q in c.Quantities select new PrecisionRow(c.Name, p.Seed, q, Value(q, p.Double), Value(q, p.Single), p);

    private static double Value(PrecisionQuantity q, RunRecord r) => r.Summary.Diverged ? double.NaN : q.Measure(r);

    private static Claim Quantity(int n, PrecisionCase c, IReadOnlyList<PrecisionPair> pairs, PrecisionQuantity q)
    {
        var rows = Rows(c, pairs).Where(r => r.Quantity == q).ToList();
        double tolerance = q.Scale == QuantityScale.Epochs ? EpochTolerance(pairs[0].Double.Epochs) : RelativeTolerance;
        var values = rows.Select(r => new SeedValue(r.Seed, r.Difference, r.Difference <= tolerance)).ToList();
        bool all = values.All(v => v.Holds);
        string unit = q.Scale == QuantityScale.Epochs ? " epochs" : " (relative)";
        return new Claim
        {
            Id = $"precision.{n}",
            Statement = $"{c.Name}: single precision reproduces the {q.Name} of double precision",
            Kind = c.Judged ? ClaimKind.PerSeed : ClaimKind.Reported,
            Measured = all ? $"agrees within {Text(values.Max(v => v.Value), q.Scale)}{unit} over {values.Count} seeds" : $"differs: {Differences(rows, tolerance)}",
            Expected = $"|single − double| <= {Text(tolerance, q.Scale)}{unit} in every seed",
            Pass = c.Judged ? all : null,
            Seeds = ClaimList.Stats(values),
            Note = "per seed (double, single): " + string.Join("; ", rows.Select(r => $"seed {r.Seed}: {Cell(r.Double, r.Pair.Double)}, {Cell(r.Single, r.Pair.Single)}")),
        };
    }

    private static Claim Overflow(int n, PrecisionCase c, IReadOnlyList<PrecisionPair> pairs)
    {
        var values = pairs.Select(p =>
        {
            double exponent = PrecisionAdvice.Growth(p.Single.Settings)?.Exponent ?? double.NaN;
            bool warned = exponent > PrecisionAdvice.OverflowExponent;
            return new SeedValue(p.Seed, exponent, warned == p.SingleOverflowed && !p.Double.Summary.Diverged);
        }).ToList();
        var overflowed = pairs.Where(p => p.SingleOverflowed).Select(p => $"seed {p.Seed} (first non-finite epoch {p.Single.Summary.FirstNonFiniteEpoch})").ToList();
        return new Claim
        {
            Id = $"precision.{n}",
            Statement = $"{c.Name}: float32 overflows exactly where train warns (2T·log10 ρ(P0) > {PrecisionAdvice.OverflowExponent:0}) and double precision stays finite",
            Kind = ClaimKind.PerSeed,
            Measured = overflowed.Count == 0 ? "no seed overflowed in single precision" : $"overflowed in single precision: {string.Join(", ", overflowed)}",
            Expected = "single diverges ⇔ warned, double finite, in every seed",
            Pass = values.All(v => v.Holds),
            Seeds = ClaimList.Stats(values),
            Note = "per seed, 2T·log10 ρ(P0): " + string.Join("; ", values.Select(v => $"seed {v.Seed}: {v.Value.ToString("0.0", CultureInfo.InvariantCulture)}")),
        };
    }

    private static string Differences(IEnumerable<PrecisionRow> rows, double tolerance) =>
        string.Join("; ", rows.Where(r => !(r.Difference <= tolerance)).Select(r =>
            r.Pair.SingleOverflowed ? $"seed {r.Seed} overflowed in single precision (first non-finite epoch {r.Pair.Single.Summary.FirstNonFiniteEpoch})"
            : $"seed {r.Seed}: {Cell(r.Double, r.Pair.Double)} in double, {Cell(r.Single, r.Pair.Single)} in single"));

    private static string Cell(double v, RunRecord r) =>
        r.Summary.Diverged ? "diverged" : double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "none";

    private static string Text(double v, QuantityScale scale) =>
        scale == QuantityScale.Epochs ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("G2", CultureInfo.InvariantCulture);
}
